import { Result } from '@localport/domain';
import { Selection, SelectionError } from '../supervision/selection';
import { ServiceOutcome } from '../supervision/service-outcome';
import { Supervisor } from '../supervision/supervisor';

/** Starts the selected services (enabled ones only) and reports each one's outcome; an unknown name or an empty selection is a `SelectionError`. */
export class StartServices {
  constructor(private readonly supervisor: Supervisor) {}

  execute(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    return this.supervisor.start(selection);
  }
}
