import { Service } from '@localport/domain';
import { CheckResult, fail, pass, skip, warn } from './doctor-check';
import { SshDiagnostics } from './doctor-probes.port';
import { DoctorDeclarations, SshDoctorTarget, sshServices } from './doctor-targets';

/** For the services whose technology asks for them: ssh present; per service: `ssh -G` works, the host resolves, its host key is known, the key file is usable. */
export async function sshChecks(services: readonly Service[], declared: DoctorDeclarations, ssh: SshDiagnostics): Promise<CheckResult[]> {
  const tunnels = sshServices(services, declared);
  if (tunnels.length === 0) return [];
  const version = await ssh.version();
  if (!version.ok) return [fail('ssh.present', 'ssh', version.error.message, 'install the OpenSSH client (e.g. apt install openssh-client)')];
  const per = await Promise.all(tunnels.map((s) => serviceChecks(s.name, s.connection, ssh)));
  return [pass('ssh.present', 'ssh', version.value), ...per.flat()];
}

async function serviceChecks(name: string, c: SshDoctorTarget, ssh: SshDiagnostics): Promise<CheckResult[]> {
  const id = (what: string) => `ssh.${what}:${name}`;
  const resolved = await ssh.resolve(c);
  if (!resolved.ok) return [fail(id('config'), `ssh config for ${c.host} (${name})`, resolved.error.message, `fix ~/.ssh/config or the connection of ${name}; try 'ssh -G ${c.host}'`)];
  const r = resolved.value;
  const out: CheckResult[] = [];
  const found = await ssh.lookup(r.hostname);
  out.push(found.ok
    ? pass(id('resolve'), `host ${c.host} (${name})`, r.hostname === found.value ? `${r.hostname}` : `${r.hostname} -> ${found.value}`)
    : fail(id('resolve'), `host ${c.host} (${name})`, `${r.hostname}: ${found.error.message}`, `check the host name (connection.host of ${name}, or HostName in ~/.ssh/config) and your DNS/VPN`));
  const hostKeyTitle = `host key of ${r.hostname}:${r.port} (${name})`;
  if (c.strictHostKeyChecking === 'no') out.push(warn(id('host-key'), hostKeyTitle, 'not checked: strict_host_key_checking is no', `set strict_host_key_checking: yes for ${name} once the key is in known_hosts`));
  else {
    const file = await ssh.knownHostKey(r.hostname, r.port, r.knownHostsFiles);
    const scan = `ssh-keyscan -p ${r.port} ${r.hostname} >> ${r.knownHostsFiles[0] ?? '~/.ssh/known_hosts'}`;
    if (file) out.push(pass(id('host-key'), hostKeyTitle, `known (${file})`));
    else if (c.strictHostKeyChecking === 'accept-new') out.push(warn(id('host-key'), hostKeyTitle, 'not known yet; it will be trusted on first connect (accept-new)', `to pin it now, verify its fingerprint and run '${scan}'`));
    else out.push(fail(id('host-key'), hostKeyTitle, `not in ${r.knownHostsFiles.join(', ') || 'any known_hosts file'}; ssh will refuse to connect`, `verify the server's fingerprint, then '${scan}' (or 'ssh -p ${r.port} ${r.user}@${r.hostname}' once and accept it)`));
  }
  if (c.keyFile) {
    const key = await ssh.checkKeyFile(c.keyFile);
    out.push(key.ok
      ? pass(id('key'), `key file ${c.keyFile} (${name})`, 'readable, private to its owner')
      : fail(id('key'), `key file ${c.keyFile} (${name})`, key.error.message, key.error.code === 'KEY.TOO_OPEN' ? `chmod 600 ${c.keyFile}` : `check key_file of ${name}: the file must exist and be readable by you (chmod 600)`));
  } else if (!c.password) out.push(skip(id('key'), `key for ${name}`, `no key_file: ssh uses your agent and default keys (${r.identityFiles.slice(0, 2).join(', ')}…)`));
  return out;
}
