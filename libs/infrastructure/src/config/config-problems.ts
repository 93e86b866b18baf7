import { ConfigProblem, formatConfigProblem } from '@localport/application';
import { ConfigDocument, ConfigPath } from './config-document';
import { clipProblem } from './clip-problem';

/** Dotted field name of a path: `health_check.config.port`, `tags[1]`. */
export function fieldName(path: ConfigPath): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** Collects errors and warnings, each placed on its line and attributed to its service; duplicates are dropped. */
export class ProblemCollector {
  readonly errors: ConfigProblem[] = [];
  readonly warnings: ConfigProblem[] = [];
  private readonly seen = new Set<string>();
  private readonly muted = new Set<number>();
  private readonly pending: ConfigProblem[] = [];
  private mutedErrors = 0;

  private doc: ConfigDocument | undefined;
  private raw: unknown;

  constructor(private readonly file: string) {}

  /** Places problems by their path in this document from now on. */
  useDocument(doc: ConfigDocument): void {
    this.doc = doc;
  }

  /** Names services in problems by the `name` in these values from now on. */
  useValues(raw: unknown): void {
    this.raw = raw;
  }

  error(path: ConfigPath, message: string, line?: number): void {
    const problem = this.at(path, message, line);
    if (problem.line === undefined || !this.muted.has(problem.line)) this.add(this.errors, problem);
    else this.mutedErrors++;
  }

  /** Whether an error was dropped on a muted line: the value with the unset `${VAR}` could not be used. */
  get hadMutedErrors(): boolean {
    return this.mutedErrors > 0;
  }

  /** Drops later errors on `line`: its value holds an unset `${VAR}`, already reported. */
  mute(line: number): void {
    this.muted.add(line);
  }

  warning(path: ConfigPath, message: string, line?: number): void {
    this.add(this.warnings, this.at(path, message, line));
  }

  /** A problem tied to a line only (YAML syntax, unset variables). */
  errorAtLine(line: number | undefined, message: string): void {
    this.add(this.errors, { file: this.file, ...(line ? { line } : {}), message });
  }

  /** A problem that is an error only if the file fails anyway, else a warning (see {@link settle}). */
  errorIfInvalid(line: number | undefined, message: string): void {
    this.pending.push({ file: this.file, ...(line ? { line } : {}), message });
  }

  /** Files the pending problems as errors when the load failed, else as warnings. */
  settle(failed: boolean): void {
    for (const p of this.pending.splice(0)) this.add(failed ? this.errors : this.warnings, p);
  }

  /** `services[1] "redis"`, or `services[1]` when the entry has no usable name. */
  serviceLabel(index: number): string {
    const services = (this.raw as { services?: unknown } | undefined)?.services;
    const name = Array.isArray(services) ? (services[index] as { name?: unknown } | undefined)?.name : undefined;
    return typeof name === 'string' || typeof name === 'number' ? `services[${index}] ${JSON.stringify(String(name))}` : `services[${index}]`;
  }

  /** Errors first, each list in file order. */
  sorted(list: readonly ConfigProblem[]): ConfigProblem[] {
    return [...list].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }

  private at(path: ConfigPath, message: string, line = this.doc?.lineOf(path)): ConfigProblem {
    const inService = path[0] === 'services' && typeof path[1] === 'number';
    const field = fieldName(inService ? path.slice(2) : path);
    return {
      file: this.file,
      ...(line ? { line } : {}),
      ...(inService ? { service: this.serviceLabel(path[1] as number) } : {}),
      ...(field ? { field } : {}),
      message,
    };
  }

  private add(list: ConfigProblem[], found: ConfigProblem): void {
    const problem = clipProblem(found);
    const key = formatConfigProblem(problem);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    list.push(problem);
  }
}
