import { Connection } from '@localport/domain';

/** Kubernetes resource kinds a kubectl forward can target. */
export const RESOURCE_TYPES = ['pod', 'service', 'deployment', 'statefulset'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** Who opens the port-forward: the daemon itself over the API server's WebSocket (`native`), or a `kubectl port-forward` child. */
export const FORWARDERS = ['native', 'kubectl'] as const;
export type Forwarder = (typeof FORWARDERS)[number];
/** The forwarder of a service that names none, in a file whose context and defaults name none either. */
export const DEFAULT_FORWARDER: Forwarder = 'native';

/** How the native forwarder spreads new connections over the Ready pods: stay on one while it is Ready, or take turns. */
export const BALANCES = ['sticky', 'round-robin'] as const;
export type KubectlBalance = (typeof BALANCES)[number];

/** How to reach a Kubernetes resource. `context` undefined means the kubeconfig's current context. */
export interface KubectlConnection extends Connection {
  readonly technology: 'kubectl';
  readonly resourceType: ResourceType;
  readonly resourceName: string;
  readonly namespace: string;
  readonly context?: string;
  /**
   * Resolved when the config is loaded (service > `cluster_contexts.<ctx>` > `defaults` > native), so a reload
   * restarts exactly the services whose forwarder changed. Undefined only in hand-built services: native.
   */
  readonly forwarder?: Forwarder;
  /** Native forwarder only; undefined is `sticky`. */
  readonly balance?: KubectlBalance;
}

/** Whether a service's connection is a kubectl one. */
export const isKubectlConnection = (c: Connection): c is KubectlConnection => c.technology === 'kubectl';

/** The resolved forwarder of a kubectl connection. */
export const forwarderOf = (c: KubectlConnection): Forwarder => c.forwarder ?? DEFAULT_FORWARDER;
