import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '@localport/domain';
import { FileConfigSource } from '../config/file-config-source.adapter';
import { secretsOfConfig } from './config-secrets';
import { SecretRegisteringConfigSource } from './secret-registering-config-source';
import { WinstonLogger } from './winston-logger.adapter';

const yaml = `
version: "1.0"
services:
  - name: api
    technology: kubectl
    local_port: 18080
    remote_port: 80
    connection: { resource_type: service, resource_name: api, context: dev }
    health_check:
      type: http
      config:
        url: "http://probe:URLPASS@127.0.0.1:18080/h?token=QUERYTOKEN"
        headers: { Authorization: "Bearer \${API_TOKEN}" }
  - name: db
    technology: kubectl
    local_port: 15432
    remote_port: 5432
    connection: { resource_type: service, resource_name: db, context: dev }
    health_check: { type: postgres, config: { user: app, password: "\${PGPW}" } }
  - name: jump
    technology: ssh
    local_port: 16000
    remote_port: 22
    connection: { host: example.internal, user: me, password: SSHPASS }
`;

describe('config secrets for the logger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-secrets-'));
    await writeFile(join(dir, 'localport.yaml'), yaml);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const env = { API_TOKEN: 'ENVTOKEN', PGPW: 'ENVPGPW' };

  it('finds passwords, tokens, ${VAR} values in secret fields and URL credentials', async () => {
    const loaded = unwrap(await new FileConfigSource(join(dir, 'localport.yaml'), { env }).load());
    expect(secretsOfConfig(loaded.config).sort()).toEqual(['Bearer ENVTOKEN', 'ENVPGPW', 'ENVTOKEN', 'QUERYTOKEN', 'SSHPASS', 'URLPASS'].sort());
  });

  it('masks them in daemon.log once the config is loaded through the registering source', async () => {
    const path = join(dir, 'daemon.log');
    const logger = WinstonLogger.create({ file: { path } });
    const source = new SecretRegisteringConfigSource(new FileConfigSource(join(dir, 'localport.yaml'), { env }), (s) => logger.addSecrets(s));
    expect((await source.load()).ok).toBe(true);
    logger.warn('health check failed: password ENVPGPW rejected, token ENVTOKEN, ssh SSHPASS', { detail: 'ENVTOKEN again' });
    logger.error('GET http://probe:URLPASS@127.0.0.1:18080/h?token=QUERYTOKEN failed: ECONNREFUSED');
    await logger.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toMatch(/ENVPGPW|ENVTOKEN|SSHPASS|URLPASS|QUERYTOKEN/);
    expect(text).toContain('http://***@127.0.0.1:18080/h?token=***');
  });
});
