import { LaunchdAgent } from './launchd-agent';
import { LoginServiceManager } from './login-service';
import { SystemdUserService } from './systemd-user-service';

/** The service managers LocalPort can install into. */
export const MANAGERS = ['systemd', 'launchd'] as const;
export type ManagerKind = (typeof MANAGERS)[number];

/** The manager for `kind` (default: launchd on macOS, systemd elsewhere), with files under `home`/XDG dirs from `env`. */
export function loginServiceManager(kind: ManagerKind | undefined, env: NodeJS.ProcessEnv, home: string): LoginServiceManager {
  const chosen = kind ?? (process.platform === 'darwin' ? 'launchd' : 'systemd');
  return chosen === 'launchd' ? new LaunchdAgent(env, home, process.getuid?.() ?? 0) : new SystemdUserService(env, home);
}
