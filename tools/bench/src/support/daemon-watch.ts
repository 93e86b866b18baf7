import { ServiceStatusView, StatusReport } from '@localport/application';
import { ControlClient } from '@localport/infrastructure';

/** Reads the daemon's status over its control socket (the request `localport status -o json` makes), cheaply and often. */
export class DaemonWatch {
  private constructor(private readonly client: ControlClient) {}

  static async connect(socketPath: string): Promise<DaemonWatch> {
    const c = await ControlClient.connect(socketPath, { timeoutMs: 5_000 });
    if (!c.ok) throw new Error(`cannot reach the daemon: ${c.error.message}`);
    return new DaemonWatch(c.value);
  }

  async status(): Promise<StatusReport> {
    const r = await this.client.request('status', {}, { timeoutMs: 30_000 });
    if (!r.ok) throw new Error(`status failed: ${r.error.message}`);
    return r.value as unknown as StatusReport;
  }

  async service(name: string): Promise<ServiceStatusView> {
    const s = (await this.status()).services.find((x) => x.name === name);
    if (!s) throw new Error(`no service ${name} in status`);
    return s;
  }

  /** Polls every `everyMs` until `holds(services)`; resolves the ms waited, or throws with the last states after `timeoutMs`. */
  async waitFor(holds: (services: readonly ServiceStatusView[]) => boolean, timeoutMs: number, what: string, everyMs = 25): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      const services = (await this.status()).services;
      if (holds(services)) return performance.now() - t0;
      if (performance.now() - t0 > timeoutMs) {
        const states = services.map((s) => `${s.name}=${s.state}${s.healthy ? '' : '(unhealthy)'}${s.lastError ? ` [${s.lastError}]` : ''}`).slice(0, 12).join(', ');
        throw new Error(`${what} did not happen within ${Math.round(timeoutMs / 1000)} s: ${states}`);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }

  close(): void {
    this.client.close();
  }
}

/** Running with a passed health check. */
export const isUp = (s: ServiceStatusView): boolean => s.state === 'running' && s.healthy;
