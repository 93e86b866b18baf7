import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAUNCHD_LABEL, renderLaunchdPlist } from './launchd-plist';
import { LoginServiceManager, LoginServiceSpec, LoginServiceState, ManagerOutcome } from './login-service';
import { runTool } from './run-tool';

/** LocalPort as a launchd agent (macOS): ~/Library/LaunchAgents/io.localport.daemon.plist, loaded at every login. */
export class LaunchdAgent implements LoginServiceManager {
  readonly kind = 'launchd';
  readonly file: string;
  private readonly domain: string;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    home: string,
    uid: number,
  ) {
    this.file = join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
    this.domain = `gui/${uid}`;
  }

  render(spec: LoginServiceSpec): string {
    return renderLaunchdPlist(spec);
  }

  async install(spec: LoginServiceSpec): Promise<void> {
    mkdirSync(join(this.file, '..'), { recursive: true });
    mkdirSync(spec.logDir, { recursive: true, mode: 0o700 });
    writeFileSync(this.file, this.render(spec), { mode: 0o644 });
  }

  async startNow(): Promise<ManagerOutcome> {
    await runTool('launchctl', ['bootout', `${this.domain}/${LAUNCHD_LABEL}`], this.env); // an older copy, if loaded
    const r = await runTool('launchctl', ['bootstrap', this.domain, this.file], this.env);
    if (r.code === 0) return { ok: true };
    return { ok: false, message: `launchd could not load the agent (launchctl bootstrap ${this.domain}: ${r.missing ? 'launchctl is not installed' : r.output || `exit ${r.code}`})` };
  }

  async uninstall(): Promise<void> {
    if (existsSync(this.file)) await runTool('launchctl', ['bootout', `${this.domain}/${LAUNCHD_LABEL}`], this.env);
    rmSync(this.file, { force: true });
  }

  installed(): { file: boolean; atLogin: boolean } {
    const file = existsSync(this.file);
    return { file, atLogin: file };
  }

  async state(): Promise<LoginServiceState> {
    const r = await runTool('launchctl', ['print', `${this.domain}/${LAUNCHD_LABEL}`], this.env);
    if (r.missing) return { state: null, problem: 'launchctl is not installed' };
    if (r.code !== 0) return { state: 'not loaded', problem: null };
    return { state: /^\s*state = (.+)$/m.exec(r.output)?.[1]?.trim() ?? 'loaded', problem: null };
  }
}
