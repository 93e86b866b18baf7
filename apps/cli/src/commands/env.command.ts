import { Command } from 'commander';
import { serviceEndpoint } from '@localport/domain';
import { CliContext } from '../cli-context';
import { EXIT } from '../cli-error';
import { EnvFormat, formatEnv } from '../render/env-format';
import { selectServices } from '../select-services';

/** `localport env [services...] [-t TAG]... [--format sh|dotenv|json]`: each service's HOST, PORT and URL, from the config alone. */
export default async function env(program: Command, cmd: Command, [names]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<{ tag: string[]; format?: EnvFormat }>();
  const loaded = await ctx.loadConfig();
  const endpoints = selectServices(loaded.config.services, names as string[], o.tag).map(serviceEndpoint);
  process.stdout.write(formatEnv(o.format ?? (ctx.json ? 'json' : 'sh'), endpoints));
  return EXIT.ok;
}
