import { Command, Option } from 'commander';
import { ConfigNames } from './config-names';

/** Printed instead of candidates when the shell should complete file names itself. */
export const COMPLETE_FILES = ':files';

/** Option values completed from the config, by option name. */
const FROM_CONFIG: Record<string, keyof ConfigNames> = { '--tag': 'tags', '--context': 'contexts' };
/** Arguments completed with service names, by argument name. */
const SERVICE_ARGS = new Set(['services', 'service']);
const FILE_OPTIONS = new Set(['--config', '--env-file']);

// commander has no public accessor for `{ hidden: true }` commands (`__complete`), only this field.
const visible = (cmd: Command) => cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
const findOption = (cmds: Command[], word: string): Option | undefined => {
  for (const c of cmds) {
    const o = c.options.find((x) => x.long === word || x.short === word);
    if (o) return o;
  }
  return undefined;
};

/**
 * Candidates for the last of `words` (everything typed after `localport`; the last may be empty), from the
 * program's own commands and flags plus the config's names. The shell filters them by the typed prefix.
 */
export function completeWords(program: Command, words: readonly string[], names: ConfigNames): string[] {
  let cmd = program;
  let pending: Option | undefined;
  let afterDashDash = false;
  const positionals: string[] = [];
  for (const w of words.slice(0, -1)) {
    if (pending) pending = undefined;
    else if (afterDashDash) positionals.push(w);
    else if (w === '--') afterDashDash = true;
    else if (w.startsWith('-') && w.length > 1) {
      const o = w.includes('=') ? undefined : findOption([cmd, program], w);
      if (o && (o.required || o.optional)) pending = o;
    } else {
      const sub = positionals.length === 0 ? cmd.commands.find((c) => c.name() === w || c.aliases().includes(w)) : undefined;
      if (sub) cmd = sub;
      else positionals.push(w);
    }
  }
  const current = words[words.length - 1] ?? '';
  if (pending) {
    if (pending.argChoices) return [...pending.argChoices];
    const fromConfig = FROM_CONFIG[pending.long ?? ''];
    if (fromConfig) return [...names[fromConfig]];
    return FILE_OPTIONS.has(pending.long ?? '') ? [COMPLETE_FILES] : [];
  }
  if (afterDashDash) return [COMPLETE_FILES];
  if (current.startsWith('-')) {
    const options = [...cmd.options, ...(cmd === program ? [] : program.options)].filter((o) => !o.hidden);
    return options.flatMap((o) => [o.long, o.short]).filter((f): f is string => Boolean(f));
  }
  const subs = visible(cmd);
  if (subs.length > 0 && positionals.length === 0) return subs.map((c) => c.name());
  const args = cmd.registeredArguments;
  const arg = positionals.length < args.length ? args[positionals.length] : args[args.length - 1]?.variadic ? args[args.length - 1] : undefined;
  if (!arg) return [];
  if (arg.argChoices) return [...arg.argChoices];
  if (SERVICE_ARGS.has(arg.name())) return names.services.filter((s) => !positionals.includes(s));
  return [];
}
