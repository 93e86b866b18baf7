import { statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import { expandHome } from '../paths/localport-paths';

/** Where to look for the config file. */
export interface ConfigLookup {
  /** `-c/--config` as given on the command line. */
  readonly flag?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly homedir: string;
}

/** The candidate files, in order, when neither the flag nor an environment variable names one. */
export function defaultConfigCandidates(env: NodeJS.ProcessEnv, cwd: string, homedir: string): string[] {
  const xdg = env['XDG_CONFIG_HOME'] && isAbsolute(env['XDG_CONFIG_HOME']) ? env['XDG_CONFIG_HOME'] : join(homedir, '.config');
  return [
    join(cwd, 'localport.yaml'),
    join(cwd, 'localport.yml'),
    join(cwd, '.localport.yaml'),
    join(xdg, 'localport', 'config.yaml'),
    join(homedir, '.localport.yaml'),
  ];
}

/**
 * The one config resolver: `--config`, then `LOCALPORT_CONFIG` (or LocalPort's `LOCALPORT_CONFIG_FILE`),
 * then the default candidates. Returns an absolute path, or CONFIG.NOT_FOUND: naming the explicit path,
 * or with one problem (`<path>: not found`) per candidate searched.
 */
export function resolveConfigPath(lookup: ConfigLookup): Result<string, ConfigError> {
  const explicit = explicitPath(lookup);
  if (explicit) {
    const path = resolve(lookup.cwd, expandHome(explicit.value, lookup.homedir));
    if (isFile(path)) return ok(path);
    return err(new ConfigError('CONFIG.NOT_FOUND', `config file ${path} (from ${explicit.source}) does not exist or is not a file`));
  }
  const candidates = defaultConfigCandidates(lookup.env, lookup.cwd, lookup.homedir);
  const found = candidates.find(isFile);
  if (found) return ok(found);
  return err(
    new ConfigError(
      'CONFIG.NOT_FOUND',
      `no LocalPort config found in the ${candidates.length} places searched (pass --config or set LOCALPORT_CONFIG)`,
      candidates.map((file) => ({ file, message: 'not found' })),
    ),
  );
}

function explicitPath(lookup: ConfigLookup): { value: string; source: string } | undefined {
  if (lookup.flag) return { value: lookup.flag, source: '--config' };
  for (const name of ['LOCALPORT_CONFIG', 'LOCALPORT_CONFIG_FILE']) {
    const value = lookup.env[name];
    if (value) return { value, source: name };
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
