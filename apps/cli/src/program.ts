import { Argument, Command, CommanderError, Option } from 'commander';
import { CliError, EXIT, exitCodeFor } from './cli-error';
import { GlobalOptions, OUTPUT_FORMATS } from './global-options';
import { VERSION } from './version';
import startCommand from './commands/start.command';
import stopCommand from './commands/stop.command';
import restartCommand from './commands/restart.command';
import statusCommand from './commands/status.command';
import logsCommand from './commands/logs.command';
import daemonCommand from './commands/daemon.command';
import configCommand from './commands/config.command';
import clusterCommand from './commands/cluster.command';
import serviceCommand from './commands/service.command';
import completionCommand from './commands/completion.command';
import envCommand from './commands/env.command';
import execCommand from './commands/exec.command';
import eventsCommand from './commands/events.command';
import doctorCommand from './commands/doctor.command';

/** A command's handler. (Static imports: the CLI is one bundle, and the handlers only run when called.) */
type Load = () => Promise<{ default: (program: Command, cmd: Command, args: unknown[]) => Promise<number | void> }>;

const commands: { name: string; describe: (cmd: Command) => Command; load: Load }[] = [
  { name: 'start', describe: (c) => c.argument('[services...]').description('start services (starts the daemon when needed)').option('-a, --all', 'every enabled service').option('-t, --tag <tag>', 'services with this tag (repeatable)', collect, []).option('-w, --wait', 'wait until the services are healthy').option('--timeout <seconds>', 'how long --wait waits', '60'), load: async () => ({ default: startCommand }) },
  { name: 'stop', describe: (c) => c.argument('[services...]').description('stop services (the daemon keeps running)').option('-a, --all', 'every service'), load: async () => ({ default: stopCommand }) },
  { name: 'restart', describe: (c) => c.argument('[services...]').description('restart services (all running ones when none named)'), load: async () => ({ default: restartCommand }) },
  { name: 'status', describe: (c) => c.argument('[services...]').description('show services and clusters').option('-w, --watch', 'refresh until interrupted').option('-i, --interval <seconds>', 'refresh interval for --watch', '2'), load: async () => ({ default: statusCommand }) },
  { name: 'logs', describe: (c) => c.argument('[service]').description("show a service's upstream log, or the daemon's log").option('-f, --follow', 'keep printing new lines').option('-n, --lines <n>', 'how many lines (0 = all)', '100').option('-g, --grep <regex>', 'only lines matching (case-insensitive)').option('--since <age|time>', 'only lines since then: 10m, 1h, 2d or an ISO time').option('--list', 'list the log files').option('--path', 'print the log file path only'), load: async () => ({ default: logsCommand }) },
];

const collect = (value: string, previous: string[]) => [...previous, value];

/** Builds the program: global flags, every command, lazily loaded handlers. */
export function buildProgram(): Command {
  const program = new Command('localport')
    .description('Keeps every kubectl port-forward and SSH tunnel you need alive all day.')
    .option('-c, --config <path>', 'config file (default: LOCALPORT_CONFIG, ./localport.yaml, ...)')
    .addOption(new Option('-o, --output <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('-v, --verbose', 'more output (repeatable)', (_v: string, n: number) => n + 1, 0)
    .option('-q, --quiet', 'errors only')
    .option('--no-color', 'no colours (also NO_COLOR)')
    .option('--debug', 'show stack traces of unexpected errors')
    .version(VERSION, '-V, --version', 'print the version')
    .enablePositionalOptions(false)
    .showSuggestionAfterError(true)
    .exitOverride();
  for (const spec of commands) addCommand(program, program.command(spec.name), spec.describe, spec.load);
  addCommand(program, program.command('doctor'), (c) => c.description('check config, kubectl, contexts, ssh hosts, ports, daemon and credentials; say how to fix each problem'), async () => ({ default: doctorCommand }));
  addCommand(program, program.command('events'), (c) => c.description("the daemon's events: state and health changes, restarts, clusters, reloads").option('-f, --follow', 'keep printing new events until Ctrl-C').option('-n, --lines <n>', 'how many recent events (0 = all kept)', '0'), async () => ({ default: eventsCommand }));
  addGroup(program, 'daemon', 'run and control the background daemon', [
    ['start', (c) => c.description('start the daemon in the background').option('--foreground', 'run in this terminal, logging to stdout').option('--no-auto-start', 'do not start services')],
    ['run', (c) => c.description('run the daemon attached, logging to its files (for systemd/launchd; exit 0 after SIGTERM)').option('--no-auto-start', 'do not start services')],
    ['stop', (c) => c.description('stop the daemon and every service').option('--timeout <seconds>', 'wait this long before SIGKILL', '10')],
    ['restart', (c) => c.description('stop, then start the daemon').option('--no-auto-start', 'do not start services')],
    ['status', (c) => c.description('is the daemon running, and with what')],
    ['reload', (c) => c.description('re-read the config file and apply the difference')],
  ], async () => ({ default: daemonCommand }));
  addGroup(program, 'config', 'check and show the configuration', [
    ['validate', (c) => c.description('check the config file; exit 0 valid, 2 invalid')],
    ['show', (c) => c.description('print the resolved config, secrets redacted')],
  ], async () => ({ default: configCommand }));
  addGroup(program, 'cluster', 'health of the kubectl contexts in use', [
    ['status', (c) => c.description('per context: status, API server, version, nodes, pods').option('--context <name>', 'one context')],
    ['events', (c) => c.description('recent events').option('--context <name>', 'one context').option('--since <age>', 'e.g. 30m, 1h, 2d', '1h').option('--limit <n>', 'at most this many', '20')],
    ['pods', (c) => c.description('pods').option('--context <name>', 'one context')],
    ['nodes', (c) => c.description('nodes').option('--context <name>', 'one context')],
  ], async () => ({ default: clusterCommand }));
  const manager = () => new Option('--manager <name>', 'service manager (default: launchd on macOS, systemd elsewhere)').choices(['systemd', 'launchd']).hideHelp();
  addGroup(program, 'service', 'start the daemon at login (systemd user unit / launchd agent)', [
    ['install', (c) => c.description('install and enable the login service').option('--now', 'also start it now').addOption(manager())],
    ['uninstall', (c) => c.description('stop and remove the login service').addOption(manager())],
    ['status', (c) => c.description('is the login service installed, enabled and running').addOption(manager())],
  ], async () => ({ default: serviceCommand }));
  addCommand(program, program.command('env'), (c) => c.argument('[services...]').description("print services' HOST, PORT and URL variables (all enabled ones when none named)").option('-t, --tag <tag>', 'services with this tag (repeatable)', collect, []).addOption(new Option('--format <format>', 'sh (export lines), dotenv, or json (default: sh; json with -o json)').choices(['sh', 'dotenv', 'json'])), async () => ({ default: envCommand }));
  addCommand(program, program.command('exec'), (c) => c.argument('[services...]').usage('[options] [services...] -- <command> [args...]').description('wait until services are healthy (starting them if needed), then run a command with their variables').option('-t, --tag <tag>', 'services with this tag (repeatable)', collect, []).option('--timeout <seconds>', 'how long to wait for health', '60'), async () => ({ default: execCommand }));
  addCommand(program, program.command('completion'), (c) => c.description('print a shell completion script (bash, zsh, fish)').addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish'])), async () => ({ default: completionCommand }));
  addCommand(program, program.command('__complete', { hidden: true }), (c) => c.argument('[words...]').helpOption(false), async () => ({ default: completionCommand }));
  program.allowExcessArguments().action(() => {
    if (program.args.length > 0) unknownCommand(program);
    program.outputHelp();
  });
  return program;
}

/**
 * commander's own `unknown command 'strat' (Did you mean start?)` (exit 2). A command with an action of its own
 * (ours prints the help) would otherwise call a mistyped command "too many arguments".
 */
function unknownCommand(cmd: Command): never {
  return (cmd as unknown as { unknownCommand(): never }).unknownCommand();
}

function addCommand(program: Command, cmd: Command, describe: (c: Command) => Command, load: Load): void {
  describe(cmd).action(async (...args: unknown[]) => {
    const code = await (await load()).default(program, cmd, args);
    if (typeof code === 'number') throw new ExitSignal(code);
  });
}

function addGroup(program: Command, name: string, description: string, subs: [string, (c: Command) => Command][], load: Load): void {
  const group = program.command(name).description(description);
  for (const [sub, describe] of subs) addCommand(program, group.command(sub), describe, load);
  group.allowExcessArguments().action(() => {
    if (group.args.length > 0) unknownCommand(group);
    throw new CliError(`'${name}' needs a subcommand: ${subs.map(([s]) => s).join(', ')}`, EXIT.usage, 'CLI.USAGE');
  });
}

/** Carries a command's exit code out of commander's action. */
class ExitSignal {
  constructor(readonly code: number) {}
}

/** The CLI's only error boundary: messages and exit codes, never stack traces (unless --debug). */
export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const interrupt = () => {
    process.stderr.write('\ninterrupted\n');
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', interrupt);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage; // commander already printed the message
    }
    const opts = program.opts<GlobalOptions>();
    if (e instanceof CliError) {
      if (opts.output === 'json') process.stdout.write(`${JSON.stringify({ error: { code: e.code, message: e.message, details: e.details } })}\n`);
      process.stderr.write(`error: ${e.message}${opts.verbose ? ` [${e.code}]` : ''}\n${e.details.map((d) => `  ${d}\n`).join('')}`);
      return e.exitCode;
    }
    const err = e as Error & { code?: string };
    process.stderr.write(`error: ${err?.message ?? String(e)}${opts.verbose && err?.code ? ` [${err.code}]` : ''}\n`);
    if (opts.debug && err?.stack) process.stderr.write(`${err.stack}\n`);
    return exitCodeFor(typeof err?.code === 'string' ? err.code : undefined);
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}
