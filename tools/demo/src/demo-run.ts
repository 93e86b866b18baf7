import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { DemoCluster, startDemoCluster, WEB_GREETING } from './demo-cluster';
import { chooseDemoPorts, DEMO_CONTEXT, demoConfigYaml, DemoPorts } from './demo-config';
import { DemoEnvironment, preflightProblem } from './demo-environment';
import { DemoFailure, DemoReporter } from './demo-reporter';
import { echo, httpGet } from './demo-requests';
import { LocalportCli } from './localport-cli';
import { checkAllHealthy } from './status-check';

/** How `npm run demo` was asked to run. */
export interface DemoOptions {
  /** Stay up until Ctrl-C instead of stopping at the end. */
  readonly keep: boolean;
}

const STEPS = 8;

/** Runs the whole demo; resolves the process exit code (0 all worked, 1 a step failed, 130 interrupted). */
export async function runDemo(env: DemoEnvironment, options: DemoOptions): Promise<number> {
  const out = new DemoReporter(STEPS);
  const cli = new LocalportCli(env.cliPath, env.childEnv);
  const interrupted = interruption();
  let cluster: DemoCluster | undefined;
  let daemonStarted = false;
  let daemonEverStarted = false;
  let waitingForCtrlC = false;
  const step = (title: string) => {
    interrupted.check();
    out.step(title);
  };
  try {
    const problem = preflightProblem(env);
    if (problem) throw new DemoFailure(problem);
    const leftover = await cli.capture(['daemon', 'stop']);
    if (/stopped \(pid/.test(leftover.stdout)) out.warn(`stopped a demo daemon left running by an earlier run (${leftover.stdout.trim()})`);
    rmSync(env.demoDir, { recursive: true, force: true });
    mkdirSync(env.demoDir, { recursive: true });

    step('Starting a small demo Kubernetes cluster (the project\'s test API server)');
    cluster = await startDemoCluster();
    out.info(`API server:  ${cluster.api.url}   (nodes node-a, node-b; namespace default)`);
    out.info(`pod web-0      -> a small HTTP server on 127.0.0.1:${cluster.web.port}`);
    out.info(`pod postgres-0 -> an echo server on 127.0.0.1:${cluster.postgres.port}`);
    out.info(`pod redis-0    -> an echo server on 127.0.0.1:${cluster.redis.port}`);

    step('Writing a kubeconfig and an SSH-free LocalPort config');
    const ports = await chooseDemoPorts();
    cluster.api.writeKubeconfig(env.kubeconfig, { contextName: DEMO_CONTEXT });
    writeFileSync(env.configPath, demoConfigYaml(ports));
    describeSetup(out, env, ports);

    step('Starting every service through the daemon, waiting until they are healthy');
    out.command(cli.describe(['start', '--all', '--wait', '--timeout', '60']));
    daemonStarted = true;
    daemonEverStarted = true;
    const started = await cli.show(['start', '--all', '--wait', '--timeout', '60']);
    const health = checkAllHealthy(await cli.capture(['status', '-o', 'json']), ['web', 'postgres', 'redis']);
    if (started.code !== 0) throw new DemoFailure(`'localport start --all --wait' exited with ${started.code}`, health?.details);
    if (health) throw new DemoFailure(health.reason, health.details);
    out.ok('all three services are running and healthy');

    step('Showing what LocalPort runs');
    out.command(cli.describe(['status']));
    await cli.show(['status']);

    step('Making real requests through the forwards');
    await requestThrough(out, ports);

    step('Asking about the cluster the services live in');
    out.command(cli.describe(['cluster', 'status']));
    const clusterStatus = await cli.show(['cluster', 'status']);
    if (clusterStatus.code !== 0) throw new DemoFailure(`'localport cluster status' exited with ${clusterStatus.code} (the demo cluster should be healthy)`);

    step("Reading one service's log (what its native forwarder did)");
    out.command(cli.describe(['logs', 'web', '--lines', '5']));
    await cli.show(['logs', 'web', '--lines', '5']);

    if (options.keep) {
      step('Keeping everything running (--keep)');
      describeKeep(out, env, ports);
      waitingForCtrlC = true;
      await interrupted.promise;
      out.info('Ctrl-C: stopping the demo');
    } else {
      step('Stopping the daemon (and with it every forward)');
    }
    out.command(cli.describe(['daemon', 'stop']));
    const stopped = await cli.show(['daemon', 'stop']);
    daemonStarted = false;
    if (stopped.code !== 0) throw new DemoFailure(`'localport daemon stop' exited with ${stopped.code}`);
    out.done('Demo finished: LocalPort started, kept healthy, served and stopped three native Kubernetes port-forwards.');
    return 0;
  } catch (e) {
    if (interrupted.happened && !waitingForCtrlC) {
      out.failed('interrupted (Ctrl-C)', []);
      return 130;
    }
    const failure = e instanceof DemoFailure ? e : new DemoFailure((e as Error).message ?? String(e));
    out.failed(failure.message, [...failure.details, ...(daemonEverStarted ? [`logs: ${env.localportHome}/logs (daemon.log, services/*.log)`] : [])]);
    return 1;
  } finally {
    interrupted.dispose();
    if (daemonStarted) await cli.capture(['daemon', 'stop']).catch(() => undefined);
    await cluster?.stop();
  }
}

async function requestThrough(out: DemoReporter, ports: DemoPorts): Promise<void> {
  out.command(`curl http://127.0.0.1:${ports.web}/`);
  const answer = await httpGet(ports.web, '/').catch((e: Error) => {
    throw new DemoFailure(`no HTTP answer through the web forward on 127.0.0.1:${ports.web}: ${e.message}`);
  });
  for (const line of answer.body.trimEnd().split('\n')) out.info(line);
  if (answer.status !== 200 || !answer.body.includes(WEB_GREETING)) throw new DemoFailure(`the web forward answered HTTP ${answer.status} with an unexpected body`);
  out.ok(`HTTP ${answer.status} from pod web-0, through localport's native forwarder -> the API server (no kubectl process)`);
  const text = `PING from the LocalPort demo ${Date.now()}`;
  const back = await echo(ports.postgres, text).catch((e: Error) => {
    throw new DemoFailure(`no echo through the postgres forward on 127.0.0.1:${ports.postgres}: ${e.message}`);
  });
  if (back !== text) throw new DemoFailure(`the postgres forward echoed ${JSON.stringify(back)} instead of ${JSON.stringify(text)}`);
  out.ok(`${text.length} bytes sent to 127.0.0.1:${ports.postgres} came back from pod postgres-0 unchanged`);
}

function describeSetup(out: DemoReporter, env: DemoEnvironment, ports: DemoPorts): void {
  const rel = (p: string) => relative(process.cwd(), p) || p;
  out.info(`kubeconfig:     ${rel(env.kubeconfig)} (context ${DEMO_CONTEXT})`);
  out.info(`config:         ${rel(env.configPath)}`);
  out.info(`LOCALPORT_HOME: ${rel(env.localportHome)} (socket, pid file, logs)`);
  out.info(`web       127.0.0.1:${ports.web}  -> service/web:8080        (http health check on /healthz)`);
  out.info(`postgres  127.0.0.1:${ports.postgres}  -> statefulset/postgres:5432 (tcp health check)`);
  out.info(`redis     127.0.0.1:${ports.redis}  -> pod/redis-0:6379          (tcp health check)`);
}

function describeKeep(out: DemoReporter, env: DemoEnvironment, ports: DemoPorts): void {
  const rel = (p: string) => relative(process.cwd(), p) || p;
  out.info('LocalPort keeps the forwards up. In another terminal, try:');
  out.info(`  curl http://127.0.0.1:${ports.web}/`);
  out.info(`  LOCALPORT_HOME=${rel(env.localportHome)} LOCALPORT_CONFIG=${rel(env.configPath)} KUBECONFIG=${rel(env.kubeconfig)} node ${rel(env.cliPath)} status`);
  out.info('Press Ctrl-C to stop the demo.');
}

/** Ctrl-C/SIGTERM handling: remembered, awaitable, and turning a later check into a failure. */
function interruption() {
  let happened = false;
  let fire: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  const on = () => {
    happened = true;
    fire();
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    promise,
    get happened() {
      return happened;
    },
    check() {
      if (happened) throw new DemoFailure('interrupted');
    },
    dispose() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}
