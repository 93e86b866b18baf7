import { Clock, LaunchOptions, Logger, RunningTunnel, StreamEndpoint, TunnelError, TunnelExit, TunnelLauncher, UpstreamStream } from '@localport/application';
import { err, ok, Result, Service } from '@localport/domain';
import { isKubectlConnection } from '../kubectl/kubectl-connection';
import { rawTextOf } from '../net/plain-failure';
import { KubeApiClients, KubeConfigLoader } from './kube-api-clients';
import type { KubeApiFailure } from './kube-api-failure';
import { NativeForward, NativeForwardCounters } from './native-forward';
import { nativeTunnelError } from './native-tunnel-error';
import { PodTarget, planTarget } from './target-plan';
import { Balance } from './target-pods';

/** Tuning of the native forwarder. */
export interface NativeKubeTunnelLauncherOptions {
  /** How a service's connections spread over its Ready pods; default `sticky`. */
  readonly balance?: (service: Service) => Balance;
  /** WebSocket ping period, ms (a dead API connection is noticed within two); default 10 000. */
  readonly pingIntervalMs?: number;
  /** Keep one WebSocket open ahead per service; default true. */
  readonly spare?: boolean;
}

/** A native tunnel: also tells which pod new connections go to, and its counters. */
export interface NativeRunningTunnel extends RunningTunnel {
  readonly endpoint: StreamEndpoint;
  target(): PodTarget | null;
  readonly counters: NativeForwardCounters;
}

let launches = 0;

/**
 * Forwards kubectl services without kubectl: the daemon talks to the API server itself (client-node's KubeConfig
 * for TLS and credentials, `ws` for the `v4.channel.k8s.io` data path), follows the target's Ready pods, and hands
 * the relay an in-process `stream` endpoint. `exited` resolves only on an unrecoverable error (credentials refused).
 */
export class NativeKubeTunnelLauncher implements TunnelLauncher {
  readonly technology = 'kubectl' as const;
  private readonly clients: KubeApiClients;

  /** `clients` is the daemon's one client per context (shared with the cluster monitor), or a kubeconfig loader to build its own. */
  constructor(
    clients: KubeApiClients | KubeConfigLoader,
    private readonly log: Logger,
    private readonly clock: Clock,
    private readonly options: NativeKubeTunnelLauncherOptions = {},
  ) {
    this.clients = clients instanceof KubeApiClients ? clients : new KubeApiClients(clients);
  }

  async launch(service: Service, options: LaunchOptions): Promise<Result<NativeRunningTunnel, TunnelError>> {
    const c = service.connection;
    if (!isKubectlConnection(c)) return err(new TunnelError('TUNNEL.EXITED', `${service.name} is not a kubectl service`, true));
    const context = service.kubeContext ?? '(current context)';
    // Users read the failure in plain words; its raw text (OpenSSL's, the API server's) goes to the log at debug.
    const failed = (failure: KubeApiFailure, ctx: string): TunnelError => {
      if (failure.cause !== undefined) this.log.debug('native forward failed', { service: service.name, error: failure.message, raw: rawTextOf(failure.cause).message });
      return nativeTunnelError(failure, service.name, ctx);
    };
    const client = await this.clients.get(service.kubeContext ?? undefined);
    if (!client.ok) return err(failed(client.error, context));
    const plan = await planTarget(client.value, c, service.remotePort);
    if (!plan.ok) return err(failed(plan.error, client.value.context));
    if (options.signal.aborted) return err(new TunnelError('TUNNEL.EXITED', `${service.name}: launch was cancelled`));

    let settle: (exit: TunnelExit) => void = () => undefined;
    const exited = new Promise<TunnelExit>((resolve) => (settle = resolve));
    let ended = false;
    const end = (error: TunnelError): void => {
      if (ended) return;
      ended = true;
      forward.stop();
      options.output(error.message);
      settle({ code: null, signal: null, error });
    };
    const log = this.log.child({ service: service.name, forwarder: 'native' });
    const forward = new NativeForward(
      client.value,
      plan.value,
      { balance: this.options.balance?.(service) ?? 'sticky', pingIntervalMs: this.options.pingIntervalMs ?? 10_000, spare: this.options.spare ?? true },
      this.clock,
      log,
      (failure) => end(failed(failure, client.value.context)),
    );
    const failure = await forward.start();
    if (failure) {
      forward.stop();
      return err(failed(failure, client.value.context));
    }
    if (options.signal.aborted) {
      forward.stop();
      return err(new TunnelError('TUNNEL.EXITED', `${service.name}: launch was cancelled`));
    }
    const target = service.target;
    options.output(`Forwarding natively to ${target} in context ${client.value.context} (pod ${forward.target?.name ?? 'none Ready yet'})`);
    return ok({
      endpoint: { kind: 'stream', label: `native ${target} #${++launches}`, open: (timeoutMs) => forward.open(timeoutMs) as Promise<unknown> as Promise<UpstreamStream> },
      pid: null,
      exited,
      target: () => forward.target,
      route: () => ({ forwarder: 'native', pod: forward.target ? `${forward.target.namespace}/${forward.target.name}` : null }),
      counters: forward.counters,
      stop: async () => {
        end(new TunnelError('TUNNEL.EXITED', `native forward to ${target} was stopped`));
        await exited;
      },
    });
  }
}
