import { Command } from 'commander';
import { ConfigProblem, formatConfigProblem } from '@localport/application';
import { loadConfigFile, renderConfig } from '@localport/infrastructure';
import { CliContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';

/** `localport config validate|show` */
export default async function config(program: Command, cmd: Command): Promise<number> {
  const ctx = new CliContext(program);
  const path = ctx.configPath();
  // `show` uses no value: an unset `${VAR}` is shown as written, with a warning. `validate` still refuses it.
  const loaded = await loadConfigFile(path, ctx.env, { homedir: ctx.home, unsetVariables: cmd.name() === 'show' ? 'keep' : 'error' });
  if (cmd.name() === 'validate') {
    if (!loaded.ok) {
      const problems = loaded.error.problems.map(formatConfigProblem);
      const warnings = (loaded.error as { warnings?: ConfigProblem[] }).warnings ?? [];
      if (ctx.json) ctx.print({ valid: false, file: path, problems: loaded.error.problems, warnings }, () => '');
      else
        process.stderr.write(
          `${ctx.style.red('✗')} ${path} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  ${p}\n`).join('')}${warnings.map((w) => `  warning: ${formatConfigProblem(w)}\n`).join('')}`,
        );
      return EXIT.usage;
    }
    const v = loaded.value;
    ctx.print({ valid: true, file: path, services: v.config.services.length, problems: [], warnings: v.warnings }, () =>
      [
        `${ctx.style.green('✓')} ${path} is valid: ${v.config.services.length} service${v.config.services.length === 1 ? '' : 's'} (${v.config.services.map((s) => s.name).join(', ')})`,
        ...v.warnings.map((w) => ctx.style.yellow(`  warning: ${formatConfigProblem(w)}`)),
      ].join('\n'),
    );
    return EXIT.ok;
  }
  if (!loaded.ok) throw new CliError(loaded.error.message, EXIT.usage, loaded.error.code, loaded.error.problems.map(formatConfigProblem));
  // stdout is the document; warnings (an unset `${VAR}` among them) go to stderr.
  if (!ctx.opts.quiet) for (const w of loaded.value.warnings) process.stderr.write(`${ctx.style.yellow(`warning: ${formatConfigProblem(w)}`)}\n`);
  process.stdout.write(renderConfig(loaded.value, ctx.opts.output === 'json' ? 'json' : 'yaml'));
  return EXIT.ok;
}
