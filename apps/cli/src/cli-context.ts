import { Command } from 'commander';
import { homedir } from 'node:os';
import { formatConfigProblem } from '@localport/application';
import { ControlClient, LoadedConfigFile, LocalportPaths, loadConfigFile, resolveConfigPath, resolveLocalportPaths } from '@localport/infrastructure';
import { CliError, EXIT, exitCodeFor } from './cli-error';
import { GlobalOptions } from './global-options';
import { makeStyle, Style } from './render/style';

/** What every command needs: global flags, output style, LocalPort's paths, config and daemon access. */
export class CliContext {
  readonly opts: GlobalOptions;
  readonly style: Style;
  readonly paths: LocalportPaths;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** Notes go to stderr even for human output: set by commands whose stdout belongs to someone else (`exec`). */
  notesOnStderr = false;

  constructor(program: Command, env: NodeJS.ProcessEnv = process.env) {
    this.opts = program.opts<GlobalOptions>();
    this.env = env;
    this.home = homedir();
    const color = this.opts.color !== false && !('NO_COLOR' in env) && this.opts.output === 'table' && Boolean(process.stdout.isTTY);
    this.style = makeStyle(color);
    this.paths = resolveLocalportPaths(env, this.home);
  }

  get json(): boolean {
    return this.opts.output === 'json';
  }

  /** Absolute path of the config file, by the one resolver every command uses. */
  configPath(): string {
    const found = resolveConfigPath({ flag: this.opts.config, env: this.env, cwd: process.cwd(), homedir: this.home });
    if (!found.ok) throw new CliError(found.error.message, EXIT.usage, found.error.code, found.error.problems.map(formatConfigProblem));
    return found.value;
  }

  /**
   * Loads and validates the config; invalid -> a CliError listing every problem (exit 2). `unsetVariables:
   * 'keep'` is for commands that do not use the values: an unset `${VAR}` stays as written (and is a warning).
   */
  async loadConfig(unsetVariables: 'error' | 'keep' = 'error'): Promise<LoadedConfigFile> {
    const path = this.configPath();
    const loaded = await loadConfigFile(path, this.env, { homedir: this.home, unsetVariables });
    if (!loaded.ok) throw new CliError(loaded.error.message, exitCodeFor(loaded.error.code), loaded.error.code, loaded.error.problems.map(formatConfigProblem));
    return loaded.value;
  }

  /** A connection to the running daemon, or null when none runs. */
  async connect(): Promise<ControlClient | null> {
    const client = await ControlClient.connect(this.paths.socketPath, { timeoutMs: 3_000 });
    if (client.ok) return client.value;
    if (client.error.code === 'DAEMON.NOT_RUNNING') return null;
    throw new CliError(client.error.message, EXIT.failed, client.error.code);
  }

  /** A connection to the daemon, or a clear error when it is not running. */
  async requireDaemon(): Promise<ControlClient> {
    const client = await this.connect();
    if (!client) throw new CliError("the daemon is not running (start it with 'localport daemon start' or 'localport start --all')", EXIT.failed, 'DAEMON.NOT_RUNNING');
    return client;
  }

  /** Prints a JSON document or human text, per --output. */
  print(json: unknown, human: () => string): void {
    if (this.json) process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    else if (!this.opts.quiet) process.stdout.write(`${human()}\n`);
  }

  /** A line for people (stderr when the output is JSON, so stdout stays parseable). */
  note(line: string): void {
    if (this.opts.quiet) return;
    (this.json || this.notesOnStderr ? process.stderr : process.stdout).write(`${line}\n`);
  }
}

/** Unwraps a control reply, turning a failure into a CliError with its code's exit code. */
export function expectOk<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: unknown } }): T {
  if (r.ok) return r.value;
  throw new CliError(r.error.message, exitCodeFor(r.error.code), r.error.code);
}
