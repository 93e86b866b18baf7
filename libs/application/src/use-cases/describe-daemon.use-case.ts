import { LocalportDaemon } from '../daemon/localport-daemon';
import { DaemonStatusView } from '../status/status-report';

/** The daemon's own status (pid, uptime, version, config path and error, last reload), from memory. */
export class DescribeDaemon {
  constructor(private readonly daemon: LocalportDaemon) {}

  execute(): DaemonStatusView {
    return this.daemon.daemonStatus();
  }
}
