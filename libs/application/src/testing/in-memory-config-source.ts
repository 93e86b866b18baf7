import { DEFAULT_CLUSTER_HEALTH, err, LocalportConfig, ok, Result, Service } from '@localport/domain';
import { ConfigError, ConfigSource, LoadedConfig } from '../ports/config-source.port';

/** A configuration held in memory; tests replace it with set() or break it with fail(). */
export class InMemoryConfigSource implements ConfigSource {
  readonly path = '/home/dev/localport.yaml';
  private next: Result<LocalportConfig, ConfigError>;
  private readonly watchers = new Set<() => void>();

  constructor(services: Service[] = []) {
    this.next = ok(InMemoryConfigSource.config(services));
  }

  static config(services: Service[]): LocalportConfig {
    return { version: '1.0', services, clusterHealth: { defaults: DEFAULT_CLUSTER_HEALTH, contexts: {} } };
  }

  set(services: Service[]): void {
    this.next = ok(InMemoryConfigSource.config(services));
    this.watchers.forEach((w) => w());
  }

  fail(message: string, field = 'local_port'): void {
    this.next = err(new ConfigError('CONFIG.INVALID', 'the configuration is invalid', [{ file: this.path, line: 7, service: 'services[0] "db"', field, message }]));
    this.watchers.forEach((w) => w());
  }

  async load(): Promise<Result<LoadedConfig, ConfigError>> {
    return this.next.ok ? ok({ config: this.next.value, path: this.path }) : this.next;
  }

  watch(onChange: () => void): () => void {
    this.watchers.add(onChange);
    return () => this.watchers.delete(onChange);
  }
}
