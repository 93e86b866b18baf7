import type { StatusReport } from '@localport/application';
import { homedir } from 'node:os';
import { resolveLocalportPaths } from '@localport/infrastructure';
import { renderStatus } from '../render/status.render';
import { makeStyle } from '../render/style';
import { parseFastStatus } from './status-argv';
import { requestStatus } from './status-request';

/** How long the fast path waits for the daemon before it leaves `status` to the full CLI (which waits 3 s + 10 s). */
const FAST_TIMEOUT_MS = 3_000;

/**
 * Answers a plain `localport status` (see parseFastStatus) from the running daemon without loading the CLI bundle:
 * the same request, the same checks of the reply, and the same JSON or table as the `status` command prints. Resolves
 * false, having printed nothing, whenever the full CLI is needed: another command line, no daemon (the offline report
 * reads the config), an error or unexpected reply, an unknown service name. `LOCALPORT_NO_FAST_STATUS=1` turns it off.
 */
export async function fastStatus(args: readonly string[], env: NodeJS.ProcessEnv): Promise<boolean> {
  const parsed = env['LOCALPORT_NO_FAST_STATUS'] ? null : parseFastStatus(args);
  if (!parsed) return false;
  const report = await requestStatus(resolveLocalportPaths(env, homedir()).socketPath, parsed.names, FAST_TIMEOUT_MS);
  if (report === undefined || parsed.names.some((n) => !(report as StatusReport).services.some((s) => s.name === n))) return false;
  if (parsed.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    // As CliContext: colours only for a table on a terminal, and never with --no-color or NO_COLOR.
    const style = makeStyle(parsed.color && !('NO_COLOR' in env) && Boolean(process.stdout.isTTY));
    process.stdout.write(`${renderStatus(report as StatusReport, style, Date.now())}\n`);
  }
  return true;
}
