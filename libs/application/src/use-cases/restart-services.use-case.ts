import { Result } from '@localport/domain';
import { Selection, SelectionError } from '../supervision/selection';
import { ServiceOutcome } from '../supervision/service-outcome';
import { Supervisor } from '../supervision/supervisor';

/** Restarts the named services, or every running (or failing) one when none is named; an unknown name is a `SelectionError`. */
export class RestartServices {
  constructor(private readonly supervisor: Supervisor) {}

  execute(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    return this.supervisor.restart(selection);
  }
}
