import { parse as parseYaml } from 'yaml';
import { deepEqual, unwrap } from '@localport/domain';
import { parseConfigText } from './config-parser';
import { renderConfig } from './config-renderer';

const REDACTED = '***';

const yaml = `version: "1.0"
defaults:
  health_check:
    type: http
    config:
      url: \${PROBE_URL}
services:
  - name: db
    technology: ssh
    local_port: 15432
    remote_port: 5432
    connection:
      host: \${DB_BASTION:bastion.example.com}
      user: \${DB_USER}
      password: hunter2
      key_file: /keys/id
    health_check:
      type: postgres
      config: {user: app, password: "\${PGPASS}", database: app}
  - name: api
    technology: kubectl
    local_port: 8080
    remote_port: 80
    connection: {resource_name: api, namespace: \${NS:web}}
    health_check:
      config:
        headers: {Authorization: Bearer abc, X-Trace: "on"}
cluster_contexts:
  prod:
    cluster_health: {interval: \${PROD_INTERVAL:120}}
`;
const env = { DB_USER: 'svc-reader', PGPASS: 's3cret', PROBE_URL: 'https://probe:pw@api.internal/health' };
/** The kubeconfig's current context for kubectl services that name none. */
const dev = { currentKubeContext: () => 'dev' };
const loaded = unwrap(parseConfigText(yaml, 'lp.yaml', env, dev));

describe(renderConfig.name, () => {
  it('redacts passwords, secret headers and values that came from environment variables', () => {
    const shown = parseYaml(renderConfig(loaded, 'yaml'));
    const [db, api] = shown.services;
    expect(db.connection).toMatchObject({ host: 'bastion.example.com', user: REDACTED, password: REDACTED, key_file: '/keys/id' });
    expect(db.health_check.config).toEqual({ user: 'app', password: REDACTED, database: 'app' });
    expect(api.connection.namespace).toBe('web');
    expect(api.health_check.config.url).toBe(REDACTED);
    expect(api.health_check.config.headers).toEqual({ Authorization: REDACTED, 'X-Trace': 'on' });
    expect(shown.cluster_contexts.prod.cluster_health.interval).toBe(120);
    const text = renderConfig(loaded, 'json');
    for (const secret of ['hunter2', 's3cret', 'svc-reader', 'pw@', 'Bearer abc']) expect(text).not.toContain(secret);
  });

  it('redacts a value set from the environment even where a file default exists, and URL credentials', () => {
    const other = unwrap(parseConfigText(yaml.replace('${PROBE_URL}', 'http://u:pw@h/x'), 'lp.yaml', { ...env, DB_BASTION: 'jump.corp', PROD_INTERVAL: '600' }, dev));
    const shown = JSON.parse(renderConfig(other, 'json'));
    expect(shown.services[0].connection.host).toBe(REDACTED);
    expect(shown.cluster_contexts.prod.cluster_health.interval).toBe(REDACTED);
    expect(shown.services[1].health_check.config.url).toBe(`http://u:${REDACTED}@h/x`);
  });

  it('shows the resolved config with defaults applied, in seconds, which loads back to the same config', () => {
    const plain = renderConfig(loaded, 'yaml', { redact: false });
    const shown = parseYaml(plain);
    expect(shown.services[1].health_check).toMatchObject({ type: 'http', interval: 30, timeout: 5, config: { url: env.PROBE_URL, method: 'GET' } });
    expect(shown.services[1].restart_policy).toMatchObject({ max_attempts: 0, initial_delay: 1, max_delay: 300 });
    expect(shown.defaults.cluster_health).toMatchObject({ interval: 240, timeout: 30 });
    const again = unwrap(parseConfigText(plain, 'shown.yaml', {}, dev));
    expect(deepEqual(again.config, loaded.config)).toBe(true);
  });
});
