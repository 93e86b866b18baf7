import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './program';

/** Runs the CLI in process with its own LOCALPORT_HOME; returns exit code and what it printed. */
async function cli(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await run(['node', 'localport', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.env = saved;
  }
}

describe('the localport CLI (no daemon running)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-cli-'));
    env = { LOCALPORT_HOME: join(dir, 'home'), HOME: dir, NO_COLOR: '1' };
    writeFileSync(join(dir, 'good.yaml'), 'version: "1.0"\nservices:\n  - name: db\n    technology: kubectl\n    local_port: 15432\n    remote_port: 5432\n    connection: { resource_name: postgres, context: dev }\n');
    writeFileSync(join(dir, 'bad.yaml'), 'version: "1.0"\nservices:\n  - name: db\n    technology: kubectl\n    local_port: 70000\n    remote_port: 5432\n    connection: { resource_name: postgres }\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its version', async () => {
    expect(await cli(['--version'], env)).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('validates a good config with exit 0 and a bad one with exit 2, naming file, line, service and field', async () => {
    expect(await cli(['config', 'validate', '-c', join(dir, 'good.yaml')], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('is valid: 1 service (db)') });
    const bad = await cli(['config', 'validate', '-c', join(dir, 'bad.yaml')], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'bad.yaml')}:5: services[0] "db": local_port 70000 is not a port (1-65535)`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('treats usage mistakes as exit 2', async () => {
    expect((await cli(['start', '-c', join(dir, 'good.yaml')], env)).code).toBe(2);
    expect((await cli(['bogus'], env)).code).toBe(2);
    expect((await cli(['-o', 'xml', 'status'], env)).code).toBe(2);
    expect((await cli(['config', 'validate', '-c', join(dir, 'missing.yaml')], env))).toMatchObject({ code: 2, stderr: expect.stringContaining('missing.yaml') });
  });

  it('names an unknown command and the closest one, also in a group (exit 2; issue 11, defect 10)', async () => {
    expect(await cli(['strat', 'web'], env)).toMatchObject({ code: 2, stderr: "error: unknown command 'strat'\n(Did you mean start?)\n" });
    expect(await cli(['frobnicate'], env)).toMatchObject({ code: 2, stderr: "error: unknown command 'frobnicate'\n" });
    expect(await cli(['daemon', 'strat'], env)).toMatchObject({ code: 2, stderr: "error: unknown command 'strat'\n(Did you mean start?)\n" });
    expect(await cli(['daemon'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining("'daemon' needs a subcommand: start, run, stop") });
    expect(await cli([], env)).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: localport') });
  });

  it('reports every configured service stopped when no daemon runs', async () => {
    const r = await cli(['status', '-o', 'json', '-c', join(dir, 'good.yaml')], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      daemon: { running: false },
      services: [expect.objectContaining({ name: 'db', technology: 'kubectl', localPort: 15432, state: 'stopped', healthy: false, restarts: 0, lastError: null, context: 'dev' })],
      clusters: [],
    });
  });

  it('names an unknown service', async () => {
    const r = await cli(['status', 'nope', '-c', join(dir, 'good.yaml')], env);
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown service: nope') });
  });

  it('says the daemon is not running for commands that need it, with exit 1', async () => {
    expect(await cli(['daemon', 'reload'], env)).toMatchObject({ code: 1, stderr: expect.stringContaining('the daemon is not running') });
    expect(await cli(['daemon', 'status', '-o', 'json'], env)).toMatchObject({ code: 1, stdout: expect.stringContaining('"running": false') });
  });
});
