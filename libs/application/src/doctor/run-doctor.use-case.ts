import { Result } from '@localport/domain';
import { ConfigError, formatConfigProblem, LoadedConfig } from '../ports/config-source.port';
import { HealthProber } from '../ports/health-prober.port';
import { CheckResult, DoctorReport, fail, pass } from './doctor-check';
import { DaemonDiagnostics, KubectlDiagnostics, LocalPortDiagnostics, SshDiagnostics } from './doctor-probes.port';
import { credentialChecks, daemonChecks } from './daemon-checks';
import { kubectlChecks } from './kubectl-checks';
import { DoctorDeclarations } from './doctor-targets';
import { localPortChecks } from './local-port-checks';
import { reachabilityChecks } from './reachability-checks';
import { sshChecks } from './ssh-checks';

/**
 * What doctor probes with. `declared` says which checks each service's technology and health check ask
 * for; `runningServices` names the services the daemon has running (empty without one).
 */
export interface DoctorProbes {
  readonly declared: DoctorDeclarations;
  readonly kubectl: KubectlDiagnostics;
  readonly ssh: SshDiagnostics;
  readonly ports: LocalPortDiagnostics;
  readonly daemon: DaemonDiagnostics;
  readonly prober: HealthProber;
  readonly runningServices: () => Promise<ReadonlySet<string>>;
}

/**
 * `localport doctor`: finds out why things fail. Checks the config, the daemon, what each service's
 * technology asks for (kubectl and each context, ssh and each host, a tcp target reachable), each local
 * port and the credentials of running services; a `fail` says how to fix it.
 */
export class RunDoctor {
  constructor(private readonly probes: DoctorProbes) {}

  async execute(config: Result<LoadedConfig, ConfigError>): Promise<DoctorReport> {
    const daemon = await daemonChecks(this.probes.daemon);
    if (!config.ok) {
      const problems = config.error.problems.map(formatConfigProblem);
      const configCheck = fail('config', 'config', [config.error.message, ...problems].join('\n'), config.error.code === 'CONFIG.NOT_FOUND'
        ? 'create one (see examples/ and docs/configuration.md) or pass --config / set LOCALPORT_CONFIG'
        : "fix the lines above; 'localport config validate' checks again");
      return report([configCheck, ...daemon.checks]);
    }
    const { services } = config.value.config;
    const enabled = services.filter((s) => s.enabled);
    const { declared, prober } = this.probes;
    const [kube, ssh, reachable, ports, credentials] = await Promise.all([
      kubectlChecks(enabled, declared, this.probes.kubectl),
      sshChecks(enabled, declared, this.probes.ssh),
      reachabilityChecks(enabled, declared, prober),
      localPortChecks(enabled, this.probes.ports, daemon.pid, config.value.path),
      this.probes.runningServices().then((running) => credentialChecks(enabled, declared, running, prober)),
    ]);
    const configCheck = pass('config', 'config', `${config.value.path}: valid, ${services.length} service${services.length === 1 ? '' : 's'} (${enabled.length} enabled)`);
    return report([configCheck, ...daemon.checks, ...kube, ...ssh, ...reachable, ...ports, ...credentials]);
  }
}

const report = (checks: CheckResult[]): DoctorReport => ({ ok: checks.every((c) => c.status !== 'fail'), checks });
