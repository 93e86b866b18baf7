import { DEFAULT_HEALTH_TIMING } from '@localport/domain';
import { describeHealthProberContract } from './contracts/health-prober.contract';
import { FakeClock } from './fake-clock';
import { FakeHealthProber } from './fake-health-prober';

describeHealthProberContract('FakeHealthProber', async () => {
  const clock = new FakeClock();
  const prober = new FakeHealthProber(clock);
  const spec = (timeoutMs: number) => ({ type: 'tcp' as const, ...DEFAULT_HEALTH_TIMING, timeoutMs });
  prober.setHealthy(2, false, 'connection to 127.0.0.1:2 refused');
  prober.hang(3);
  return {
    prober,
    spec,
    healthy: async () => ({ host: '127.0.0.1', port: 1 }),
    refused: async () => ({ host: '127.0.0.1', port: 2 }),
    refusedMessage: 'refused',
    hung: async (timeoutMs) => ({ target: { host: '127.0.0.1', port: 3 }, spec: spec(timeoutMs), message: 'timed out after 300 ms', closed: async () => undefined, stop: async () => undefined }),
    passTime: (ms) => clock.advance(ms),
    close: async () => undefined,
  };
});
