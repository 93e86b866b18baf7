/** What the login service runs: `<node> <cliMain> --config <configPath> daemon run`, with this environment. */
export interface LoginServiceSpec {
  /** Absolute path of the node binary (process.execPath at install time). */
  readonly node: string;
  /** Absolute path of the CLI's entry script. */
  readonly cliMain: string;
  /** Absolute path of the config file. */
  readonly configPath: string;
  /** Variables the daemon's kubectl and ssh need (PATH, KUBECONFIG, SSH_AUTH_SOCK, LOCALPORT_*), captured at install. */
  readonly env: Readonly<Record<string, string>>;
  /** The user's home directory: the service's working directory. */
  readonly home: string;
  /** LocalPort's log directory (launchd writes the daemon's stdout/stderr there). */
  readonly logDir: string;
}

/** How the service manager sees the service right now. */
export interface LoginServiceState {
  /** e.g. `active`, `inactive`, `failed` (systemd) or `running`, `not loaded` (launchd); null when the manager cannot be asked. */
  readonly state: string | null;
  /** Why the manager could not be asked, when it could not. */
  readonly problem: string | null;
}

/** A result of asking the service manager to do something: ok, or what it said. */
export type ManagerOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** One OS's way to start LocalPort's daemon at login: a systemd user unit or a launchd agent. */
export interface LoginServiceManager {
  readonly kind: 'systemd' | 'launchd';
  /** The unit file or property list this manager writes. */
  readonly file: string;
  /** The file's text for `spec`. */
  render(spec: LoginServiceSpec): string;
  /** Writes the file and marks it to start at login (without asking the manager where that is possible). */
  install(spec: LoginServiceSpec): Promise<void>;
  /** Starts it now through the manager (`systemctl --user enable --now`, `launchctl bootstrap`). */
  startNow(): Promise<ManagerOutcome>;
  /** Stops it through the manager, best effort, and removes every file `install` wrote. */
  uninstall(): Promise<void>;
  /** Whether `install` ran (the file exists) and whether it starts at login. */
  installed(): { readonly file: boolean; readonly atLogin: boolean };
  state(): Promise<LoginServiceState>;
}

/** The environment variables a login service keeps from the installing shell. */
export const CAPTURED_ENV = /^(PATH|KUBECONFIG|SSH_AUTH_SOCK|LOCALPORT_.+|HTTPS?_PROXY|NO_PROXY|https?_proxy|no_proxy)$/;

/** The subset of `env` a login service keeps (see {@link CAPTURED_ENV}), sorted by name. */
export function capturedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const kept = Object.entries(env).filter((e): e is [string, string] => CAPTURED_ENV.test(e[0]) && typeof e[1] === 'string' && e[1] !== '' && e[0] !== 'LOCALPORT_CONFIG');
  return Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b)));
}
