import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { timedRun } from './localport-cli';

/** The machine a run was made on, as printed at the top of the report. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly kernel: string;
  readonly node: string;
  readonly kubectl: readonly string[];
  readonly openssh: string;
  readonly loadAverage: string;
  readonly openFilesLimit: string;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

async function kubectlClient(bin: string, env: NodeJS.ProcessEnv): Promise<string> {
  const r = await timedRun(bin, ['version', '--client', '-o', 'json'], env, 20_000);
  try {
    return (JSON.parse(r.stdout) as { clientVersion: { gitVersion: string } }).clientVersion.gitVersion;
  } catch {
    return `unknown (exit ${r.code})`;
  }
}

/**
 * Cores, CPU, memory, Node, OpenSSH, and kubectl: the one on PATH and, when it is the gcloud dispatcher and the API
 * server's minor version `serverMinor` is not its own, the versioned binary it hands over to.
 */
export async function collectMachineInfo(kubeEnv: NodeJS.ProcessEnv, serverVersion: { minor: string; gitVersion: string }): Promise<MachineInfo> {
  const kubectl: string[] = [];
  const onPathKubectl = onPath('kubectl');
  if (onPathKubectl) {
    const version = await kubectlClient(onPathKubectl, kubeEnv);
    kubectl.push(`kubectl on PATH (${onPathKubectl}): ${version}; the test API server reports ${serverVersion.gitVersion}`);
    const dispatcher = version.includes('-dispatcher');
    const versioned = join(dirname(realpathSync(onPathKubectl)), `kubectl.1.${serverVersion.minor}`);
    if (dispatcher && !version.startsWith(`v1.${serverVersion.minor}.`) && existsSync(versioned)) {
      kubectl.push(`the gcloud dispatcher runs ${versioned} for this API server: ${await kubectlClient(versioned, kubeEnv)}`);
    } else if (dispatcher) kubectl.push(`that is the gcloud dispatcher, which serves API servers of its own minor (1.${serverVersion.minor}) itself`);
  } else kubectl.push('kubectl not found on PATH');
  const ssh = await timedRun('ssh', ['-V'], process.env, 10_000);
  const limits = readFileSync('/proc/self/limits', 'utf8');
  const nofile = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(limits);
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    kernel: `Linux ${release()}`,
    node: process.version,
    kubectl,
    openssh: (ssh.stderr || ssh.stdout).trim(),
    loadAverage: loadavg().map((x) => x.toFixed(2)).join(' '),
    openFilesLimit: nofile ? `${nofile[1]} soft / ${nofile[2]} hard` : 'unknown',
  };
}
