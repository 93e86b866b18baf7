import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** How a kubectl run ended; `code` is null when it was killed (timeout or stop). */
export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options for {@link runKubectl} and {@link startKubectlPortForward}. */
export interface KubectlRunOptions {
  /** From {@link kubectlEnv}, plus e.g. `KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false'`. */
  env: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long; default 20 s. */
  timeoutMs?: number;
  /** Default `kubectl` on PATH (the gcloud dispatcher, which picks the version the fake reports). */
  bin?: string;
}

/**
 * The environment for kubectl against a fake: `KUBECONFIG=<dir>/kubeconfig` and a private `KUBECACHEDIR=<dir>/cache`
 * (discovery and the dispatcher's version lookup are cached per host:port, so never share the user's).
 */
export function kubectlEnv(dir: string, kubeconfig = join(dir, 'kubeconfig')): NodeJS.ProcessEnv {
  return { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache') };
}

function collect(child: ChildProcess, timeoutMs: number): { exited: Promise<KubectlResult>; output: () => KubectlResult } {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exited = new Promise<KubectlResult>((resolve) => {
    child.on('error', (e) => {
      stderr += String(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
  return { exited, output: () => ({ code: child.exitCode, stdout, stderr }) };
}

/** Runs kubectl to completion without blocking the event loop (an in-process fake must keep answering). */
export function runKubectl(args: string[], opts: KubectlRunOptions): Promise<KubectlResult> {
  const child = spawn(opts.bin ?? 'kubectl', args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  return collect(child, opts.timeoutMs ?? 20_000).exited;
}

/** A running `kubectl port-forward`. */
export interface KubectlPortForward {
  /** The local port kubectl listens on (127.0.0.1). */
  readonly localPort: number;
  readonly remotePort: number;
  /** Output so far. */
  output(): KubectlResult;
  /** Resolves when kubectl exits by itself (or is stopped). */
  readonly exited: Promise<KubectlResult>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<KubectlResult>;
}

const FORWARDING = /Forwarding from 127\.0\.0\.1:(\d+) -> (\d+)/;

/**
 * Starts `kubectl port-forward --address 127.0.0.1 <resource> <ports>` (ports like `:80` for any local port) and
 * resolves once it prints `Forwarding from 127.0.0.1:<local> -> <remote>`. Rejects with kubectl's output if it exits first.
 */
export function startKubectlPortForward(resource: string, ports: string, opts: KubectlRunOptions & { extraArgs?: string[] }): Promise<KubectlPortForward> {
  const args = ['port-forward', '--address', '127.0.0.1', resource, ports, ...(opts.extraArgs ?? [])];
  const child = spawn(opts.bin ?? 'kubectl', args, { env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const { exited, output } = collect(child, opts.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    const onData = (): void => {
      const m = FORWARDING.exec(output().stdout);
      if (!m) return;
      child.stdout?.off('data', onData);
      resolve({
        localPort: Number(m[1]),
        remotePort: Number(m[2]),
        output,
        exited,
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((r) => reject(new Error(`kubectl ${args.join(' ')} exited with ${r.code} before forwarding:\n${r.stdout}${r.stderr}`)));
  });
}
