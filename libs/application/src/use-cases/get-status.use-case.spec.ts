import { aKubectlService, anSshService, FakeClock } from '../testing';
import { configuredStatusSources } from './configured-status-sources';
import { GetStatus } from './get-status.use-case';

describe(GetStatus.name, () => {
  describe('with no daemon (the configured services)', () => {
    it('reports every configured service stopped since now, with no cluster and no daemon', async () => {
      const clock = new FakeClock(Date.parse('2026-01-02T03:04:05.000Z'));
      const report = await new GetStatus(configuredStatusSources([aKubectlService({ context: 'prod' }), anSshService()], clock)).execute();
      expect(report).toEqual({
        daemon: { running: false },
        clusters: [],
        services: [
          {
            name: 'db', technology: 'kubectl', localPort: 15432, bindAddress: '127.0.0.1', target: 'service/postgres:5432', state: 'stopped', healthy: false, restarts: 0,
            lastError: null, lastErrorCode: null, context: 'prod', host: null, since: '2026-01-02T03:04:05.000Z', tags: [], pid: null, forwarder: null, pod: null, connections: { total: 0, active: 0, bytesIn: 0, bytesOut: 0 }, nextRestartAt: null,
          },
          expect.objectContaining({ name: 'bastion-db', technology: 'ssh', target: 'db.internal:5432 via bastion.example', context: null, state: 'stopped' }),
        ],
      });
    });

    it('shows the host:port an ssh service waits on when its host is down', async () => {
      const report = await new GetStatus(configuredStatusSources([anSshService({ gateHost: 'bastion.example:22' }), aKubectlService()], new FakeClock())).execute();
      expect(report.services.map((s) => [s.name, s.host])).toEqual([['bastion-db', 'bastion.example:22'], ['db', null]]);
    });

    it('shows the context each service was resolved to when the config was loaded', async () => {
      const status = new GetStatus(configuredStatusSources([aKubectlService({ name: 'db', context: 'prod' }), aKubectlService({ name: 'api', context: 'minikube' }), anSshService()], new FakeClock()));
      expect((await status.execute(['db', 'bastion-db'])).services.map((s) => [s.name, s.context])).toEqual([['db', 'prod'], ['bastion-db', null]]);
      expect((await status.execute()).services.map((s) => s.context)).toEqual(['prod', 'minikube', null]);
    });

    it('leaves unknown names out (the caller names them)', async () => {
      const report = await new GetStatus(configuredStatusSources([anSshService()], new FakeClock())).execute(['nope']);
      expect(report.services).toEqual([]);
    });
  });
});
