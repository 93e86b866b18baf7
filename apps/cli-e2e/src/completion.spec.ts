import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI_MAIN, describeWithBuild } from './support/built-artifacts';
import { E2eSandbox } from './support/e2e-sandbox';
import { runCommand } from './support/run-command';

const CONFIG = `version: "1.0"
services:
  - name: postgres
    technology: kubectl
    local_port: 15432
    remote_port: 5432
    tags: [db, core]
    connection: { resource_name: postgres, context: \${LP_UNSET_CONTEXT} }
  - name: redis-cache
    technology: kubectl
    local_port: 16379
    remote_port: 6379
    tags: [cache]
    connection: { resource_name: redis, context: "\${LP_OTHER_CONTEXT:staging}" }
  - name: api
    technology: kubectl
    local_port: 18080
    remote_port: 80
    connection: { resource_name: api, context: dev-cluster }
`;

const hasShell = (shell: string) => spawnSync(shell, ['-c', 'true']).status === 0;

describeWithBuild('localport completion (the generated script, run in a real bash against the built CLI)', () => {
  let sandbox: E2eSandbox;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    sandbox = E2eSandbox.create('comp');
    sandbox.writeConfig(CONFIG);
    // `localport` on PATH, as after `npm install -g`: the scripts call it by name.
    const bin = join(sandbox.dir, 'bin');
    mkdirSync(bin);
    symlinkSync(CLI_MAIN, join(bin, 'localport'));
    env = { ...sandbox.env, PATH: `${bin}:${sandbox.env.PATH}` };
    delete env.LP_UNSET_CONTEXT;
    delete env.LP_OTHER_CONTEXT;
  });

  afterAll(async () => {
    expect(await sandbox.cleanup()).toEqual([]);
  });

  /** What bash offers after `localport <line>` with the cursor at the end (a trailing space starts a new word). */
  async function complete(line: string, shellEnv = env): Promise<string[]> {
    const script = `source <(localport completion bash)
read -ra COMP_WORDS <<< "localport $1"
[[ "$1" == *" " || -z "$1" ]] && COMP_WORDS+=("")
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
_localport
printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = await runCommand('bash', ['-c', script, 'bash', line], { cwd: sandbox.home, env: shellEnv, timeoutMs: 30_000 });
    if (r.code !== 0 || r.stderr !== '') throw new Error(`bash exit ${r.code}: ${r.stderr}`);
    return r.stdout.split('\n').filter(Boolean).sort();
  }

  it('completes commands, then subcommands', async () => {
    expect(await complete('')).toEqual(['cluster', 'completion', 'config', 'daemon', 'env', 'exec', 'logs', 'restart', 'service', 'start', 'status', 'stop']);
    expect(await complete('st')).toEqual(['start', 'status', 'stop']);
    expect(await complete('daemon ')).toEqual(['reload', 'restart', 'run', 'start', 'status', 'stop']);
    expect(await complete('service ')).toEqual(['install', 'status', 'uninstall']);
    expect(await complete('completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('completes flags of the command and the global ones, and option values with choices', async () => {
    const flags = await complete('start --');
    expect(flags).toEqual(expect.arrayContaining(['--all', '--tag', '--wait', '--timeout', '--config', '--output']));
    expect(flags).not.toContain('--follow');
    expect(await complete('status -o ')).toEqual(['json', 'table', 'text', 'yaml']);
    expect(await complete('env --format ')).toEqual(['dotenv', 'json', 'sh']);
  });

  it('completes service names, tags and contexts from the config, without a daemon and despite an unset ${VAR}', async () => {
    expect(await complete('start ')).toEqual(['api', 'postgres', 'redis-cache']);
    expect(await complete('start po')).toEqual(['postgres']);
    expect(await complete('stop postgres ')).toEqual(['api', 'redis-cache']);
    expect(await complete('logs ')).toEqual(['api', 'postgres', 'redis-cache']);
    expect(await complete('logs api ')).toEqual([]);
    expect(await complete('exec ')).toEqual(['api', 'postgres', 'redis-cache']);
    expect(await complete('start --tag ')).toEqual(['cache', 'core', 'db']);
    // ${LP_UNSET_CONTEXT} is unset: that context is left out; ${LP_OTHER_CONTEXT:staging} takes its default.
    expect(await complete('cluster status --context ')).toEqual(['dev-cluster', 'staging']);
    expect(await complete('cluster status --context ', { ...env, LP_UNSET_CONTEXT: 'prod' })).toEqual(['dev-cluster', 'prod', 'staging']);
    expect(existsSync(sandbox.socketPath)).toBe(false);
  });

  it('reads the config named by -c on the line, and offers file names for --config', async () => {
    const other = join(sandbox.dir, 'cfg', 'other.yaml');
    writeFileSync(other, 'version: "1.0"\nservices:\n  - name: only-here\n    technology: ssh\n    local_port: 2222\n    remote_port: 22\n    connection: { host: h }\n');
    expect(await complete(`-c ${other} start `)).toEqual(['only-here']);
    writeFileSync(join(sandbox.home, 'dev.yaml'), '');
    expect(await complete('--config de')).toEqual(['dev.yaml']);
  });

  it('offers nothing rather than failing when the config is missing or broken', async () => {
    expect(await complete('start ', { ...env, LOCALPORT_CONFIG: join(sandbox.dir, 'missing.yaml') })).toEqual([]);
    const broken = join(sandbox.dir, 'cfg', 'broken.yaml');
    writeFileSync(broken, 'services: [ {name: x\n');
    expect(await complete('start ', { ...env, LOCALPORT_CONFIG: broken })).toEqual([]);
  });

  it.each(['zsh', 'fish'])('the %s script is valid for that shell (where installed)', async (shell) => {
    const r = await runCommand(process.execPath, [CLI_MAIN, 'completion', shell], { cwd: sandbox.home, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('localport __complete --');
    if (!hasShell(shell)) return; // only bash is on the test machines; the syntax check runs where the shell is
    const file = join(sandbox.dir, `completion.${shell}`);
    writeFileSync(file, r.stdout);
    expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
  });
});
