import { capturedEnv } from './login-service';
import { renderSystemdUnit, systemdQuote } from './systemd-unit';

describe(systemdQuote.name, () => {
  it.each([
    ['/usr/bin/node', true, '"/usr/bin/node"'],
    ['/a b/c', true, '"/a b/c"'],
    ['50%', true, '"50%%"'],
    ['$HOME', true, '"$$HOME"'],
    ['$HOME', false, '"$HOME"'],
    ['say "hi" \\ bye', false, '"say \\"hi\\" \\\\ bye"'],
  ])('%j (ExecStart: %s) -> %s', (word, dollar, quoted) => {
    expect(systemdQuote(word, dollar)).toBe(quoted);
  });
});

describe(capturedEnv.name, () => {
  it('keeps what kubectl and ssh need and LocalPort settings, sorted; drops the rest and LOCALPORT_CONFIG', () => {
    const env = { PATH: '/bin', KUBECONFIG: '/k', SSH_AUTH_SOCK: '/s', LOCALPORT_HOME: '/lp', LOCALPORT_CONFIG: '/c.yaml', HOME: '/h', TERM: 'xterm', HTTPS_PROXY: 'http://p:3128', EMPTY: '' };
    expect(Object.entries(capturedEnv(env))).toEqual([['HTTPS_PROXY', 'http://p:3128'], ['KUBECONFIG', '/k'], ['LOCALPORT_HOME', '/lp'], ['PATH', '/bin'], ['SSH_AUTH_SOCK', '/s']]);
  });
});

describe(renderSystemdUnit.name, () => {
  it('runs `daemon run` with the config, one Environment= per variable, and no restart after exit 2', () => {
    const unit = renderSystemdUnit({ node: '/n', cliMain: '/lp/cli/main.js', configPath: '/c/lp.yaml', env: { PATH: '/bin' }, home: '/home/u', logDir: '/l' });
    expect(unit).toContain('ExecStart="/n" "/lp/cli/main.js" "--config" "/c/lp.yaml" "daemon" "run"\n');
    expect(unit).toContain('Environment="PATH=/bin"\n');
    expect(unit).toContain('RestartPreventExitStatus=2\n');
    expect(unit).toContain('WorkingDirectory=/home/u\n');
  });
});
