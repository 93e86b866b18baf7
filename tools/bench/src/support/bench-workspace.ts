import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveLocalportPaths } from '@localport/infrastructure';

/** One LocalPort installation the bench runs: its home, config file and the environment its CLI and daemon get. */
export interface LocalportSetup {
  readonly name: string;
  readonly home: string;
  readonly configPath: string;
  readonly socketPath: string;
  readonly env: NodeJS.ProcessEnv;
}

/** The bench's private temp tree: a kubeconfig and kube cache shared by every setup, one LocalPort home per phase. */
export class BenchWorkspace {
  readonly root: string;
  readonly kubeconfig: string;
  readonly kubeCacheDir: string;

  constructor() {
    // Short paths: ssh tunnel sockets live under each home and must fit in a Unix socket path.
    this.root = mkdtempSync(join(tmpdir(), 'lpb-'));
    this.kubeconfig = join(this.root, 'kubeconfig');
    this.kubeCacheDir = join(this.root, 'kube-cache');
  }

  /** The environment for plain kubectl runs (the baseline side). */
  kubectlEnv(): NodeJS.ProcessEnv {
    return { ...process.env, KUBECONFIG: this.kubeconfig, KUBECACHEDIR: this.kubeCacheDir };
  }

  /** A fresh LocalPort home named `name` using `configPath`. */
  setup(name: string, configPath: string): LocalportSetup {
    const home = join(this.root, name);
    mkdirSync(home, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...this.kubectlEnv(), LOCALPORT_HOME: home, LOCALPORT_CONFIG: resolve(configPath), NO_COLOR: '1' };
    delete env.LOCALPORT_CONFIG_FILE;
    delete env.LOCALPORT_LOG_LEVEL;
    return { name, home, configPath, socketPath: resolveLocalportPaths(env, homedir()).socketPath, env };
  }

  /** A path for a file in the workspace. */
  file(name: string): string {
    return join(this.root, name);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
