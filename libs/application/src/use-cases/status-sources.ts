import { Service } from '@localport/domain';
import { ListenerStats } from '../ports/forward-listener.port';
import { ClusterStatusView, DaemonStatusView } from '../status/status-report';
import { ServiceSnapshot } from '../supervision/service-snapshot';

/** One configured service with its state and its local port's counters (null while nothing is bound). */
export interface ServiceReading {
  readonly service: Service;
  readonly snapshot: ServiceSnapshot;
  readonly stats: ListenerStats | null;
}

/**
 * Where `GetStatus` reads from: the running daemon's memory, or (with no daemon) the config
 * file with every service stopped. No method does I/O.
 */
export interface StatusSources {
  daemon(): DaemonStatusView;
  /** Services in configuration order. */
  services(): readonly ServiceReading[];
  clusters(): readonly ClusterStatusView[];
}
