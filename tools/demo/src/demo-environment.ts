import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** Where the demo keeps its files and which programs it runs. */
export interface DemoEnvironment {
  readonly rootDir: string;
  /** The built CLI, `dist/apps/cli/main.js`. */
  readonly cliPath: string;
  /** `tmp/demo` in the repository (git-ignored), or LOCALPORT_DEMO_DIR. */
  readonly demoDir: string;
  readonly localportHome: string;
  readonly kubeconfig: string;
  readonly kubeCacheDir: string;
  readonly configPath: string;
  /** The environment every `localport` run (and so the daemon and its kubectl children) gets. */
  readonly childEnv: NodeJS.ProcessEnv;
}

/** Resolves the demo's paths; `bundleDir` is the directory of dist/tools/demo/main.js. */
export function demoEnvironment(bundleDir: string, env: NodeJS.ProcessEnv): DemoEnvironment {
  const rootDir = resolve(bundleDir, '..', '..', '..');
  const cliPath = env.LOCALPORT_DEMO_CLI ?? join(rootDir, 'dist', 'apps', 'cli', 'main.js');
  const demoDir = env.LOCALPORT_DEMO_DIR ? resolve(env.LOCALPORT_DEMO_DIR) : join(rootDir, 'tmp', 'demo');
  const localportHome = join(demoDir, 'home');
  const kubeconfig = join(demoDir, 'kubeconfig.yaml');
  const kubeCacheDir = join(demoDir, 'kube-cache');
  const configPath = join(demoDir, 'localport.yaml');
  const childEnv: NodeJS.ProcessEnv = { ...env, LOCALPORT_HOME: localportHome, KUBECONFIG: kubeconfig, KUBECACHEDIR: kubeCacheDir, LOCALPORT_CONFIG: configPath };
  delete childEnv.LOCALPORT_CONFIG_FILE;
  return { rootDir, cliPath, demoDir, localportHome, kubeconfig, kubeCacheDir, configPath, childEnv };
}

/** Why the demo cannot run here (a missing build or kubectl), or null when it can. */
export function preflightProblem(e: DemoEnvironment): string | null {
  if (!existsSync(e.cliPath)) return `the CLI is not built (${e.cliPath} is missing): run 'npm run build' or 'npm run demo'`;
  const daemon = join(e.cliPath, '..', '..', 'daemon', 'main.js');
  if (!e.childEnv.LOCALPORT_DAEMON_ENTRY && !existsSync(daemon)) return `the daemon is not built (${daemon} is missing): run 'npm run build'`;
  const kubectl = e.childEnv.LOCALPORT_KUBECTL ?? 'kubectl';
  if (!findExecutable(kubectl, e.childEnv.PATH ?? '')) return `kubectl was not found${kubectl === 'kubectl' ? ' on PATH' : ` at ${kubectl}`}: LocalPort's cluster monitor runs kubectl (cluster_health.provider: kubectl, the default), so the demo needs it`;
  return null;
}

function findExecutable(name: string, path: string): string | null {
  const candidates = isAbsolute(name) || name.includes('/') ? [name] : path.split(delimiter).filter(Boolean).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return null;
}
