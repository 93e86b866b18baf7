import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { ConfigError, ConfigProblem, ConfigSource, LoadedConfig } from '@localport/application';
import { err, LocalportConfig, ok, Result } from '@localport/domain';
import { loadConfigFile } from './config-parser';
import { InvalidConfigError } from './config.errors';

const FLAG = 'localport.config-parse';

interface ParseRequest {
  readonly [FLAG]: true;
  readonly path: string;
  readonly env: NodeJS.ProcessEnv;
  readonly homedir?: string;
}

/** What crosses from the worker: plain data only (class instances lose their prototype on the way). */
type ParseReply =
  | { readonly ok: true; readonly config: LocalportConfig; readonly path: string }
  | { readonly ok: false; readonly code: ConfigError['code']; readonly message: string; readonly problems: readonly ConfigProblem[]; readonly warnings?: readonly ConfigProblem[] };

/**
 * Run at the top of the daemon's entry script: in a worker started by {@link OffThreadConfigSource} it
 * parses the file it was given, posts the outcome and returns true (the script must then do nothing else);
 * anywhere else it returns false.
 */
export function serveConfigParseWorker(): boolean {
  const request = workerData as Partial<ParseRequest> | null;
  if (isMainThread || !parentPort || !request?.[FLAG]) return false;
  const port = parentPort;
  void loadConfigFile(request.path!, request.env!, { homedir: request.homedir }).then((r) => {
    const reply: ParseReply = r.ok
      ? { ok: true, config: r.value.config, path: r.value.path }
      : { ok: false, code: r.error.code, message: r.error.message, problems: r.error.problems, warnings: r.error instanceof InvalidConfigError ? r.error.warnings : undefined };
    port.postMessage(reply);
  });
  return true;
}

/** Where the worker runs, and who hears when it could not. */
export interface OffThreadConfigOptions {
  /** The daemon's entry script; it must call {@link serveConfigParseWorker} first. */
  readonly script: string;
  readonly env: NodeJS.ProcessEnv;
  readonly homedir?: string;
  /** Told why the worker gave no reply, just before the file is parsed in-thread instead. */
  readonly onFallback?: (reason: string) => void;
}

/**
 * A ConfigSource that parses in a worker thread, so a large file (2,000 services: ~0.5-2.5 s of YAML,
 * merge keys and validation) never blocks the daemon's event loop and its control socket. Watching is the
 * inner source's; if the worker cannot run, the inner source parses in-thread instead.
 */
export class OffThreadConfigSource implements ConfigSource {
  constructor(
    private readonly inner: ConfigSource,
    private readonly options: OffThreadConfigOptions,
  ) {}

  get path(): string {
    return this.inner.path;
  }

  async load(): Promise<Result<LoadedConfig, ConfigError>> {
    const reply = await this.parseInWorker();
    if (typeof reply === 'string') {
      this.options.onFallback?.(reply);
      return this.inner.load();
    }
    if (reply.ok) return ok({ config: reply.config, path: reply.path });
    return err(reply.code === 'CONFIG.INVALID' ? new InvalidConfigError(reply.problems, reply.warnings) : new ConfigError(reply.code, reply.message, reply.problems));
  }

  watch(onChange: () => void): () => void {
    return this.inner.watch(onChange);
  }

  /** The worker's reply, or why it gave none (it could not start, crashed, or the script is not our entry). */
  private parseInWorker(): Promise<ParseReply | string> {
    const request: ParseRequest = { [FLAG]: true, path: this.inner.path, env: this.options.env, homedir: this.options.homedir };
    return new Promise((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(this.options.script, { workerData: request, argv: [], stdout: true, stderr: true });
      } catch (e) {
        return resolve(`the worker could not start: ${e instanceof Error ? e.message : String(e)}`);
      }
      let reply: ParseReply | null = null;
      let failure = '';
      worker.once('message', (m: ParseReply) => {
        reply = m;
        void worker.terminate();
      });
      worker.once('error', (e) => (failure = `: ${e.message}`));
      worker.once('exit', (code) => resolve(reply ?? `the worker exited with code ${code} before replying${failure}`));
    });
  }
}
