import { endpointVariables, envVarPrefix, ServiceEndpoint } from '@localport/domain';
import { CliError, EXIT } from '../cli-error';

export const ENV_FORMATS = ['sh', 'dotenv', 'json'] as const;
export type EnvFormat = (typeof ENV_FORMATS)[number];

/** Every endpoint's HOST/PORT/URL variables; two services whose names give the same prefix are an error. */
export function variablesOf(endpoints: readonly ServiceEndpoint[]): Record<string, string> {
  const seen = new Map<string, string>();
  for (const e of endpoints) {
    const prefix = envVarPrefix(e.name);
    const other = seen.get(prefix);
    if (other !== undefined) throw new CliError(`services ${other} and ${e.name} would both set ${prefix}_*; rename one`, EXIT.usage, 'SERVICE.ENV_CONFLICT');
    seen.set(prefix, e.name);
  }
  return Object.assign({}, ...endpoints.map(endpointVariables)) as Record<string, string>;
}

const shQuote = (v: string) => (/^[A-Za-z0-9_./:@%+=,-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
const dotenvQuote = (v: string) => (/^[A-Za-z0-9_./:@%+=,-]*$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);

/** The variables as `export K=V` lines (sh), `K=V` lines (dotenv), or one JSON document with the endpoints too. */
export function formatEnv(format: EnvFormat, endpoints: readonly ServiceEndpoint[]): string {
  const vars = variablesOf(endpoints);
  if (format === 'json') return `${JSON.stringify({ variables: vars, services: endpoints }, null, 2)}\n`;
  const line = format === 'sh' ? (k: string, v: string) => `export ${k}=${shQuote(v)}` : (k: string, v: string) => `${k}=${dotenvQuote(v)}`;
  return Object.entries(vars).map(([k, v]) => `${line(k, v)}\n`).join('');
}
