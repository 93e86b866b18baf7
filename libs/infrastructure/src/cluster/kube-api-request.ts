import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { err, ok, Result } from '@localport/domain';
import { ClusterProbeError } from './cluster-probe.errors';
import { kubeApiFailure, RequestAbort } from './kube-api-errors';

/** An AbortSignal that fires on the caller's abort or after `timeoutMs`; `dispose` clears the timer. */
export interface RequestSignal {
  readonly signal: AbortSignal;
  readonly abort: RequestAbort;
  dispose(): void;
}

/** Combines the check's signal with a per-request timeout. */
export function requestSignal(timeoutMs: number, parent: AbortSignal): RequestSignal {
  const controller = new AbortController();
  const state = { timedOut: false, timeoutMs };
  const timer = setTimeout(() => {
    state.timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  if (parent.aborted) controller.abort();
  else parent.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    abort: state,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

/** A raw GET (`/readyz`, `/healthz`) with the kubeconfig's TLS and credentials. Resolves with status and body. */
export async function getRaw(kc: KubeConfig, path: string, timeoutMs: number, parent: AbortSignal): Promise<Result<{ status: number; body: string }, ClusterProbeError>> {
  const server = kc.getCurrentCluster()?.server ?? '';
  const req = requestSignal(timeoutMs, parent);
  try {
    const opts: https.RequestOptions = { method: 'GET' };
    await kc.applyToHTTPSOptions(opts);
    const url = new URL(server.replace(/\/$/, '') + path);
    const transport = url.protocol === 'http:' ? http : https;
    return await new Promise((resolve) => {
      const r = transport.request(url, { ...opts, signal: req.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })));
        res.on('error', (e) => resolve(err(kubeApiFailure(e, server, req.abort, `GET ${path}`))));
      });
      r.on('error', (e) => resolve(err(kubeApiFailure(e, server, req.abort, `GET ${path}`))));
      r.end();
    });
  } catch (e) {
    return err(kubeApiFailure(e, server, req.abort, `GET ${path}`));
  } finally {
    req.dispose();
  }
}
