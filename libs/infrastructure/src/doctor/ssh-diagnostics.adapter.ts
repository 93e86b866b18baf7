import { HostKeyChecking, ProbeFailure, SshDiagnostics, SshDoctorTarget, SshResolved } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import { execFile } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { open, stat } from 'node:fs/promises';
import { homedir } from 'node:os';

interface Ran { readonly code: number | null; readonly stdout: string; readonly stderr: string; readonly missing: boolean }

const run = (file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Ran> =>
  new Promise((resolve) => execFile(file, args, { env, timeout: 10_000 }, (e, stdout, stderr) => {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, stdout: String(stdout), stderr: String(stderr), missing: code === 'ENOENT' });
  }));

const expand = (p: string) => (p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p);

/** SshDiagnostics with the OpenSSH tools (`ssh -V`, `ssh -G`, `ssh-keygen -F`), DNS and the file system. */
export class OpenSshDiagnostics implements SshDiagnostics {
  constructor(private readonly options: { ssh?: string; sshKeygen?: string; env?: NodeJS.ProcessEnv } = {}) {}

  async version(): Promise<Result<string, ProbeFailure>> {
    const r = await run(this.options.ssh ?? 'ssh', ['-V'], this.env);
    if (r.missing) return err({ code: 'CLIENT_MISSING', message: `cannot run ${this.options.ssh ?? 'ssh'}: not found on PATH` });
    return ok((r.stderr || r.stdout).trim().split('\n')[0]);
  }

  /** `ssh -G` with the same host, port, user, key and options the tunnel would use. */
  async resolve(c: SshDoctorTarget): Promise<Result<SshResolved, ProbeFailure>> {
    const args = ['-G', '-p', String(c.port), '-o', `StrictHostKeyChecking=${c.strictHostKeyChecking}`, ...Object.entries(c.options).flatMap(([k, v]) => ['-o', `${k}=${v}`]), ...(c.keyFile ? ['-i', expand(c.keyFile)] : []), c.user ? `${c.user}@${c.host}` : c.host];
    const r = await run(this.options.ssh ?? 'ssh', args, this.env);
    if (r.code !== 0) return err({ code: 'SSH.CONFIG', message: r.stderr.trim().split('\n')[0] || `ssh -G exited with ${r.code}` });
    const all = new Map<string, string[]>();
    for (const line of r.stdout.split('\n')) {
      const at = line.indexOf(' ');
      if (at > 0) all.set(line.slice(0, at), [...(all.get(line.slice(0, at)) ?? []), line.slice(at + 1).trim()]);
    }
    const one = (k: string) => all.get(k)?.[0] ?? '';
    const files = [...(all.get('userknownhostsfile') ?? []), ...(all.get('globalknownhostsfile') ?? [])].flatMap((v) => v.split(/\s+/)).filter(Boolean).map(expand);
    const strict = one('stricthostkeychecking');
    return ok({
      hostname: one('hostname') || c.host, port: Number(one('port')) || c.port, user: one('user'), identityFiles: (all.get('identityfile') ?? []).map(expand),
      knownHostsFiles: files, strictHostKeyChecking: (strict === 'true' ? 'yes' : strict === 'false' ? 'no' : strict || c.strictHostKeyChecking) as HostKeyChecking,
    });
  }

  async lookup(hostname: string): Promise<Result<string, ProbeFailure>> {
    try {
      return ok((await lookup(hostname)).address);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? 'ERROR';
      return err({ code: `DNS.${code}`, message: code === 'ENOTFOUND' ? 'does not resolve (no such host)' : `cannot be resolved (${code})` });
    }
  }

  async knownHostKey(hostname: string, port: number, files: readonly string[]): Promise<string | null> {
    const name = port === 22 ? hostname : `[${hostname}]:${port}`;
    for (const file of files) {
      const r = await run(this.options.sshKeygen ?? 'ssh-keygen', ['-F', name, '-f', file], this.env);
      if (r.code === 0 && r.stdout.trim()) return file;
    }
    return null;
  }

  async checkKeyFile(path: string): Promise<Result<void, ProbeFailure>> {
    const file = expand(path);
    try {
      const st = await stat(file);
      if (!st.isFile()) return err({ code: 'KEY.UNREADABLE', message: `${file} is not a file` });
      const handle = await open(file, 'r');
      await handle.read(Buffer.alloc(1), 0, 1, 0).finally(() => handle.close());
      // ssh refuses a private key others can read: "UNPROTECTED PRIVATE KEY FILE".
      if ((st.mode & 0o077) !== 0) return err({ code: 'KEY.TOO_OPEN', message: `permissions 0${(st.mode & 0o777).toString(8)} are too open: ssh ignores a private key others can access` });
      return ok(undefined);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return err({ code: code === 'ENOENT' ? 'KEY.NOT_FOUND' : 'KEY.UNREADABLE', message: code === 'ENOENT' ? `${file} does not exist` : `${file} cannot be read (${code ?? (e as Error).message})` });
    }
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }
}
