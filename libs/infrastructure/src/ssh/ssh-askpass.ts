import { chmod, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The environment variable naming the (0600, read-once) file the askpass helper takes the password from. */
export const ASKPASS_PASSWORD_FILE_VARIABLE = 'LOCALPORT_SSH_PASSWORD_FILE';

// Answers password prompts only: a yes/no question (e.g. a new host key) gets no answer, so ssh refuses.
// The password never sits in an environment (readable in /proc/PID/environ for the process's whole life): the
// helper prints the file once and deletes it, and the launcher deletes it too once the tunnel is up or gone.
const SCRIPT = `#!/bin/sh
# Written by LocalPort: hands ssh the password from a one-time file in LocalPort's private runtime dir.
case "$1" in *yes/no*) exit 1 ;; esac
f="$${ASKPASS_PASSWORD_FILE_VARIABLE}"
[ -n "$f" ] && [ -f "$f" ] || exit 1
cat -- "$f"
status=$?
rm -f -- "$f"
exit $status
`;

/** Writes the askpass helper (0700) into `dir` and returns its path. */
export async function writeAskpassScript(dir: string): Promise<string> {
  const path = join(dir, 'ssh-askpass.sh');
  const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, SCRIPT, { mode: 0o700 });
  await chmod(tmp, 0o700);
  await rename(tmp, path);
  return path;
}

/** Writes `password` to a new owner-only (0600) file in `dir` (a private 0700 directory); returns its path. */
export async function writePasswordFile(dir: string, password: string): Promise<string> {
  const path = join(dir, `askpass-${randomBytes(8).toString('hex')}.pw`);
  // 'wx': never follow or reuse an existing file; the mode applies from creation, before any byte is written.
  await writeFile(path, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return path;
}

/** Environment that makes ssh take its password from the helper at `scriptPath`, which reads `passwordFile` once. */
export function askpassEnvironment(scriptPath: string, passwordFile: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, SSH_ASKPASS: scriptPath, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: base['DISPLAY'] ?? 'localport:0', [ASKPASS_PASSWORD_FILE_VARIABLE]: passwordFile };
}
