import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { Command } from 'commander';
import { serviceEndpoint } from '@localport/domain';
import { CliContext, expectOk } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { ensureDaemon } from '../daemon-launcher';
import { variablesOf } from '../render/env-format';
import { notHealthyError } from '../render/not-healthy';
import { watchUntilHealthy } from '../render/wait-progress';
import { selectServices } from '../select-services';

/** Splits `exec`'s words at `--` (commander drops it, so it is found in the raw argv): services before, the command after. */
function splitAtDashDash(program: Command, words: readonly string[]): { names: string[]; command: string[] } {
  const raw = (program as unknown as { rawArgs: string[] }).rawArgs; // set by commander's parse, not in its types
  const at = raw.indexOf('--', raw.indexOf('exec') + 1);
  if (at < 0) throw new CliError("name the command to run after '--', e.g. localport exec db -- psql", EXIT.usage, 'CLI.USAGE');
  const command = raw.slice(at + 1);
  if (command.length === 0) throw new CliError("name the command to run after '--'", EXIT.usage, 'CLI.USAGE');
  return { names: words.slice(0, words.length - command.length), command };
}

/** `localport exec [services...] [-t TAG]... [--timeout S] -- COMMAND [ARGS...]`: waits until healthy, runs COMMAND with their variables, exits with its code. */
export default async function exec(program: Command, cmd: Command, [words]: unknown[]): Promise<number> {
  const ctx = new CliContext(program);
  ctx.notesOnStderr = true; // stdout is the command's
  const o = cmd.opts<{ tag: string[]; timeout: string }>();
  const { names, command } = splitAtDashDash(program, words as string[]);
  const timeoutS = Number(o.timeout);
  if (!(timeoutS > 0)) throw new CliError(`--timeout ${o.timeout} is not a number of seconds`, EXIT.usage, 'CLI.USAGE');
  const services = selectServices((await ctx.loadConfig()).config.services, names, o.tag);
  const variables = variablesOf(services.map(serviceEndpoint));
  const { client } = await ensureDaemon(ctx);
  try {
    const chosen = services.map((s) => s.name);
    expectOk(await client.request('start', { names: chosen }, { timeoutMs: 120_000 }));
    const report = await watchUntilHealthy(ctx, client, chosen, timeoutS * 1000, false);
    const bad = report.services.filter((s) => chosen.includes(s.name) && !(s.state === 'running' && s.healthy));
    if (bad.length > 0) throw notHealthyError(bad, chosen.length, report, timeoutS);
  } finally {
    client.close();
  }
  return run(command, { ...ctx.env, ...variables });
}

/** Runs the command with stdio inherited, passing SIGINT/SIGTERM/SIGHUP on; its exit code, or 128+N after signal N. */
function run([file, ...args]: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(file, args, { stdio: 'inherit', env });
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const forward = (s: NodeJS.Signals) => child.kill(s);
  process.removeAllListeners('SIGINT'); // the CLI's own Ctrl-C handler would exit before the command does
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve, reject) => {
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(new CliError(`cannot run ${file}: ${e.code === 'ENOENT' ? 'command not found' : e.message}`, e.code === 'ENOENT' ? 127 : 126, 'EXEC.FAILED')),
    );
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}
