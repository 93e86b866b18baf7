import { describeConfigSourceContract } from './contracts/config-source.contract';
import { InMemoryConfigSource } from './in-memory-config-source';
import { aKubectlService } from './service-fixtures';

describeConfigSourceContract('InMemoryConfigSource', async () => {
  const source = new InMemoryConfigSource();
  return {
    source,
    writeValid: async (localPort) => source.set([aKubectlService({ localPort: localPort as never })]),
    writeInvalid: async () => source.fail('70000 is not a port (1-65535)'),
    settle: async () => undefined,
    close: async () => undefined,
  };
});
