import type { Service } from '@localport/domain';
import { CliError, EXIT } from './cli-error';

/** The config's services named (in that order), or with one of `tags`, or every enabled one when neither is given. */
export function selectServices(all: readonly Service[], names: readonly string[], tags: readonly string[]): Service[] {
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw new CliError(`unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, EXIT.usage, 'SERVICE.UNKNOWN', [`known: ${all.map((s) => s.name).join(', ')}`]);
  if (names.length === 0 && tags.length === 0) return all.filter((s) => s.enabled);
  const byName = names.map((n) => all.find((s) => s.name === n) as Service);
  const byTag = all.filter((s) => s.tags.some((t) => tags.includes(t)) && !names.includes(s.name));
  const chosen = [...byName, ...byTag];
  if (chosen.length === 0) throw new CliError(`no service has the tag ${tags.join(' or ')}`, EXIT.usage, 'SERVICE.NONE_SELECTED');
  return chosen;
}
