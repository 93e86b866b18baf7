import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoginServiceManager, LoginServiceSpec, LoginServiceState, ManagerOutcome } from './login-service';
import { runTool } from './run-tool';
import { renderSystemdUnit, SYSTEMD_UNIT } from './systemd-unit';

/** The user's systemd unit directory: $XDG_CONFIG_HOME/systemd/user, or ~/.config/systemd/user. */
export const systemdUserDir = (env: NodeJS.ProcessEnv, home: string): string => join(env.XDG_CONFIG_HOME || join(home, '.config'), 'systemd', 'user');

/** LocalPort as a systemd user unit (Linux). `enable` is done by its symlink, so start-at-login needs no running manager. */
export class SystemdUserService implements LoginServiceManager {
  readonly kind = 'systemd';
  readonly file: string;
  private readonly wants: string;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    home: string,
  ) {
    const dir = systemdUserDir(env, home);
    this.file = join(dir, SYSTEMD_UNIT);
    this.wants = join(dir, 'default.target.wants', SYSTEMD_UNIT);
  }

  render(spec: LoginServiceSpec): string {
    return renderSystemdUnit(spec);
  }

  async install(spec: LoginServiceSpec): Promise<void> {
    mkdirSync(join(this.file, '..', 'default.target.wants'), { recursive: true });
    writeFileSync(this.file, this.render(spec), { mode: 0o644 });
    // What `systemctl --user enable` does: default.target (the user's login) wants the unit.
    rmSync(this.wants, { force: true });
    symlinkSync(join('..', SYSTEMD_UNIT), this.wants);
    await this.systemctl(['daemon-reload']); // a running manager sees the new file (best effort)
  }

  async startNow(): Promise<ManagerOutcome> {
    const reload = await this.systemctl(['daemon-reload']);
    const r = reload.code === 0 ? await this.systemctl(['enable', '--now', SYSTEMD_UNIT]) : reload;
    if (r.code === 0) return { ok: true };
    const why = r.missing ? 'systemctl is not installed' : r.output || `exit ${r.code}`;
    return { ok: false, message: `systemd user sessions are not available here (systemctl --user: ${why})` };
  }

  async uninstall(): Promise<void> {
    if (existsSync(this.file)) await this.systemctl(['disable', '--now', SYSTEMD_UNIT]);
    rmSync(this.wants, { force: true });
    rmSync(this.file, { force: true });
    await this.systemctl(['daemon-reload']);
  }

  installed(): { file: boolean; atLogin: boolean } {
    return { file: existsSync(this.file), atLogin: existsSync(this.wants) };
  }

  async state(): Promise<LoginServiceState> {
    const r = await this.systemctl(['is-active', SYSTEMD_UNIT]);
    // is-active prints the state and exits 3 for inactive/failed; anything without a one-word answer is a failure to ask.
    if (/^[a-z-]+$/.test(r.output)) return { state: r.output, problem: null };
    return { state: null, problem: r.missing ? 'systemctl is not installed' : r.output || `systemctl exit ${r.code}` };
  }

  private systemctl(args: string[]) {
    return runTool('systemctl', ['--user', ...args], this.env);
  }
}
