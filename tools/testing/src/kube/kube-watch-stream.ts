import type { ServerResponse } from 'node:http';
import { FakeKubeState } from './fake-kube-state';
import { KubeObject } from './kube-objects';
import { findResource } from './kube-resources';
import { parseResourcePath } from './kube-rest-router';
import { parseFieldSelector, parseLabelSelector, SelectorSyntaxError } from './kube-selectors';
import { KubeReply, statusReply } from './kube-status';
import { KubeChange, KubeWatchHub } from './kube-watch-hub';

/** True for `?watch=true` (or `1`), which {@link serveWatch} answers instead of the REST router. */
export const isWatchRequest = (url: URL): boolean => ['true', '1'].includes(url.searchParams.get('watch') ?? '');

/** Why a watch cannot start, as the reply to send; or the filter it runs with. */
function planWatch(url: URL): KubeReply | { resource: ReturnType<typeof findResource>; matches: (o: KubeObject) => boolean } {
  const path = parseResourcePath(url.pathname.replace(/\/+$/, ''));
  const resource = path && findResource(path.group, path.version, path.plural);
  if (!path || !resource || path.subresource !== undefined) return statusReply(404, 'the server could not find the requested resource');
  if (path.namespace !== undefined && !resource.namespaced) return statusReply(404, 'the server could not find the requested resource');
  let labels: (l: Record<string, string> | undefined) => boolean;
  let fields: (o: unknown) => boolean;
  try {
    labels = parseLabelSelector(url.searchParams.get('labelSelector'));
    fields = parseFieldSelector(url.searchParams.get('fieldSelector'));
  } catch (e) {
    if (e instanceof SelectorSyntaxError) return statusReply(400, e.message);
    throw e;
  }
  const matches = (o: KubeObject): boolean =>
    (path.namespace === undefined || o.metadata.namespace === path.namespace) &&
    (path.name === undefined || o.metadata.name === path.name) &&
    labels(o.metadata.labels as Record<string, string> | undefined) &&
    fields(o);
  return { resource: resource, matches };
}

/** The event a watcher with this filter sees for one change, if any (an object that stops matching is DELETED to it). */
function eventFor(change: KubeChange, matches: (o: KubeObject) => boolean): { type: string; object: KubeObject } | undefined {
  const now = matches(change.object);
  if (change.type !== 'MODIFIED') return now ? { type: change.type, object: change.object } : undefined;
  const before = change.previous !== undefined && matches(change.previous);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: change.object };
  return before ? { type: 'DELETED', object: change.object } : undefined;
}

/**
 * Streams a watch as kube-apiserver does: one JSON `{type, object}` per line. Without `resourceVersion` (or with
 * `0`) it starts with ADDED for every matching object; with one it replays the changes since, or sends a 410
 * `Expired` ERROR when that version is too old. `timeoutSeconds` ends it. Returns the reply when it cannot start.
 */
export function serveWatch(url: URL, res: ServerResponse, state: FakeKubeState, hub: KubeWatchHub): KubeReply | undefined {
  const plan = planWatch(url);
  if ('status' in plan) return plan;
  const resource = plan.resource;
  if (!resource) return statusReply(404, 'the server could not find the requested resource');
  const current = hub.sync(resource, state);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  const send = (type: string, object: unknown): void => {
    if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify({ type, object })}\n`);
  };
  const since = url.searchParams.get('resourceVersion') ?? '';
  if (since === '' || since === '0') {
    for (const o of current) if (plan.matches(o)) send('ADDED', o);
  } else if (!/^\d+$/.test(since) || Number(since) < hub.oldestResumable) {
    send('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${since} (${hub.resourceVersion})`, reason: 'Expired', code: 410 });
    res.end();
    return undefined;
  } else {
    for (const change of hub.changesSince(resource, Number(since))) {
      const event = eventFor(change, plan.matches);
      if (event) send(event.type, event.object);
    }
  }
  const unsubscribe = hub.subscribe(resource, (change) => {
    const event = eventFor(change, plan.matches);
    if (event) send(event.type, event.object);
  });
  const timeout = Number(url.searchParams.get('timeoutSeconds') ?? '0');
  const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
  timer?.unref();
  res.once('close', () => {
    clearTimeout(timer);
    unsubscribe();
  });
  return undefined;
}
