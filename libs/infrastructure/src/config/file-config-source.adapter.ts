import { FSWatcher, statSync, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { ConfigError, ConfigSource } from '@localport/application';
import { Result } from '@localport/domain';
import { LoadedConfigFile, loadConfigFile } from './config-parser';

export interface FileConfigSourceOptions {
  /** Quiet time after the last change before `onChange` runs (default 300 ms). */
  readonly debounceMs?: number;
  /** Fallback mtime poll while the directory cannot be watched (missing, or fs.watch failed) (default 2000 ms). */
  readonly pollIntervalMs?: number;
  /**
   * The same poll while the directory watch works, for file systems where fs.watch misses changes (default
   * 30000 ms): an idle daemon then wakes for it twice a minute instead of every 2 s.
   */
  readonly watchedPollIntervalMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly homedir?: string;
}

/** The config file on disk. Watching never keeps the process alive by itself. */
export class FileConfigSource implements ConfigSource {
  readonly path: string;
  private readonly debounceMs: number;
  private readonly pollIntervalMs: number;
  private readonly watchedPollIntervalMs: number;

  constructor(
    path: string,
    private readonly options: FileConfigSourceOptions = {},
  ) {
    this.path = resolve(path);
    this.debounceMs = options.debounceMs ?? 300;
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.watchedPollIntervalMs = Math.max(this.pollIntervalMs, options.watchedPollIntervalMs ?? 30_000);
  }

  load(): Promise<Result<LoadedConfigFile, ConfigError>> {
    return loadConfigFile(this.path, this.options.env ?? process.env, { homedir: this.options.homedir });
  }

  /**
   * Watches the file's directory (editors save by writing a new file and renaming it over the old one)
   * plus an mtime poll (slow while the watch works, fast while it cannot); a burst of changes gives one
   * call, `debounceMs` after the last one.
   */
  watch(onChange: () => void): () => void {
    const name = basename(this.path);
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    let seen = signatureSync(this.path);
    let fired = 0;
    const fire = () => {
      timer = undefined;
      if (closed) return;
      fired++;
      seen = signatureSync(this.path);
      onChange();
    };
    const schedule = () => {
      if (closed) return;
      clearTimeout(timer);
      timer = setTimeout(fire, this.debounceMs);
      timer.unref();
    };
    let watcher: FSWatcher | undefined;
    let poll: NodeJS.Timeout | undefined;
    const startPoll = (ms: number) => {
      clearInterval(poll);
      poll = setInterval(() => {
        const generation = fired;
        void signature(this.path).then((now) => {
          // A stat begun before the last callback may report the old file; it is not a new change.
          if (now !== seen && !closed && generation === fired) {
            seen = now;
            schedule();
          }
        });
      }, ms);
      poll.unref();
    };
    try {
      watcher = watch(dirname(this.path), { persistent: false }, (_event, changed) => {
        if (!changed || changed.toString() === name) schedule();
      });
      watcher.on('error', () => {
        watcher?.close();
        watcher = undefined;
        if (!closed) startPoll(this.pollIntervalMs);
      });
    } catch {
      // The directory may not exist yet; the poll still notices the file appearing.
    }
    startPoll(watcher ? this.watchedPollIntervalMs : this.pollIntervalMs);
    return () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    };
  }
}

const describe = (s: { mtimeMs: number; size: number; ino: number }) => `${s.mtimeMs}:${s.size}:${s.ino}`;

function signatureSync(path: string): string {
  try {
    return describe(statSync(path));
  } catch {
    return 'missing';
  }
}

function signature(path: string): Promise<string> {
  return stat(path).then(describe, () => 'missing');
}
