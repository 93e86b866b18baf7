import { ConfigError, ConfigProblem, formatConfigProblem } from '@localport/application';

/** A config file that breaks the rules; `problems` holds every error, `warnings` what was merely suspicious. */
export class InvalidConfigError extends ConfigError {
  constructor(
    problems: readonly ConfigProblem[],
    readonly warnings: readonly ConfigProblem[] = [],
  ) {
    super('CONFIG.INVALID', problems.map(formatConfigProblem).join('\n'), problems);
  }
}
