import { chmod, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** The environment variable the askpass helper reads the password from. */
export const ASKPASS_PASSWORD_VARIABLE = 'LOCALPORT_SSH_PASSWORD';

// Answers password prompts only: a yes/no question (e.g. a new host key) gets no answer, so ssh refuses.
const SCRIPT = `#!/bin/sh
# Written by LocalPort: hands ssh the password from the environment, never from a file or a command line.
case "$1" in *yes/no*) exit 1 ;; esac
printf '%s\\n' "$${ASKPASS_PASSWORD_VARIABLE}"
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

/** Environment that makes ssh take `password` from the helper at `scriptPath`. */
export function askpassEnvironment(scriptPath: string, password: string, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...base, SSH_ASKPASS: scriptPath, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: base['DISPLAY'] ?? 'localport:0', [ASKPASS_PASSWORD_VARIABLE]: password };
}
