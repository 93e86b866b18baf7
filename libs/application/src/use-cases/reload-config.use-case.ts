import { LocalportDaemon, ReloadOutcome } from '../daemon/localport-daemon';

/** Re-reads the configuration and applies the difference; an invalid file is refused whole and the old one keeps running. */
export class ReloadConfig {
  constructor(private readonly daemon: LocalportDaemon) {}

  execute(): Promise<ReloadOutcome> {
    return this.daemon.reload();
  }
}
