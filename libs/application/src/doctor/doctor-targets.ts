import { Service } from '@localport/domain';

/** How ssh checks host keys (the ssh technology's `strict_host_key_checking`). */
export type HostKeyChecking = 'yes' | 'accept-new' | 'no';

/**
 * What the doctor reads from an ssh service's connection. The doctor knows the two technologies it
 * diagnoses by name; the domain's `Connection` stays technology-neutral.
 */
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

/** A kubectl service as the doctor sees it: its resolved context and its namespace. */
export type KubeDoctorService = Service & { readonly kubeContext: string; readonly connection: { readonly namespace: string } };

/** The ssh services of a config, with their connections as the doctor reads them. */
export const sshServices = (services: readonly Service[]): { name: string; connection: SshDoctorTarget }[] =>
  services.filter((s) => s.technology === 'ssh').map((s) => ({ name: s.name, connection: s.connection as unknown as SshDoctorTarget }));

/** The kubectl services of a config (each gated by its resolved kube context). */
export const kubeServices = (services: readonly Service[]): KubeDoctorService[] =>
  services.filter((s): s is KubeDoctorService => s.technology === 'kubectl' && s.kubeContext !== null);
