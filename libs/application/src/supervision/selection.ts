import { err, LocalportError, ok, Result, Service } from '@localport/domain';
import { ServiceSupervisor } from './service-supervisor';

/** Which services a command is about: names, tags (any match), or all enabled ones. */
export interface Selection {
  readonly names?: readonly string[];
  readonly tags?: readonly string[];
  readonly all?: boolean;
}

/** A service name that is not in the configuration, or an empty selection. */
export class SelectionError extends LocalportError {
  constructor(
    readonly code: 'SERVICE.UNKNOWN' | 'SERVICE.NONE_SELECTED',
    message: string,
    readonly details?: { unknown?: readonly string[]; known?: readonly string[] },
  ) {
    super(message);
  }
}

/**
 * The services `selection` names, in configuration order; disabled ones only by name or when asked. The
 * daemon selects its supervisors with it, and the CLI checks a selection with it before starting a daemon.
 */
export function selectFromServices(services: readonly Service[], selection: Selection, includeDisabled = false): Result<Service[], SelectionError> {
  const known = services.map((s) => s.name);
  if (selection.names && selection.names.length > 0) {
    const unknown = selection.names.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      return err(new SelectionError('SERVICE.UNKNOWN', `unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (configured: ${known.join(', ') || 'none'})`, { unknown, known }));
    }
    return ok(selection.names.map((n) => services.find((s) => s.name === n)!));
  }
  if (selection.tags && selection.tags.length > 0) {
    const usable = services.filter((s) => includeDisabled || s.enabled);
    const tagged = usable.filter((s) => s.tags.some((t) => selection.tags!.includes(t)));
    if (tagged.length > 0) return ok(tagged);
    const tags = [...new Set(usable.flatMap((s) => s.tags))].sort();
    const which = includeDisabled ? 'service' : 'enabled service';
    return err(new SelectionError('SERVICE.NONE_SELECTED', `no ${which} has tag ${selection.tags.join(' or ')} (tags: ${tags.join(', ') || 'none'})`, { known: tags }));
  }
  if (selection.all) return ok(services.filter((s) => includeDisabled || s.enabled));
  return err(new SelectionError('SERVICE.NONE_SELECTED', 'no services selected: name services, use --tag, or --all'));
}

/** The supervisors `selection` names, in configuration order (see {@link selectFromServices}). */
export function selectServices(supervisors: ReadonlyMap<string, ServiceSupervisor>, selection: Selection, includeDisabled = false): Result<ServiceSupervisor[], SelectionError> {
  const chosen = selectFromServices([...supervisors.values()].map((s) => s.service), selection, includeDisabled);
  return chosen.ok ? ok(chosen.value.map((s) => supervisors.get(s.name)!)) : chosen;
}
