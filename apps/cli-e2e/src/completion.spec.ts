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

  /**
   * What bash offers after `localport <line>` with the cursor at the end (a trailing space starts a new word),
   * for each line: one bash sources the script once and completes them all, as a user's shell would.
   */
  async function completeAll(lines: readonly string[], shellEnv = env): Promise<string[][]> {
    const script = `source <(localport completion bash)
for line in "$@"; do
  read -ra COMP_WORDS <<< "localport $line"
  [[ "$line" == *" " || -z "$line" ]] && COMP_WORDS+=("")
  COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _localport
  printf '%s ' "\${COMPREPLY[@]}"
  printf '\\n'
done`;
    const r = await runCommand('bash', ['-c', script, 'bash', ...lines], { cwd: sandbox.home, env: shellEnv, timeoutMs: 60_000 });
    if (r.code !== 0 || r.stderr !== '') throw new Error(`bash exit ${r.code}: ${r.stderr}`);
    return r.stdout.split('\n').slice(0, lines.length).map((l) => l.split(' ').filter(Boolean).sort());
  }

  /** Checks each `[line, expected]` pair with one bash. */
  async function expectCompletions(cases: readonly (readonly [string, string[]])[], shellEnv = env): Promise<void> {
    const got = await completeAll(cases.map(([line]) => line), shellEnv);
    expect(Object.fromEntries(cases.map(([line], i) => [line, got[i]]))).toEqual(Object.fromEntries(cases.map(([line, want]) => [line, [...want].sort()])));
  }

  it('completes commands, then subcommands', async () => {
    await expectCompletions([
      ['', ['cluster', 'completion', 'config', 'daemon', 'doctor', 'env', 'events', 'exec', 'logs', 'restart', 'service', 'start', 'status', 'stop']],
      ['st', ['start', 'status', 'stop']],
      ['daemon ', ['reload', 'restart', 'run', 'start', 'status', 'stop']],
      ['service ', ['install', 'status', 'uninstall']],
      ['completion ', ['bash', 'fish', 'zsh']],
    ]);
  }, 60_000);

  it('completes flags of the command and the global ones, and option values with choices', async () => {
    const [flags] = await completeAll(['start --']);
    expect(flags).toEqual(expect.arrayContaining(['--all', '--tag', '--wait', '--timeout', '--config', '--output']));
    expect(flags).not.toContain('--follow');
    await expectCompletions([
      ['status -o ', ['json', 'table', 'text', 'yaml']],
      ['env --format ', ['dotenv', 'json', 'sh']],
    ]);
  }, 60_000);

  it('completes service names, tags and contexts from the config, without a daemon and despite an unset ${VAR}', async () => {
    await expectCompletions([
      ['start ', ['api', 'postgres', 'redis-cache']],
      ['start po', ['postgres']],
      ['stop postgres ', ['api', 'redis-cache']],
      ['logs ', ['api', 'postgres', 'redis-cache']],
      ['logs api ', []],
      ['exec ', ['api', 'postgres', 'redis-cache']],
      ['start --tag ', ['cache', 'core', 'db']],
      // ${LP_UNSET_CONTEXT} is unset: that context is left out; ${LP_OTHER_CONTEXT:staging} takes its default.
      ['cluster status --context ', ['dev-cluster', 'staging']],
    ]);
    await expectCompletions([['cluster status --context ', ['dev-cluster', 'prod', 'staging']]], { ...env, LP_UNSET_CONTEXT: 'prod' });
    expect(existsSync(sandbox.socketPath)).toBe(false);
  }, 60_000);

  it('reads the config named by -c on the line, and offers file names for --config', async () => {
    const other = join(sandbox.dir, 'cfg', 'other.yaml');
    writeFileSync(other, 'version: "1.0"\nservices:\n  - name: only-here\n    technology: ssh\n    local_port: 2222\n    remote_port: 22\n    connection: { host: h }\n');
    writeFileSync(join(sandbox.home, 'dev.yaml'), '');
    await expectCompletions([
      [`-c ${other} start `, ['only-here']],
      ['--config de', ['dev.yaml']],
    ]);
  }, 60_000);

  it('offers nothing rather than failing when the config is missing or broken', async () => {
    await expectCompletions([['start ', []]], { ...env, LOCALPORT_CONFIG: join(sandbox.dir, 'missing.yaml') });
    const broken = join(sandbox.dir, 'cfg', 'broken.yaml');
    writeFileSync(broken, 'services: [ {name: x\n');
    await expectCompletions([['start ', []]], { ...env, LOCALPORT_CONFIG: broken });
  }, 60_000);

  it.each(['zsh', 'fish'])('the %s script is valid for that shell (where installed)', async (shell) => {
    const r = await runCommand(process.execPath, [CLI_MAIN, 'completion', shell], { cwd: sandbox.home, env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('localport __complete --');
    if (!hasShell(shell)) return; // only bash is on the test machines; the syntax check runs where the shell is
    const file = join(sandbox.dir, `completion.${shell}`);
    writeFileSync(file, r.stdout);
    expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
  }, 60_000);
});
