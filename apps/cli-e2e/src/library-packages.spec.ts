import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_MAIN, describeWithBuild, REPO_ROOT } from './support/built-artifacts';
import { describeRun } from './support/cli-runner';
import { npmEnv, runCommand } from './support/run-command';

const LIBS = ['domain', 'application', 'infrastructure'] as const;
const DIST_LIBS = join(CLI_MAIN, '..', '..', '..', 'libs');
const TSC = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Every installed package in a node_modules tree (scoped ones included), as names. */
function installedPackages(nodeModules: string): string[] {
  const names: string[] = [];
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) for (const sub of readdirSync(join(nodeModules, entry))) names.push(`${entry}/${sub}`);
    else names.push(entry);
  }
  return names.sort();
}

const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;

describeWithBuild('@localport/domain, application and infrastructure as npm packages used by an outside project', () => {
  let work: string;
  let project: string;
  const run = (cmd: string, args: string[]) => runCommand(cmd, args, { cwd: project, env: npmEnv(), timeoutMs: 180_000 });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'lp-libs-'));
    project = join(work, 'consumer');
    mkdirSync(project);
    const tarballs: string[] = [];
    for (const lib of LIBS) {
      const packed = await runCommand('npm', ['pack', join(DIST_LIBS, lib), '--pack-destination', work, '--json'], { cwd: work, env: npmEnv() });
      if (packed.code !== 0) throw new Error(describeRun(['npm pack', lib], packed));
      tarballs.push(join(work, (JSON.parse(packed.stdout) as { filename: string }[])[0].filename));
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    // No --install-links: plain tarballs, as another team's project would install them; --offline: from npm's cache.
    const installed = await run('npm', ['install', '--offline', ...tarballs]);
    if (installed.code !== 0) throw new Error(describeRun(['npm install', ...tarballs], installed));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, outDir: 'out', rootDir: '.',
        types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
      },
      include: ['*.ts'],
    }));
    writeFileSync(join(project, 'main.ts'), readFileSync(join(__dirname, 'fixtures', 'library-consumer.ts.txt'), 'utf8'));
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('each declares only its own dependencies: domain none, application the domain, infrastructure no Kubernetes client or pg', () => {
    const nm = join(project, 'node_modules');
    expect(manifest(join(nm, '@localport', 'domain')).dependencies).toBeUndefined();
    expect(manifest(join(nm, '@localport', 'application')).dependencies).toEqual({ '@localport/domain': expect.any(String) });
    const infra = manifest(join(nm, '@localport', 'infrastructure'));
    expect(Object.keys(infra.dependencies ?? {}).sort()).toEqual(['@localport/application', '@localport/domain', 'winston', 'ws', 'yaml', 'zod']);
    expect(infra.peerDependenciesMeta).toEqual({ '@kubernetes/client-node': { optional: true }, pg: { optional: true } });
    const all = installedPackages(nm);
    expect(all).not.toContain('@kubernetes/client-node');
    expect(all).not.toContain('pg');
    expect(all.length).toBeLessThan(45); // was 119 with the Kubernetes client and pg as dependencies
    for (const lib of LIBS) expect(existsSync(join(nm, '@localport', lib, 'README.md'))).toBe(true);
  }, 60_000);

  it('only the package entry points are reachable, not private modules', async () => {
    const r = await run(process.execPath, ['-e', "require('@localport/domain/src/cluster/cluster-info')"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  }, 60_000);

  it('a TypeScript program type-checks against them, loads and validates a config, and builds the cluster entities', async () => {
    const tsc = await run(process.execPath, [TSC, '-p', 'tsconfig.json']);
    expect({ code: tsc.code, out: tsc.stdout }).toEqual({ code: 0, out: '' });
    writeFileSync(join(project, 'good.yaml'), 'version: "1.0"\nservices:\n  - name: db\n    technology: ssh\n    local_port: 15432\n    remote_port: 5432\n    connection: { host: bastion.example, remote_host: db.internal }\n');
    const good = await run(process.execPath, ['out/main.js', 'good.yaml']);
    expect(good.stderr).toBe('');
    expect(JSON.parse(good.stdout)).toEqual({ valid: true, services: ['db'], status: 'warning', nodes: { ready: 2, total: 2 }, warnings: 1, event: 'Pod/default/web-0' });
    writeFileSync(join(project, 'bad.yaml'), 'version: "1.0"\nservices:\n  - name: db\n    technology: ssh\n    local_port: 70000\n    remote_port: 5432\n    connection: { host: bastion.example }\n');
    const bad = JSON.parse((await run(process.execPath, ['out/main.js', 'bad.yaml'])).stdout) as { valid: boolean; code: string; problems: string[] };
    expect(bad).toMatchObject({ valid: false, code: 'CONFIG.INVALID' });
    expect(bad.problems.join('\n')).toMatch(/local_port/);
  }, 120_000);

  it('the types are real: a program misusing them fails to type-check', async () => {
    writeFileSync(join(project, 'wrong.ts'), "import { ClusterInfo } from '@localport/domain';\nexport const info: ClusterInfo = { context: 1 };\n");
    try {
      const tsc = await run(process.execPath, [TSC, '-p', 'tsconfig.json', '--noEmit']);
      expect(tsc.code).not.toBe(0);
      expect(tsc.stdout).toMatch(/wrong\.ts.*error TS2322/s);
    } finally {
      rmSync(join(project, 'wrong.ts'));
    }
  }, 120_000);
});
