import { err, LocalportError, ok, Result } from '@localport/domain';
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

/** The supervisors `selection` names, in configuration order; disabled ones only by name or when asked. */
export function selectServices(supervisors: ReadonlyMap<string, ServiceSupervisor>, selection: Selection, includeDisabled = false): Result<ServiceSupervisor[], SelectionError> {
  const all = [...supervisors.values()];
  const known = all.map((s) => s.service.name);
  if (selection.names && selection.names.length > 0) {
    const unknown = selection.names.filter((n) => !supervisors.has(n));
    if (unknown.length > 0) {
      return err(new SelectionError('SERVICE.UNKNOWN', `unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')} (configured: ${known.join(', ') || 'none'})`, { unknown, known }));
    }
    return ok(selection.names.map((n) => supervisors.get(n)!));
  }
  if (selection.tags && selection.tags.length > 0) {
    const tagged = all.filter((s) => s.service.tags.some((t) => selection.tags!.includes(t)) && (includeDisabled || s.service.enabled));
    if (tagged.length === 0) return err(new SelectionError('SERVICE.NONE_SELECTED', `no enabled service has tag ${selection.tags.join(' or ')}`));
    return ok(tagged);
  }
  if (selection.all) return ok(all.filter((s) => includeDisabled || s.service.enabled));
  return err(new SelectionError('SERVICE.NONE_SELECTED', 'no services selected: name services, use --tag, or --all'));
}
