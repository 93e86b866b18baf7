import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askpassEnvironment, writeAskpassScript, writePasswordFile } from './ssh-askpass';

const runScript = (path: string, env: NodeJS.ProcessEnv, prompt: string) =>
  new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(path, [prompt], { env }, (error, stdout) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout })),
  );

describe(writeAskpassScript.name, () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'lp-askpass-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes an owner-only helper that prints the password from its one-time file, once, and deletes the file', async () => {
    const script = await writeAskpassScript(dir);
    expect((await stat(script)).mode & 0o777).toBe(0o700);
    const password = `p@ss 'with' "quotes" $HOME \\ ;`;
    const file = await writePasswordFile(dir, password);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const env = askpassEnvironment(script, file, { PATH: process.env['PATH'] });
    expect(await runScript(script, env, "root@127.0.0.1's password: ")).toEqual({ code: 0, stdout: `${password}\n` });
    expect(existsSync(file)).toBe(false);
    // A second ask (or anyone else running the helper later) gets nothing.
    expect((await runScript(script, env, "root@127.0.0.1's password: ")).stdout).toBe('');
  });

  it('answers no yes/no question, so a host key is never confirmed by accident', async () => {
    const script = await writeAskpassScript(dir);
    const file = await writePasswordFile(dir, 'secret');
    const result = await runScript(script, askpassEnvironment(script, file, { PATH: process.env['PATH'] }), 'Are you sure you want to continue connecting (yes/no/[fingerprint])? ');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
  });

  it('puts only the file name in the environment, never the password, and sets SSH_ASKPASS_REQUIRE=force', async () => {
    const file = await writePasswordFile(dir, 'pw-value');
    const env = askpassEnvironment('/x/askpass.sh', file, {});
    expect(env).toMatchObject({ SSH_ASKPASS: '/x/askpass.sh', SSH_ASKPASS_REQUIRE: 'force', LOCALPORT_SSH_PASSWORD_FILE: file });
    expect(JSON.stringify(env)).not.toContain('pw-value');
    expect(await readFile(file, 'utf8')).toBe('pw-value\n');
  });

  it('never reuses an existing file for the password', async () => {
    const a = await writePasswordFile(dir, 'one');
    const b = await writePasswordFile(dir, 'two');
    expect(a).not.toBe(b);
  });
});
