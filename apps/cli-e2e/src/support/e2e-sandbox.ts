import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CliResult, describeRun, runCli } from './cli-runner';
import { request } from './control-socket';
import { killAll, ProcInfo, processesWithEnv } from './process-scan';
import { StatusJson, summarize } from './status-json';

/**
 * One test file's private world: its own HOME, LOCALPORT_HOME, KUBECONFIG, KUBECACHEDIR and config
 * file under a short temp dir, and the built CLI run against them as separate processes.
 */
export class E2eSandbox {
  readonly home: string;
  readonly localportHome: string;
  readonly kubeconfig: string;
  readonly kubeCacheDir: string;
  readonly configPath: string;
  /** The daemon's control socket (the short-path default under LOCALPORT_HOME). */
  readonly socketPath: string;
  readonly env: NodeJS.ProcessEnv;

  private constructor(readonly dir: string) {
    this.home = join(dir, 'home');
    this.localportHome = join(dir, 'lp');
    this.kubeconfig = join(dir, 'kube', 'config');
    this.kubeCacheDir = join(dir, 'kube', 'cache');
    this.configPath = join(dir, 'cfg', 'localport.yaml');
    this.socketPath = join(this.localportHome, 'run', 'daemon.sock');
    for (const d of [this.home, join(dir, 'kube'), join(dir, 'cfg')]) mkdirSync(d, { recursive: true });
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LOCALPORT_') && !k.startsWith('KUBE') && k !== 'XDG_RUNTIME_DIR' && k !== 'XDG_STATE_HOME' && k !== 'XDG_CONFIG_HOME'));
    this.env = {
      ...inherited, HOME: this.home, LOCALPORT_HOME: this.localportHome, KUBECONFIG: this.kubeconfig, KUBECACHEDIR: this.kubeCacheDir,
      LOCALPORT_CONFIG: this.configPath, NO_COLOR: '1',
    };
  }

  /** A new sandbox in os.tmpdir() (short paths keep the socket path under the OS limit). */
  static create(tag: string): E2eSandbox {
    const sandbox = new E2eSandbox(mkdtempSync(join(tmpdir(), `lpe-${tag}-`)));
    if (Buffer.byteLength(sandbox.socketPath) > 100) throw new Error(`temp dir too long for a Unix socket: ${sandbox.socketPath}`);
    return sandbox;
  }

  /** Runs the CLI with this sandbox's environment. */
  cli(args: readonly string[], timeoutMs?: number): Promise<CliResult> {
    return runCli(args, { env: this.env, cwd: this.home, timeoutMs });
  }

  /** Runs the CLI and fails the test (with everything it printed) unless it exits with `code`. */
  async expectCli(args: readonly string[], code: number, timeoutMs?: number): Promise<CliResult> {
    const r = await this.cli(args, timeoutMs);
    if (r.code !== code) throw new Error(`expected exit ${code}: ${describeRun(args, r)}`);
    return r;
  }

  /** `localport status -o json`, parsed (exit 0 required). */
  async status(): Promise<StatusJson> {
    return JSON.parse((await this.expectCli(['status', '-o', 'json'], 0)).stdout) as StatusJson;
  }

  writeConfig(yaml: string): void {
    writeFileSync(this.configPath, yaml);
  }

  /** Polls the daemon's status over its socket until `ok` holds; then returns that status. */
  async waitForStatus(ok: (s: StatusJson) => boolean, what: string, timeoutMs = 30_000): Promise<StatusJson> {
    const deadline = Date.now() + timeoutMs;
    let last: StatusJson | undefined;
    let lastError: unknown;
    for (;;) {
      try {
        last = await request<StatusJson>(this.socketPath, 'status');
        if (ok(last)) return last;
      } catch (e) {
        lastError = e;
      }
      if (Date.now() > deadline) {
        throw new Error(`${what}: not within ${timeoutMs} ms; last status: ${last ? summarize(last) : `none (${String(lastError)})`}`);
      }
      await sleep(150);
    }
  }

  /** Waits until the daemon's `lastReloadAt` has not moved for `quietMs`; returns it. */
  async quietReloads(quietMs: number, timeoutMs = 20_000): Promise<string | null | undefined> {
    const deadline = Date.now() + timeoutMs;
    let last = (await request<StatusJson>(this.socketPath, 'status')).daemon.lastReloadAt;
    let since = Date.now();
    while (Date.now() - since < quietMs) {
      if (Date.now() > deadline) throw new Error(`the daemon kept reloading for ${timeoutMs} ms`);
      await sleep(200);
      const now = (await request<StatusJson>(this.socketPath, 'status')).daemon.lastReloadAt;
      if (now !== last) {
        last = now;
        since = Date.now();
      }
    }
    return last;
  }

  /** Processes that inherited this sandbox's LOCALPORT_HOME: the daemon and every child it started. */
  ownProcesses(): ProcInfo[] {
    return processesWithEnv('LOCALPORT_HOME', this.localportHome);
  }

  /** Stops the daemon if one runs, kills anything of ours left over (returned, for assertions), deletes the files. */
  async cleanup(): Promise<ProcInfo[]> {
    await this.cli(['daemon', 'stop', '--timeout', '5'], 20_000).catch(() => undefined);
    const leftovers = this.ownProcesses();
    killAll(leftovers);
    rmSync(this.dir, { recursive: true, force: true });
    return leftovers;
  }
}
