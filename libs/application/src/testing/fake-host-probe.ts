import { HostProbe } from '../ports/host-probe.port';

/** Hosts that tests take down and bring back by `host:port`; every probe is recorded. */
export class FakeHostProbe implements HostProbe {
  readonly down = new Set<string>();
  readonly calls: string[] = [];

  async reachable(host: string, port: number): Promise<boolean> {
    const key = `${host}:${port}`;
    this.calls.push(key);
    return !this.down.has(key);
  }

  probesOf(key: string): number {
    return this.calls.filter((c) => c === key).length;
  }
}
