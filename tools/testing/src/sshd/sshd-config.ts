/** What goes into the harness's sshd_config. */
export interface SshdConfigInput {
  readonly port: number;
  readonly hostKeyFile: string;
  readonly pidFile: string;
  readonly authorizedKeysFile: string;
  readonly passwordAuthentication: boolean;
  readonly allowTcpForwarding: boolean;
  readonly permitRootLogin: boolean;
}

/** An sshd_config for a throwaway loopback server: no PAM, no DNS, only the files in its temp dir. */
export function sshdConfig(c: SshdConfigInput): string {
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  return [
    `ListenAddress 127.0.0.1:${c.port}`,
    `HostKey ${c.hostKeyFile}`,
    `PidFile ${c.pidFile}`,
    `AuthorizedKeysFile ${c.authorizedKeysFile}`,
    'UsePAM no',
    'StrictModes no',
    'UseDNS no',
    `PermitRootLogin ${yn(c.permitRootLogin)}`,
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${yn(c.passwordAuthentication)}`,
    'KbdInteractiveAuthentication no',
    `AllowTcpForwarding ${yn(c.allowTcpForwarding)}`,
    'AllowStreamLocalForwarding no',
    'X11Forwarding no',
    'PrintMotd no',
    'MaxStartups 100',
    'LogLevel VERBOSE',
    '',
  ].join('\n');
}
