import { ConfigError, ConfigSource, LoadedConfig } from '@localport/application';
import { Result } from '@localport/domain';
import { secretsOfConfig } from './config-secrets';

/**
 * A ConfigSource that hands every secret of each config it loads to `register` (the logger's redaction list)
 * before anyone else sees the config, so nothing logged about it can carry a password or token in clear.
 */
export class SecretRegisteringConfigSource implements ConfigSource {
  constructor(
    private readonly inner: ConfigSource,
    private readonly register: (secrets: readonly string[]) => void,
  ) {}

  get path(): string {
    return this.inner.path;
  }

  async load(): Promise<Result<LoadedConfig, ConfigError>> {
    const loaded = await this.inner.load();
    if (loaded.ok) this.register(secretsOfConfig(loaded.value.config));
    return loaded;
  }

  watch(onChange: () => void): () => void {
    return this.inner.watch(onChange);
  }
}
