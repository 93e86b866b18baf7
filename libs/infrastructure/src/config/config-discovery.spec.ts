import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatConfigProblem } from '@localport/application';
import { resolveConfigPath } from './config-discovery';

describe(resolveConfigPath.name, () => {
  let root: string;
  let cwd: string;
  let home: string;
  const touch = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, 'version: "1.0"\n');
    return path;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'lp-discovery-'));
    cwd = join(root, 'project');
    home = join(root, 'home');
    mkdirSync(cwd);
    mkdirSync(home);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('searches the default locations in order, each one winning over the ones after it', () => {
    const order = [
      join(cwd, 'localport.yaml'),
      join(cwd, 'localport.yml'),
      join(cwd, '.localport.yaml'),
      join(home, '.config', 'localport', 'config.yaml'),
      join(home, '.localport.yaml'),
    ];
    for (const path of [...order].reverse()) {
      touch(path);
      expect(resolveConfigPath({ env: {}, cwd, homedir: home })).toEqual({ ok: true, value: path });
    }
  });

  it('honours XDG_CONFIG_HOME', () => {
    const xdg = touch(join(root, 'xdg', 'localport', 'config.yaml'));
    touch(join(home, '.localport.yaml'));
    expect(resolveConfigPath({ env: { XDG_CONFIG_HOME: join(root, 'xdg') }, cwd, homedir: home })).toEqual({ ok: true, value: xdg });
  });

  it('prefers --config over LOCALPORT_CONFIG over LOCALPORT_CONFIG_FILE over the defaults, resolving relative paths', () => {
    touch(join(cwd, 'localport.yaml'));
    const fromFlag = touch(join(cwd, 'conf', 'flag.yaml'));
    const fromEnv = touch(join(root, 'env.yaml'));
    const fromPythonEnv = touch(join(root, 'python-env.yaml'));
    const env = { LOCALPORT_CONFIG: fromEnv, LOCALPORT_CONFIG_FILE: fromPythonEnv };
    expect(resolveConfigPath({ flag: 'conf/flag.yaml', env, cwd, homedir: home })).toEqual({ ok: true, value: fromFlag });
    expect(resolveConfigPath({ env, cwd, homedir: home })).toEqual({ ok: true, value: fromEnv });
    expect(resolveConfigPath({ env: { LOCALPORT_CONFIG_FILE: fromPythonEnv }, cwd, homedir: home })).toEqual({ ok: true, value: fromPythonEnv });
    expect(resolveConfigPath({ env: { LOCALPORT_CONFIG: '~/../env.yaml' }, cwd, homedir: home })).toEqual({ ok: true, value: fromEnv });
  });

  it('does not fall back when an explicit path is missing: CONFIG.NOT_FOUND names it', () => {
    touch(join(cwd, 'localport.yaml'));
    const result = resolveConfigPath({ flag: 'nope.yaml', env: {}, cwd, homedir: home });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG.NOT_FOUND' } });
    if (!result.ok) expect(result.error.message).toContain(join(cwd, 'nope.yaml'));
    const fromEnv = resolveConfigPath({ env: { LOCALPORT_CONFIG: join(root, 'gone.yaml') }, cwd, homedir: home });
    if (fromEnv.ok) throw new Error('expected NOT_FOUND');
    expect(fromEnv.error.message).toBe(`config file ${join(root, 'gone.yaml')} (from LOCALPORT_CONFIG) does not exist or is not a file`);
  });

  it('lists every path searched when nothing is found; a directory does not count', () => {
    mkdirSync(join(cwd, 'localport.yaml'));
    const result = resolveConfigPath({ env: {}, cwd, homedir: home });
    if (result.ok) throw new Error('expected NOT_FOUND');
    expect(result.error.code).toBe('CONFIG.NOT_FOUND');
    expect(result.error.problems.map((p) => p.file)).toEqual([
      join(cwd, 'localport.yaml'),
      join(cwd, 'localport.yml'),
      join(cwd, '.localport.yaml'),
      join(home, '.config', 'localport', 'config.yaml'),
      join(home, '.localport.yaml'),
    ]);
    expect(result.error.problems.map(formatConfigProblem)[0]).toBe(`${join(cwd, 'localport.yaml')}: not found`);
  });
});
