import { StatusReport } from '../status/status-report';
import { serviceView } from './status-views';
import { StatusSources } from './status-sources';

/**
 * Builds the `status` document (the `status -o json` contract), from the running daemon or,
 * with none, from the configuration. Names filter the services; unknown names are left out.
 */
export class GetStatus {
  constructor(private readonly sources: StatusSources) {}

  async execute(names: readonly string[] = []): Promise<StatusReport> {
    const readings = this.sources.services().filter((r) => names.length === 0 || names.includes(r.service.name));
    return {
      daemon: this.sources.daemon(),
      services: readings.map((r) => serviceView(r)),
      clusters: this.sources.clusters(),
    };
  }
}
