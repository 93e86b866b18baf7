import { Command } from 'commander';
import { RunDoctor } from '@localport/application';
import { err, Result } from '@localport/domain';
import type { ConfigError, LoadedConfig } from '@localport/application';
import {
  BindLocalPortDiagnostics, CompositeHealthProber, KubectlCliDiagnostics, loadConfigFile, OpenSshDiagnostics, registryDoctorDeclarations, resolveConfigPath, SocketDaemonDiagnostics,
} from '@localport/infrastructure';
import { CliContext } from '../cli-context';
import { EXIT } from '../cli-error';
import { renderDoctor } from '../render/doctor.render';

/** The config as doctor sees it: found and valid, or why not (never thrown). */
async function configOf(ctx: CliContext): Promise<Result<LoadedConfig, ConfigError>> {
  const found = resolveConfigPath({ flag: ctx.opts.config, env: ctx.env, cwd: process.cwd(), homedir: ctx.home });
  return found.ok ? loadConfigFile(found.value, ctx.env, { homedir: ctx.home }) : err(found.error);
}

/** Services the daemon has up (running or unhealthy), so credentials can be tried through their forwards. */
async function runningServices(ctx: CliContext): Promise<ReadonlySet<string>> {
  const client = await ctx.connect().catch(() => null);
  if (!client) return new Set();
  try {
    const status = await client.request('status', {}, { timeoutMs: 10_000 });
    return new Set(status.ok ? status.value.services.filter((s) => s.state === 'running' || s.state === 'unhealthy').map((s) => s.name) : []);
  } finally {
    client.close();
  }
}

/** `localport doctor`: every check with ✓/!/✗ and a fix per ✗; exit 1 when any check failed. */
export default async function doctor(program: Command): Promise<number> {
  const ctx = new CliContext(program);
  const report = await new RunDoctor({
    declared: registryDoctorDeclarations(),
    kubectl: new KubectlCliDiagnostics({ kubectl: ctx.env.LOCALPORT_KUBECTL, env: ctx.env }),
    ssh: new OpenSshDiagnostics({ ssh: ctx.env.LOCALPORT_SSH, env: ctx.env }),
    ports: new BindLocalPortDiagnostics(),
    daemon: new SocketDaemonDiagnostics(ctx.paths.socketPath),
    prober: new CompositeHealthProber(),
    runningServices: () => runningServices(ctx),
  }).execute(await configOf(ctx));
  ctx.print(report, () => renderDoctor(report, ctx.style));
  return report.ok ? EXIT.ok : EXIT.failed;
}
