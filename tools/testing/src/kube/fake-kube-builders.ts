import { randomUUID } from 'node:crypto';
import {
  ContainerPortSpec,
  DeploymentSpec,
  EventSpec,
  NodeSpec,
  PodPhase,
  PodSpec,
  ServicePortSpec,
  ServiceSpec,
  StatefulSetSpec,
  WorkloadSpec,
} from './fake-kube-state';

let ipCounter = 10;
const nextIp = (prefix: string): string => {
  ipCounter += 1;
  return `${prefix}.${Math.floor(ipCounter / 250) % 250}.${(ipCounter % 250) + 2}`;
};
const now = (): string => new Date().toISOString();

/** Options for {@link pod}; everything defaults to a Running, ready pod in `default`. */
export interface PodOptions {
  namespace?: string;
  phase?: PodPhase;
  ready?: boolean;
  labels?: Record<string, string>;
  restarts?: number;
  node?: string;
  /** Numbers, or `{ containerPort, name }` for named ports a service can target. */
  containerPorts?: Array<number | ContainerPortSpec>;
  waitingReason?: string;
  createdAt?: Date;
}

/** Builds a pod. A fresh `uid` each call, so "recreating" a pod is `pods.push(pod(sameName))`. */
export function pod(name: string, opts: PodOptions = {}): PodSpec {
  const phase = opts.phase ?? 'Running';
  return {
    name,
    namespace: opts.namespace ?? 'default',
    uid: randomUUID(),
    phase,
    ready: opts.ready ?? phase === 'Running',
    labels: { ...(opts.labels ?? {}) },
    restarts: opts.restarts ?? 0,
    node: opts.node,
    containerPorts: (opts.containerPorts ?? []).map((p) => (typeof p === 'number' ? { containerPort: p } : { ...p })),
    waitingReason: opts.waitingReason,
    podIP: nextIp('10.244'),
    createdAt: opts.createdAt?.toISOString() ?? now(),
  };
}

/** Builds a node, Ready unless `ready: false`. */
export function node(name: string, opts: { ready?: boolean; labels?: Record<string, string> } = {}): NodeSpec {
  return {
    name,
    uid: randomUUID(),
    ready: opts.ready ?? true,
    labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}) },
    createdAt: now(),
  };
}

/** Builds a ClusterIP service. */
export function service(
  name: string,
  opts: { namespace?: string; selector?: Record<string, string>; ports?: ServicePortSpec[]; labels?: Record<string, string> } = {},
): ServiceSpec {
  return {
    name,
    namespace: opts.namespace ?? 'default',
    uid: randomUUID(),
    selector: { ...(opts.selector ?? {}) },
    ports: (opts.ports ?? []).map((p) => ({ ...p })),
    labels: { ...(opts.labels ?? {}) },
    clusterIP: nextIp('10.96'),
    createdAt: now(),
  };
}

type WorkloadOptions = { namespace?: string; selector?: Record<string, string>; replicas?: number; labels?: Record<string, string> };
const workload = (name: string, opts: WorkloadOptions): WorkloadSpec => ({
  name,
  namespace: opts.namespace ?? 'default',
  uid: randomUUID(),
  selector: { ...(opts.selector ?? { app: name }) },
  replicas: opts.replicas ?? 1,
  labels: { ...(opts.labels ?? opts.selector ?? { app: name }) },
  createdAt: now(),
});

/** Builds an apps/v1 Deployment; the selector defaults to `app=<name>`. */
export const deployment = (name: string, opts: WorkloadOptions = {}): DeploymentSpec => workload(name, opts);

/** Builds an apps/v1 StatefulSet; the selector defaults to `app=<name>`. */
export const statefulset = (name: string, opts: WorkloadOptions = {}): StatefulSetSpec => workload(name, opts);

/** Options for {@link warningEvent} and {@link normalEvent}. */
export interface EventOptions {
  namespace?: string;
  /** Defaults to `{ kind: 'Pod', name: '' }`. */
  involvedObject?: { kind: string; name: string };
  count?: number;
  lastSeen?: Date;
}

const makeEvent = (type: EventSpec['type'], reason: string, message: string, opts: EventOptions): EventSpec => {
  const involved = opts.involvedObject ?? { kind: 'Pod', name: '' };
  const at = (opts.lastSeen ?? new Date()).toISOString();
  return {
    name: `${involved.name || 'cluster'}.${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    namespace: opts.namespace ?? 'default',
    uid: randomUUID(),
    type,
    reason,
    message,
    involvedObject: { ...involved },
    count: opts.count ?? 1,
    firstSeen: at,
    lastSeen: at,
  };
};

/** Builds a `Warning` event, e.g. `warningEvent('BackOff', 'Back-off restarting failed container', { involvedObject: { kind: 'Pod', name: 'web-0' } })`. */
export const warningEvent = (reason: string, message: string, opts: EventOptions = {}): EventSpec => makeEvent('Warning', reason, message, opts);

/** Builds a `Normal` event. */
export const normalEvent = (reason: string, message: string, opts: EventOptions = {}): EventSpec => makeEvent('Normal', reason, message, opts);
