import { LocalportConfig, LocalportError, Result } from '@localport/domain';

/** One thing wrong with a config file, located as precisely as possible. */
export interface ConfigProblem {
  readonly file: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
  /** e.g. `services[1] "redis"`. */
  readonly service?: string;
  /** e.g. `local_port` or `health_check.interval`. */
  readonly field?: string;
  readonly message: string;
}

/** Formats a problem the way every command prints it: `file:14: services[1] "redis": local_port 70000 is not a port (1-65535)`. */
export function formatConfigProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const subject = [p.service, p.field].filter(Boolean).join(': ');
  return `${where}: ${subject ? `${subject} ` : ''}${p.message}`.replace(/: $/, '');
}

/** A configuration could not be found, read or validated. Every problem is reported at once. */
export class ConfigError extends LocalportError {
  constructor(
    readonly code: 'CONFIG.INVALID' | 'CONFIG.NOT_FOUND' | 'CONFIG.UNREADABLE',
    message: string,
    readonly problems: readonly ConfigProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LoadedConfig {
  readonly config: LocalportConfig;
  /** Absolute path of the file it came from. */
  readonly path: string;
}

/** The user's configuration file. */
export interface ConfigSource {
  /** Absolute path of the file (resolved once, before any daemon detaches). */
  readonly path: string;
  load(): Promise<Result<LoadedConfig, ConfigError>>;
  /** Calls `onChange` (debounced) when the file changes; returns a function that stops watching. */
  watch(onChange: () => void): () => void;
}
