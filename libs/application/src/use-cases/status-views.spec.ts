import { aKubectlService } from '../testing/service-fixtures';
import { serviceView } from './status-views';

const snapshot = { name: 'db', state: 'running' as const, since: 0, healthy: true, restarts: 0, lastError: null, lastErrorCode: null, pid: null, nextRestartAt: null };

describe(serviceView.name, () => {
  it("shows the running tunnel's forwarder and the pod new connections go to", () => {
    const view = serviceView({ service: aKubectlService(), snapshot: { ...snapshot, route: { forwarder: 'native', pod: 'default/postgres-1' } }, stats: null });
    expect(view).toMatchObject({ forwarder: 'native', pod: 'default/postgres-1' });
  });

  it('shows neither when the tunnel tells no route (ssh, tcp, or not running)', () => {
    expect(serviceView({ service: aKubectlService(), snapshot, stats: null })).toMatchObject({ forwarder: null, pod: null });
  });
});
