import { Result } from '@localport/domain';
import { Selection, SelectionError } from '../supervision/selection';
import { ServiceOutcome } from '../supervision/service-outcome';
import { Supervisor } from '../supervision/supervisor';

/** Stops the selected services (disabled ones too) and reports each one's state; an unknown name or an empty selection is a `SelectionError`. */
export class StopServices {
  constructor(private readonly supervisor: Supervisor) {}

  execute(selection: Selection): Promise<Result<ServiceOutcome[], SelectionError>> {
    return this.supervisor.stop(selection);
  }
}
