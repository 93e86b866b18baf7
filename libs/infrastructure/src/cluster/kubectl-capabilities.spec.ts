import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { capabilitiesOf, parseClientVersion } from './kubectl-capabilities';
import { kubectlCommands } from './kubectl-commands';

const fixture = (name: string): string => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe('kubectl capabilities', () => {
  it('reads a real client version', () => {
    expect(parseClientVersion(fixture('kubectl-version-1.27.json'))).toEqual({
      ok: true,
      value: { gitVersion: 'v1.27.16', major: 1, minor: 27, versionJson: true, rawGet: true, versionShortFlag: true, provisional: false },
    });
  });

  it('marks the gcloud dispatcher answering for itself ("32+") as provisional', () => {
    expect(parseClientVersion(fixture('kubectl-version-dispatcher.json'))).toMatchObject({ ok: true, value: { minor: 32, provisional: true, versionShortFlag: false } });
  });

  it('rejects output without a client version', () => {
    expect(parseClientVersion('{}')).toMatchObject({ ok: false, error: { code: 'CLUSTER.REQUEST_FAILED' } });
    expect(parseClientVersion('Client Version: v1.33.1')).toMatchObject({ ok: false });
  });

  it.each([27, 30, 33])('builds 1.%i commands without --short or --limit, with the context and the timeout', (minor) => {
    const cmd = kubectlCommands(capabilitiesOf(`v1.${minor}.0`, 1, minor), 'kind-dev', 5000);
    const all = [cmd.clientVersion, cmd.health('/readyz'), cmd.serverVersion, cmd.serverUrl, cmd.nodes, cmd.pods, cmd.events];
    for (const args of all) {
      expect(args.join(' ')).not.toMatch(/--short|--limit|--sort-by/);
      expect(args).toContain('kind-dev');
    }
    expect(cmd.health('/readyz')).toEqual(['get', '--raw', '/readyz', '--context', 'kind-dev', '--request-timeout=5000ms']);
    expect(cmd.pods).toEqual(['get', 'pods', '-A', '--field-selector=status.phase!=Succeeded', '-o', 'json', '--context', 'kind-dev', '--request-timeout=5000ms']);
    expect(cmd.events.slice(0, 5)).toEqual(['get', 'events', '-A', '-o', 'json']);
  });

  it('falls back to the text version and to `version` as the health probe on ancient clients', () => {
    const cmd = kubectlCommands(capabilitiesOf('v1.9.0', 1, 9), 'old', 1000);
    expect(cmd.serverVersion).toEqual(['version', '--context', 'old', '--request-timeout=1000ms']);
    expect(cmd.health('/readyz')).toEqual(cmd.serverVersion);
  });
});
