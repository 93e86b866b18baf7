import { writeFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { Clock, ConfigSource, EventJournal, LOCALPORT_VERSION, LocalportDaemon, recordDaemonEvents, renderPrometheus, TimedHealthProber, TOKENS, formatConfigProblem } from '@localport/application';
import { ChildProcessLedger, ControlServer, DaemonLock, ensurePrivateDir, FileServiceLogs, killAllChildren, loadConfigFile, MetricsHttpServer, resolveConfigPath, resolveLocalportPaths, toWireEvent, WinstonLogger } from '@localport/infrastructure';
import { buildDaemonContainer, DAEMON, daemonUseCases, LEDGER, SERVICE_LOG_FILES, TIMED_PROBER } from './container';
import { createControlHandler } from './control-handler';
import { DaemonOptions } from './daemon-options';

/** After this long a shutdown stops waiting for services and kills what is left. */
const SHUTDOWN_DEADLINE_MS = 8_000;

/**
 * Runs the daemon until it is told to stop. Returns an exit code to exit with now (start-up
 * failed), or null once the daemon runs (it exits itself on shutdown).
 */
export async function runDaemon(options: DaemonOptions, env: NodeJS.ProcessEnv, home: string): Promise<number | null> {
  const paths = resolveLocalportPaths(env, home);
  for (const dir of [paths.stateDir, paths.runtimeDir, paths.logDir, paths.serviceLogDir, dirname(paths.socketPath)]) {
    const made = ensurePrivateDir(dir);
    if (!made.ok) return fail(made.error.message, 1);
  }
  const found = resolveConfigPath({ flag: options.configPath, env, cwd: process.cwd(), homedir: home });
  if (!found.ok) return fail([found.error.message, ...found.error.problems.map(formatConfigProblem)].join('\n'), 2);

  const lock = new DaemonLock(paths.lockFile);
  const locked = await lock.acquire();
  if (!locked.ok) return fail(locked.error.message, 1);

  // Log rotation and metrics are read once, at start (an invalid file is reported by boot below).
  const early = await loadConfigFile(found.value, env, { homedir: home });
  const observability = early.ok ? early.value.observability : { logging: {}, metrics: null };
  const logger = WinstonLogger.create({ file: { path: `${paths.logDir}/daemon.log`, ...observability.logging }, console: options.foreground, level: env.LOCALPORT_LOG_LEVEL === 'debug' ? 'debug' : 'info' });
  const container = buildDaemonContainer({ ...options, configPath: found.value, logging: observability.logging }, paths, logger);
  const reaped = await container.get<ChildProcessLedger>(LEDGER).reapOrphans();
  if (reaped.killed.length > 0) logger.warn('killed children left by a crashed daemon', { pids: reaped.killed.map((e) => e.pid) });

  const daemon = container.get<LocalportDaemon>(DAEMON);
  // Recorded from boot on, so `localport events` shows how the services came up.
  const journal = new EventJournal(container.get<Clock>(TOKENS.clock));
  recordDaemonEvents(journal, { supervisor: daemon.supervisor, clusters: daemon.clusters, reloads: daemon });
  // Services start once the control socket answers, not before: 50 ssh launches take seconds (minutes on a loaded
  // machine), and a daemon deaf all that time made `daemon start` give up on it after 20 s and kill it.
  const booted = await daemon.boot(false);
  if (!booted.applied) {
    await daemon.shutdown();
    await logger.close();
    lock.release();
    return fail([booted.error?.message ?? 'invalid configuration', ...(booted.error?.problems ?? [])].join('\n'), 2);
  }

  let stopping: Promise<void> | null = null;
  const stop = (reason: string) => (stopping ??= shutdown(reason));
  const useCases = daemonUseCases(container);
  const serviceLogFiles = container.get<FileServiceLogs>(SERVICE_LOG_FILES);
  const server = new ControlServer(createControlHandler(useCases, { pid: process.pid, version: LOCALPORT_VERSION }, { shutdown: () => void stop('shutdown requested'), flushLogs: () => serviceLogFiles.flushAll() }, journal), { logger, checkResults: false });
  const listening = await server.listen(paths.socketPath);
  if (!listening.ok) {
    await daemon.shutdown();
    await logger.close();
    lock.release();
    return fail(listening.error.message, 1);
  }
  writeFileSync(paths.pidFile, `${process.pid}\n`, { mode: 0o600 });
  daemon.supervisor.onChange((c) => server.publish('service', { previous: c.previous, ...c.current, since: new Date(c.current.since).toISOString() }));
  daemon.clusters.onHealthChange((h, prev) => server.publish('cluster', { context: h.context, status: h.status, previous: prev.status, lastError: h.lastError }));
  journal.onEvent((e) => server.publish(e.kind, toWireEvent(e)));
  const prober = container.get<TimedHealthProber>(TIMED_PROBER);
  const metrics = new MetricsHttpServer(async () => renderPrometheus(await useCases.getStatus.execute(), (port) => prober.lastCheck(port)));
  if (observability.metrics) {
    // Metrics are optional: a taken port is logged, and the daemon runs on without them.
    const served = await metrics.listen(observability.metrics.host, observability.metrics.port);
    if (served.ok) logger.info('serving metrics', { url: `http://${observability.metrics.host}:${served.value}/metrics` });
    else logger.error('metrics are off', { code: served.error.code, error: served.error.message });
  }
  const unwatch = container.get<ConfigSource>(TOKENS.configSource).watch(() => void daemon.reload());
  // Every enabled service; each outcome is in the log and in status, none needs an answer here.
  if (options.autoStart && booted.actions.length > 0) void daemon.supervisor.start({ all: true });

  process.on('SIGHUP', () => void daemon.reload());
  process.on('SIGUSR1', () => void daemon.reload());
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('uncaughtException', (e) => logger.error('unexpected error; the daemon keeps running', { error: e.message, stack: e.stack }));
  process.on('unhandledRejection', (e) => logger.error('unhandled rejection; the daemon keeps running', { error: e instanceof Error ? e.message : String(e) }));
  logger.info('daemon started', { pid: process.pid, version: LOCALPORT_VERSION, config: found.value, socket: paths.socketPath, autoStart: options.autoStart, actions: booted.actions.length });

  async function shutdown(reason: string): Promise<void> {
    const started = Date.now();
    logger.info('daemon stopping', { reason });
    unwatch();
    const deadline = setTimeout(() => {
      logger.error('shutdown took too long; killing what is left');
      killAllChildren('SIGKILL');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    await daemon.shutdown();
    killAllChildren('SIGKILL');
    await Promise.all([server.close(), metrics.close()]);
    rmSync(paths.pidFile, { force: true });
    logger.info('daemon stopped', { reason, ms: Date.now() - started });
    await logger.close();
    lock.release();
    clearTimeout(deadline);
    process.exit(0);
  }
  return null;
}

function fail(message: string, code: number): number {
  process.stderr.write(`localport daemon: ${message}\n`);
  return code;
}
