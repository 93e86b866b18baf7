import { TunnelError } from '../ports/tunnel-launcher.port';
import { describeTunnelLauncherContract } from './contracts/tunnel-launcher.contract';
import { FakeClock } from './fake-clock';
import { FakeTunnel, FakeTunnelLauncher } from './fake-tunnel-launcher';
import { aKubectlService } from './service-fixtures';

describeTunnelLauncherContract('FakeTunnelLauncher', async () => {
  const clock = new FakeClock();
  const launcher = new FakeTunnelLauncher('kubectl', clock);
  return {
    launcher,
    reachable: () => aKubectlService(),
    unreachable: async () => {
      launcher.failNext(new TunnelError('TUNNEL.UNREACHABLE', 'The connection to the server 127.0.0.1:1 was refused'));
      return aKubectlService();
    },
    missingProgram: () => {
      const missing = new FakeTunnelLauncher('kubectl', clock);
      missing.failNext(new TunnelError('TUNNEL.BINARY_MISSING', 'kubectl was not found', true));
      return missing;
    },
    silent: async () => {
      launcher.hangNext();
      return { service: aKubectlService(), accepted: Promise.resolve(), closedAll: async () => undefined, stop: async () => undefined };
    },
    endpointOpen: async (endpoint) => {
      const tunnel = launcher.tunnelAt(endpoint);
      return tunnel !== undefined && !tunnel.ended;
    },
    processGone: async (tunnel) => (tunnel as FakeTunnel).ended,
    kill: (tunnel) => (tunnel as FakeTunnel).kill('SIGKILL'),
    passTime: (ms) => clock.advance(ms),
    close: async () => undefined,
  };
});
