import { LoginServiceSpec } from './login-service';

/** systemd's unit name for LocalPort's daemon. */
export const SYSTEMD_UNIT = 'localport.service';

/**
 * Quotes one word for a unit file's ExecStart= or Environment= (systemd.syntax: double quotes with C escapes),
 * doubling `%` (specifiers) and, in ExecStart=, `$` (variable expansion).
 */
export function systemdQuote(word: string, dollar: boolean): string {
  let escaped = word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/%/g, '%%');
  if (dollar) escaped = escaped.replace(/\$/g, '$$$$');
  return `"${escaped}"`;
}

/** The user unit: `localport daemon run` with the config and environment captured at install; restarts after a crash. */
export function renderSystemdUnit(spec: LoginServiceSpec): string {
  const exec = [spec.node, spec.cliMain, '--config', spec.configPath, 'daemon', 'run'].map((w) => systemdQuote(w, true)).join(' ');
  const env = Object.entries(spec.env).map(([k, v]) => `Environment=${systemdQuote(`${k}=${v}`, false)}`);
  return [
    '# Written by `localport service install`; `localport service uninstall` removes it.',
    '[Unit]',
    'Description=LocalPort: keeps kubectl port-forwards and SSH tunnels alive',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${exec}`,
    `WorkingDirectory=${spec.home.replace(/%/g, '%%')}`,
    ...env,
    // Exit 2 is an invalid config: restarting would only fail again.
    'Restart=on-failure',
    'RestartSec=5',
    'RestartPreventExitStatus=2',
    // SIGTERM to `localport daemon run` only; it stops the daemon, which stops its kubectl and ssh children.
    'KillMode=mixed',
    'TimeoutStopSec=20',
    '',
    '[Install]',
    'WantedBy=default.target',
    '',
  ].join('\n');
}
