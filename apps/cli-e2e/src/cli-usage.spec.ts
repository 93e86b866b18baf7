import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithBuild, REPO_ROOT } from './support/built-artifacts';
import { configYaml, kubectlService } from './support/e2e-config';
import { E2eSandbox } from './support/e2e-sandbox';
import { StatusJson } from './support/status-json';

const target = { type: 'service', name: 'web', port: 8080, context: 'e2e' };
const STACK_LINE = /^\s+at /m;

describeWithBuild('localport CLI without a daemon', () => {
  let sandbox: E2eSandbox;
  beforeAll(() => {
    sandbox = E2eSandbox.create('cli');
    sandbox.writeConfig(configYaml([kubectlService('web', 18080, target), kubectlService('db', 15432, { ...target, name: 'postgres', port: 5432 }, { enabled: false })]));
  });
  afterAll(async () => {
    expect(await sandbox.cleanup()).toEqual([]);
  });

  it('config validate: exit 0 on a good file, naming its services', async () => {
    const r = await sandbox.expectCli(['config', 'validate'], 0);
    expect(r.stdout).toContain(sandbox.configPath);
    expect(r.stdout).toMatch(/2 services \(web, db\)/);
  });

  it('config validate: exit 2 on a bad file, naming file:line, service and field, without a stack trace', async () => {
    const bad = join(sandbox.dir, 'cfg', 'bad.yaml');
    const text = [
      'version: "1.0"',
      'services:',
      '  - name: web',
      '    technology: kubectl',
      '    local_port: 70000',
      '    remote_port: 8080',
      '    connection: { resource_type: service, resource_name: web }',
      '  - name: cache',
      '    technology: kubectl',
      '    local_port: 16379',
      '    remote_port: 6379',
      '    connection: { resource_type: service, resource_name: redis }',
      '    health_check: { type: tcp, interval: -5 }',
      '',
    ].join('\n');
    writeFileSync(bad, text);
    const r = await sandbox.expectCli(['config', 'validate', '--config', bad], 2);
    expect(r.stderr).toContain(`${bad}:5:`);
    expect(r.stderr).toMatch(/web.*local_port.*70000/);
    expect(r.stderr).toContain(`${bad}:13:`);
    expect(r.stderr).toMatch(/cache.*health_check\.interval/);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stdout).toBe('');
  });

  it('config validate: exit 2 for a file that is not YAML at all, with the line', async () => {
    const broken = join(sandbox.dir, 'cfg', 'broken.yaml');
    writeFileSync(broken, 'services:\n  - name: web\n    local_port: [1, 2\n');
    const r = await sandbox.expectCli(['--config', broken, 'config', 'validate'], 2);
    expect(r.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`));
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('status -o json with no daemon: running false and every configured service stopped', async () => {
    const s = JSON.parse((await sandbox.expectCli(['status', '-o', 'json'], 0)).stdout) as StatusJson;
    expect(s.daemon).toEqual({ running: false });
    expect(s.services.map((x) => [x.name, x.state])).toEqual([['web', 'stopped'], ['db', 'stopped']]);
    expect(s.clusters).toEqual([]);
  });

  it('an unknown service name is an error naming it (exit 2)', async () => {
    for (const args of [['status', 'nosuch'], ['logs', 'nosuch'], ['stop', 'nosuch']]) {
      const r = await sandbox.expectCli(args, 2);
      expect(r.stderr).toContain('nosuch');
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
  });

  it('logs, status and config show work without the ${VAR}s only the tunnels use; validate still names them (issue 11, defect 10)', async () => {
    const withVar = join(sandbox.dir, 'cfg', 'with-var.yaml');
    writeFileSync(withVar, configYaml([kubectlService('db', 15433, target, { health_check: { type: 'postgres', config: { user: 'app', password: '${LP_E2E_PGPW}' } } })]));
    const r = (args: string[], code: number) => sandbox.expectCli(['-c', withVar, ...args], code);
    expect((await r(['logs', 'db', '--path'], 0)).stdout.trim()).toBe(join(sandbox.localportHome, 'logs', 'services', 'db.log'));
    expect((await r(['logs', 'nosuch', '--path'], 2)).stderr).toContain('unknown service: nosuch');
    expect(JSON.parse((await r(['status', '-o', 'json'], 0)).stdout).services.map((x: { name: string }) => x.name)).toEqual(['db']);
    const shown = await r(['config', 'show'], 0);
    expect(shown.stdout).toMatch(/password: "?\*\*\*"?/);
    expect(shown.stdout).not.toContain('LP_E2E_PGPW');
    expect(shown.stderr).toMatch(/warning: .*with-var\.yaml:\d+: environment variable LP_E2E_PGPW is not set/);
    expect((await r(['config', 'validate'], 2)).stderr).toMatch(/environment variable LP_E2E_PGPW is not set/);
  });

  it('start --tag with a tag no enabled service has: exit 2 naming the tags there are, and no daemon left behind (issue 11, defect 10)', async () => {
    const tagged = join(sandbox.dir, 'cfg', 'tagged.yaml');
    writeFileSync(tagged, configYaml([kubectlService('web', 18081, target, { tags: ['front'] }), kubectlService('db', 15434, target, { tags: ['data', 'old'], enabled: false })]));
    const r = await sandbox.expectCli(['-c', tagged, 'start', '--tag', 'nope'], 2);
    expect(r.stderr).toContain('error: no enabled service has tag nope (tags: front)');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(await sandbox.expectCli(['-c', tagged, 'start', 'web', 'nosuch'], 2)).toMatchObject({ stderr: expect.stringContaining('unknown service: nosuch (configured: web, db)') });
    expect(sandbox.ownProcesses()).toEqual([]);
    expect(existsSync(sandbox.socketPath)).toBe(false);
    await sandbox.expectCli(['daemon', 'status'], 1);
  });

  it('--version prints the package version', async () => {
    const r = await sandbox.expectCli(['--version'], 0);
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('keeps compiled code in LOCALPORT_HOME/cache, reuses it, replaces a corrupt one, and runs the same in every case', async () => {
    const cacheDir = join(sandbox.localportHome, 'cache');
    rmSync(cacheDir, { recursive: true, force: true });
    const fresh = await sandbox.expectCli(['config', 'validate'], 0);
    const [cacheFile] = readdirSync(cacheDir);
    expect(cacheFile).toMatch(/^cli\.js-v.*\.v8$/);
    const path = join(cacheDir, cacheFile);
    // A cache V8 accepts is left as it is; a rejected one is written anew (a new inode, by rename).
    const written = statSync(path).ino;
    expect((await sandbox.expectCli(['config', 'validate'], 0)).stdout).toBe(fresh.stdout);
    expect(statSync(path).ino).toBe(written);
    writeFileSync(path, 'not V8 code');
    expect((await sandbox.expectCli(['config', 'validate'], 0)).stdout).toBe(fresh.stdout);
    const replaced = statSync(path).ino;
    expect(readFileSync(path).length).toBeGreaterThan(1_000);
    expect((await sandbox.expectCli(['config', 'validate'], 0)).stdout).toBe(fresh.stdout);
    expect(statSync(path).ino).toBe(replaced); // the replacement is accepted in turn
    expect(readdirSync(cacheDir)).toEqual([cacheFile]);
  });
});
