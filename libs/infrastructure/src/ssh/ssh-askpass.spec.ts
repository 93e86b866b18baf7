import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { askpassEnvironment, writeAskpassScript } from './ssh-askpass';

const runScript = (path: string, env: NodeJS.ProcessEnv, prompt: string) =>
  new Promise<{ code: number; stdout: string }>((resolve) =>
    execFile(path, [prompt], { env }, (error, stdout) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout })),
  );

describe(writeAskpassScript.name, () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'lp-askpass-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes an owner-only helper that prints the password from the environment', async () => {
    const script = await writeAskpassScript(dir);
    expect((await stat(script)).mode & 0o777).toBe(0o700);
    const password = `p@ss 'with' "quotes" $HOME \\ ;`;
    const result = await runScript(script, askpassEnvironment(script, password, { PATH: process.env['PATH'] }), "root@127.0.0.1's password: ");
    expect(result).toEqual({ code: 0, stdout: `${password}\n` });
  });

  it('answers no yes/no question, so a host key is never confirmed by accident', async () => {
    const script = await writeAskpassScript(dir);
    const result = await runScript(script, askpassEnvironment(script, 'secret', { PATH: process.env['PATH'] }), 'Are you sure you want to continue connecting (yes/no/[fingerprint])? ');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
  });

  it('sets SSH_ASKPASS_REQUIRE=force so ssh asks the helper even with a terminal', async () => {
    expect(askpassEnvironment('/x/askpass.sh', 'pw', {})).toMatchObject({ SSH_ASKPASS: '/x/askpass.sh', SSH_ASKPASS_REQUIRE: 'force', LOCALPORT_SSH_PASSWORD: 'pw' });
  });
});
