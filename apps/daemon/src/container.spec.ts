import 'reflect-metadata';
import { ConfigSource, LocalportDaemon, TOKENS } from '@localport/application';
import { anSshService, InMemoryConfigSource } from '@localport/application/testing';
import { resolveLocalportPaths, WinstonLogger } from '@localport/infrastructure';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDaemonContainer, DAEMON, daemonUseCases } from './container';

describe(buildDaemonContainer.name, () => {
  const home = mkdtempSync(join(tmpdir(), 'lp-container-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  // docs/architecture.md ("Swapping an adapter") shows this rebind; keep the two in step.
  it('swaps an adapter with one rebind: the daemon and its use cases read the new one', async () => {
    const paths = resolveLocalportPaths({ LOCALPORT_HOME: home }, home);
    const logger = WinstonLogger.create({});
    const container = buildDaemonContainer({ configPath: join(home, 'missing.yaml'), foreground: false, autoStart: false }, paths, logger);

    container.rebind<ConfigSource>(TOKENS.configSource).toConstantValue(new InMemoryConfigSource([anSshService({ name: 'from-memory' })]));

    const daemon = container.get<LocalportDaemon>(DAEMON);
    expect(await daemon.boot(false)).toMatchObject({ applied: true });
    try {
      const status = await daemonUseCases(container).getStatus.execute();
      expect(status.daemon).toMatchObject({ running: true, configPath: '/home/dev/localport.yaml', configError: null });
      expect(status.services.map((s) => [s.name, s.state])).toEqual([['from-memory', 'stopped']]);
    } finally {
      await daemon.shutdown();
      await logger.close();
    }
  });
});
