import { HealthCheckSpec, Service } from '@localport/domain';

/** How ssh checks host keys (the ssh technology's `strict_host_key_checking`). */
export type HostKeyChecking = 'yes' | 'accept-new' | 'no';

/** What the doctor reads from an ssh service's connection (the ssh technology hands it over in its `ssh` target). */
export interface SshDoctorTarget {
  readonly technology: string;
  readonly host: string;
  readonly port: number;
  readonly user?: string;
  readonly keyFile?: string;
  readonly password?: string;
  readonly strictHostKeyChecking: HostKeyChecking;
  readonly options: Readonly<Record<string, string>>;
}

/**
 * A check a technology asks the doctor to run for one of its services. The doctor knows these kinds of
 * check, never the technologies: `kubectl` (kubectl present, the service's kube context reachable and
 * allowed into `namespace`), `ssh` (ssh present, the host resolved, its key known, the key file usable),
 * `reachable` (something accepts TCP connections at `host:port`). Every service also gets its local port checked.
 */
export type DoctorTarget =
  | { readonly check: 'kubectl'; readonly namespace: string; /** false when the service forwards natively and only the doctor itself would run kubectl */ readonly needsBinary?: boolean }
  | { readonly check: 'ssh'; readonly connection: SshDoctorTarget }
  | { readonly check: 'reachable'; readonly host: string; readonly port: number };

/** How to try the credentials a health check carries, in a `fail`'s fix: `check health_check of <svc>: <fields> (try them with <tryWith>)`. */
export interface CredentialHint {
  readonly fields: string;
  readonly tryWith: string;
}

/**
 * What the technologies and health-check types declare for the doctor; the composition root builds it
 * from their registries (`@localport/infrastructure`'s `registryDoctorDeclarations`).
 */
export interface DoctorDeclarations {
  /** The checks the service's technology asks for (none when it declares none). */
  targetsOf(service: Service): readonly DoctorTarget[];
  /** The credentials a health check carries, tried through the forward at `host:port`; undefined when it has none. */
  credentialsOf(check: HealthCheckSpec, host: string, port: number): CredentialHint | undefined;
}

/** The services whose technology asked for `check`, each with that target. */
export function servicesAsking<K extends DoctorTarget['check']>(services: readonly Service[], declared: DoctorDeclarations, check: K): { service: Service; target: Extract<DoctorTarget, { check: K }> }[] {
  return services.flatMap((service) => declared.targetsOf(service).filter((t): t is Extract<DoctorTarget, { check: K }> => t.check === check).map((target) => ({ service, target })));
}

/** The ssh services of a config, with their connections as the doctor reads them. */
export const sshServices = (services: readonly Service[], declared: DoctorDeclarations): { name: string; connection: SshDoctorTarget }[] =>
  servicesAsking(services, declared, 'ssh').map(({ service, target }) => ({ name: service.name, connection: target.connection }));

/** A service a kube context gates, as the kubectl checks see it: its resolved context and its namespace. */
export interface KubeDoctorService {
  readonly name: string;
  readonly kubeContext: string;
  readonly namespace: string;
  readonly needsBinary: boolean;
}

/** The services whose technology asked for the kubectl checks (each gated by its resolved kube context). */
export const kubeServices = (services: readonly Service[], declared: DoctorDeclarations): KubeDoctorService[] =>
  servicesAsking(services, declared, 'kubectl').flatMap(({ service, target }) => (service.kubeContext === null ? [] : [{ name: service.name, kubeContext: service.kubeContext, namespace: target.namespace, needsBinary: target.needsBinary !== false }]));
