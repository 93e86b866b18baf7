import { join } from 'node:path';
import { Command } from 'commander';
import { CliContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { capturedEnv } from '../service/login-service';
import { loginServiceManager, ManagerKind } from '../service/login-service-manager';

/** `localport service install [--now] | uninstall | status`: start the daemon at login through systemd or launchd. */
export default async function service(program: Command, cmd: Command): Promise<number> {
  const ctx = new CliContext(program);
  const o = cmd.opts<{ now?: boolean; manager?: ManagerKind }>();
  const manager = loginServiceManager(o.manager, ctx.env, ctx.home);
  switch (cmd.name()) {
    case 'install': {
      const configPath = ctx.configPath();
      await ctx.loadConfig(); // an invalid config: say so now, not at the next login
      if (o.now) {
        const running = await ctx.connect();
        running?.close();
        if (running) throw new CliError("the daemon is already running; stop it first ('localport daemon stop') so that the service manager runs it", EXIT.failed, 'DAEMON.ALREADY_RUNNING');
      }
      // The CLI bundle (cli.js) runs from beside its entry script main.js, which the service starts.
      const spec = { node: process.execPath, cliMain: join(__dirname, 'main.js'), configPath, env: capturedEnv(ctx.env), home: ctx.home, logDir: ctx.paths.logDir };
      await manager.install(spec);
      if (o.now) {
        const started = await manager.startNow();
        if (!started.ok) {
          throw new CliError(`installed ${manager.file}, but could not start it now: ${started.message}`, EXIT.failed, 'SERVICE.MANAGER_UNAVAILABLE', [
            'it starts the daemon at your next login; to run the daemon now, use: localport daemon start',
          ]);
        }
      }
      ctx.print({ installed: true, manager: manager.kind, file: manager.file, configPath, startedNow: Boolean(o.now), environment: Object.keys(spec.env) }, () =>
        [
          `${ctx.style.green('✓')} installed ${manager.file} (${manager.kind}): the daemon starts at login with ${configPath}`,
          o.now ? `${ctx.style.green('✓')} started` : ctx.style.dim("  start it now with 'localport service install --now' or 'localport daemon start'"),
        ].join('\n'),
      );
      return EXIT.ok;
    }
    case 'uninstall': {
      const was = manager.installed().file;
      await manager.uninstall();
      ctx.print({ uninstalled: was, manager: manager.kind, file: manager.file }, () => (was ? `${ctx.style.green('✓')} removed ${manager.file}` : `not installed (${manager.file} does not exist)`));
      return EXIT.ok;
    }
    case 'status': {
      const installed = manager.installed();
      const state = installed.file ? await manager.state() : { state: null, problem: null };
      const client = await ctx.connect();
      client?.close();
      ctx.print({ manager: manager.kind, file: manager.file, installed: installed.file, atLogin: installed.atLogin, state: state.state, problem: state.problem, daemonRunning: client !== null }, () =>
        [
          `service: ${installed.file ? `installed (${manager.file})` : 'not installed'}`,
          ...(installed.file ? [`at login: ${installed.atLogin ? 'yes' : 'no'}`, `${manager.kind}: ${state.state ?? `unknown (${state.problem})`}`] : []),
          `daemon: ${client ? 'running' : 'not running'}`,
        ].join('\n'),
      );
      return installed.file ? EXIT.ok : EXIT.failed;
    }
  }
  throw new CliError(`unknown service command ${cmd.name()}`, EXIT.usage, 'CLI.USAGE');
}
