import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * How sshd is started so that the test user (whoever runs the tests) logs in with a known password, without
 * changing the system: sshd runs in a private mount namespace (`unshare --mount`) where a copy of /etc/shadow
 * giving that user `password` is bind-mounted over the real one. Needs root and util-linux's `unshare`.
 */
export interface PasswordLaunch {
  readonly command: string;
  /** Arguments before sshd's own. */
  readonly prefix: readonly string[];
}

/** Why a password-accepting sshd cannot run here, or null when it can. */
export function passwordSshdUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root: the user password is given by bind-mounting a private copy of /etc/shadow';
  if (!existsSync('/usr/bin/unshare')) return 'needs /usr/bin/unshare (util-linux) for a private mount namespace';
  if (!existsSync('/etc/shadow')) return 'needs /etc/shadow (sshd checks passwords against it with UsePAM no)';
  return null;
}

/** Writes `<dir>/shadow` giving `user` `password`, and returns how to start sshd with it mounted over /etc/shadow. */
export async function passwordLaunch(dir: string, user: string, password: string): Promise<PasswordLaunch> {
  const unavailable = passwordSshdUnavailable();
  if (unavailable) throw new Error(`a password-accepting sshd ${unavailable}`);
  const hash = await new Promise<string>((resolve, reject) =>
    execFile('openssl', ['passwd', '-6', '-stdin'], (error, stdout) => (error ? reject(error) : resolve(stdout.trim()))).stdin!.end(`${password}\n`),
  );
  const lines = (await readFile('/etc/shadow', 'utf8')).split('\n').map((line) => {
    const fields = line.split(':');
    if (fields[0] !== user) return line;
    fields[1] = hash;
    return fields.join(':');
  });
  const shadow = join(dir, 'shadow');
  await writeFile(shadow, lines.join('\n'), { mode: 0o600 });
  // `exec` keeps one pid from unshare to sshd, so the harness signals sshd itself.
  return { command: '/usr/bin/unshare', prefix: ['--mount', '--propagation', 'private', 'sh', '-c', `mount --bind "$0" /etc/shadow && exec "$@"`, shadow] };
}
