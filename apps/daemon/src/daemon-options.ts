/** How the daemon process was asked to run (argv of dist/apps/daemon/main.js). */
export interface DaemonOptions {
  /** Absolute path of the config file; resolved by the CLI before detaching. */
  readonly configPath: string | undefined;
  readonly foreground: boolean;
  readonly autoStart: boolean;
  /** The built entry script, run in a worker thread to parse the config off the event loop; unset: parse in-thread. */
  readonly configWorker?: string;
}

/** Parses `--config PATH --foreground --no-auto-start`; unknown flags are an error. */
export function parseDaemonArgs(argv: readonly string[]): DaemonOptions | string {
  let configPath: string | undefined;
  let foreground = false;
  let autoStart = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--config' || a === '-c') configPath = argv[++i];
    else if (a.startsWith('--config=')) configPath = a.slice('--config='.length);
    else if (a === '--foreground' || a === '-f') foreground = true;
    else if (a === '--no-auto-start') autoStart = false;
    else return `unknown option ${a}`;
  }
  if (argv.includes('--config') && !configPath) return '--config needs a path';
  return { configPath, foreground, autoStart };
}
