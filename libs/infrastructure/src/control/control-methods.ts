import { ClusterStatusView, DaemonEvent, StatusReport } from '@localport/application';
import { ClusterEvent, ResourceStatus } from '@localport/domain';
import { z } from 'zod';

const name = z.string().min(1).max(200);
const names = z.array(name).max(10_000);
const context = z.string().min(1).max(500);
const codeAndMessage = z.looseObject({ code: z.string(), message: z.string() });
const none = z.strictObject({});
const empty = z.looseObject({});

/** Per-service outcome of start/stop/restart. */
const serviceResults = z.looseObject({
  results: z.array(z.looseObject({ name: z.string(), ok: z.boolean(), error: codeAndMessage.optional() })),
});

/** StatusReport, checked loosely: the application owns the payload, the envelope stays strict. */
const statusReport = z.looseObject({
  daemon: z.looseObject({ running: z.boolean() }),
  services: z.array(z.looseObject({ name: z.string(), state: z.string() })),
  clusters: z.array(z.looseObject({ context: z.string() })),
});

const reloadResult = z.looseObject({
  applied: z.boolean(),
  actions: z.array(z.looseObject({ kind: z.string(), name: z.string() })),
  error: codeAndMessage.extend({ problems: z.array(z.unknown()).optional() }).optional(),
});

/** Params and result schemas of every control method. Params are strict; results loose. */
export const controlMethods = {
  ping: { params: none, result: z.looseObject({ pid: z.int(), version: z.string(), uptimeSeconds: z.number() }) },
  status: { params: z.strictObject({ names: names.optional() }), result: statusReport },
  start: { params: z.strictObject({ names: names.optional(), all: z.boolean().optional(), tags: names.optional() }), result: serviceResults },
  stop: { params: z.strictObject({ names: names.optional(), all: z.boolean().optional() }), result: serviceResults },
  restart: { params: z.strictObject({ names: names.optional() }), result: serviceResults },
  reload: { params: none, result: reloadResult },
  shutdown: { params: none, result: empty },
  'logs.flush': { params: none, result: empty },
  subscribe: { params: z.strictObject({ events: z.array(z.string().min(1).max(128)).max(100).optional() }), result: empty },
  events: { params: z.strictObject({ limit: z.int().positive().max(10_000).optional() }), result: z.looseObject({ events: z.array(z.looseObject({ seq: z.int(), kind: z.string(), subject: z.string(), message: z.string() })) }) },
  'cluster.status': { params: z.strictObject({ context: context.optional() }), result: z.looseObject({ clusters: z.array(z.looseObject({ context: z.string() })) }) },
  'cluster.events': {
    params: z.strictObject({ context: context.optional(), sinceSeconds: z.number().nonnegative().optional(), limit: z.int().positive().max(100_000).optional() }),
    result: z.looseObject({ events: z.array(z.looseObject({ context: z.string(), reason: z.string() })) }),
  },
  'cluster.pods': { params: z.strictObject({ context: context.optional() }), result: z.looseObject({ pods: z.array(z.looseObject({ name: z.string() })) }) },
  'cluster.nodes': { params: z.strictObject({ context: context.optional() }), result: z.looseObject({ nodes: z.array(z.looseObject({ name: z.string() })) }) },
} as const;

/** A control method name. */
export type ControlMethod = keyof typeof controlMethods;

/** The params a method takes. */
export type ControlParams<M extends ControlMethod> = z.output<(typeof controlMethods)[M]['params']>;

/** One service's outcome of start, stop or restart. */
export interface ServiceActionResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: { readonly code: string; readonly message: string };
}

/** What `reload` did: the applied actions, or why the new config was rejected (the old one keeps running). */
export interface ReloadResult {
  readonly applied: boolean;
  readonly actions: readonly { readonly kind: string; readonly name: string }[];
  readonly error?: { readonly code: string; readonly message: string; readonly problems?: readonly unknown[] };
  /** Valid changes that were not applied, each with its reason (a running service moved to a taken port). */
  readonly refused?: readonly { readonly name: string; readonly code: string; readonly message: string }[];
}

/** The result each method returns (validated loosely against `controlMethods[m].result`). */
export interface ControlResults {
  ping: { readonly pid: number; readonly version: string; readonly uptimeSeconds: number };
  status: StatusReport;
  start: { readonly results: readonly ServiceActionResult[] };
  stop: { readonly results: readonly ServiceActionResult[] };
  restart: { readonly results: readonly ServiceActionResult[] };
  reload: ReloadResult;
  shutdown: Record<string, never>;
  /** Every buffered service-log line has reached its file. */
  'logs.flush': Record<string, never>;
  subscribe: Record<string, never>;
  events: { readonly events: readonly WireDaemonEvent[] };
  'cluster.status': { readonly clusters: readonly ClusterStatusView[] };
  /** `eventsOff`: the contexts whose config turns events off (none were fetched there). */
  'cluster.events': { readonly events: readonly ClusterEvent[]; readonly eventsOff?: readonly string[] };
  'cluster.pods': { readonly pods: readonly ResourceStatus[] };
  'cluster.nodes': { readonly nodes: readonly ResourceStatus[] };
}

/** A daemon event as it crosses the wire: `at` as an ISO time (also the data of a pushed `service.*`/`cluster.*`/`daemon.*` event). */
export type WireDaemonEvent = Omit<DaemonEvent, 'at'> & { readonly at: string };

/** Whether `method` names a control method (own keys only: `toString` is not a method). */
export const isControlMethod = (method: string): method is ControlMethod => Object.hasOwn(controlMethods, method);
