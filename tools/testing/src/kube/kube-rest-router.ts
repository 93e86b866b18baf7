import { FakeKubeState, KubeHealth } from './fake-kube-state';
import { healthReply } from './kube-health';
import { API_GROUPS, apiGroup, apiResourceList, findResource, KubeResource } from './kube-resources';
import { parseFieldSelector, parseLabelSelector, SelectorSyntaxError } from './kube-selectors';
import { jsonReply, KubeReply, notFoundReply, statusReply } from './kube-status';
import { toTable, wantsTable } from './kube-table';
import { KubeObject } from './kube-objects';
import { KubeWatchHub } from './kube-watch-hub';

/** What the router needs to know about one HTTP request. */
export interface RestRequest {
  method: string;
  url: URL;
  accept?: string;
  /** `host:port` clients should use, for `/api`'s serverAddressByClientCIDRs. */
  serverAddress: string;
}

/** A resource path split into its parts: `/api/v1/namespaces/default/pods/web-0/status`. */
export interface ResourcePath {
  group: string;
  version: string;
  namespace?: string;
  plural: string;
  name?: string;
  subresource?: string;
}

/** Splits an API path into group, version, namespace, plural, name and subresource; undefined if it is not one. */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, rest] = [parts[1], parts.slice(3)];
  else return undefined;
  const version = parts[0] === 'api' ? 'v1' : parts[2];
  if (rest.length === 0) return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const [, namespace, plural, name, subresource, ...extra] = rest;
    return extra.length > 0 ? undefined : { group, version, namespace, plural, name, subresource };
  }
  const [plural, name, subresource, ...extra] = rest;
  return extra.length > 0 ? undefined : { group, version, plural, name, subresource };
}

function discovery(pathname: string, req: RestRequest): KubeReply | undefined {
  if (pathname === '/api') {
    return jsonReply({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: req.serverAddress }] });
  }
  if (pathname === '/apis') return jsonReply({ kind: 'APIGroupList', apiVersion: 'v1', groups: API_GROUPS.map(apiGroup) });
  const gv = /^\/(?:api\/(v1)|apis\/([^/]+)(?:\/([^/]+))?)$/.exec(pathname);
  if (!gv) return undefined;
  const [, coreVersion, group, version] = gv;
  if (coreVersion) return jsonReply(apiResourceList('', coreVersion));
  if (!API_GROUPS.includes(group)) return statusReply(404, 'the server could not find the requested resource');
  if (!version) return jsonReply(apiGroup(group));
  const list = apiResourceList(group, version);
  return list ? jsonReply(list) : statusReply(404, 'the server could not find the requested resource');
}

function serveResource(resource: KubeResource, path: ResourcePath, req: RestRequest, state: FakeKubeState, hub?: KubeWatchHub): KubeReply {
  const q = req.url.searchParams;
  if (q.get('watch') === 'true' || q.get('watch') === '1') return statusReply(405, 'watch is served by the server, not the router');
  const table = wantsTable(req.accept);
  const objects: KubeObject[] = hub ? hub.sync(resource, state) : resource.list(state);
  const inScope = objects
    .filter((o) => !resource.namespaced || path.namespace === undefined || o.metadata.namespace === path.namespace);
  if (path.name !== undefined) {
    const found = inScope.find((o) => o.metadata.name === path.name);
    if (!found) return notFoundReply(resource.plural, path.name, resource.group);
    if (path.subresource === 'portforward') return statusReply(400, 'Upgrade request required');
    if (path.subresource !== undefined && path.subresource !== 'status') {
      return statusReply(404, `the server could not find the requested resource (get ${resource.plural} ${path.subresource})`);
    }
    return jsonReply(table ? toTable(resource.kind, [found]) : found);
  }
  let labelMatch: (labels: Record<string, string> | undefined) => boolean;
  let fieldMatch: (obj: unknown) => boolean;
  try {
    labelMatch = parseLabelSelector(q.get('labelSelector'));
    fieldMatch = parseFieldSelector(q.get('fieldSelector'));
  } catch (e) {
    if (e instanceof SelectorSyntaxError) return statusReply(400, e.message);
    throw e;
  }
  const items = inScope.filter((o) => labelMatch(o.metadata.labels as Record<string, string> | undefined) && fieldMatch(o));
  if (table) return jsonReply(toTable(resource.kind, items));
  const apiVersion = resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
  return jsonReply({ kind: `${resource.kind}List`, apiVersion, metadata: { resourceVersion: String(hub?.resourceVersion ?? 1) }, items });
}

/**
 * Answers every non-upgrade request: version, health, discovery, and GET/list of the served resources.
 * With a `hub`, objects carry the resourceVersions watches use.
 */
export function routeRest(req: RestRequest, state: FakeKubeState, hub?: KubeWatchHub): KubeReply {
  const pathname = req.url.pathname.replace(/\/+$/, '') || '/';
  if (req.method !== 'GET' && req.method !== 'HEAD') return statusReply(405, `the fake API server only serves GET, not ${req.method}`);
  if (pathname === '/version') return jsonReply({ ...state.version, gitCommit: 'fake', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc', platform: 'linux/amd64' });
  const health = /^\/(healthz|livez|readyz)(?:\/.*)?$/.exec(pathname);
  if (health) return healthReply(health[1] as keyof KubeHealth, state.health, req.url.searchParams.has('verbose'));
  const disc = discovery(pathname, req);
  if (disc) return disc;
  const path = parseResourcePath(pathname);
  const resource = path && findResource(path.group, path.version, path.plural);
  if (!path || !resource) return statusReply(404, 'the server could not find the requested resource');
  if (path.namespace !== undefined && !resource.namespaced) return statusReply(404, 'the server could not find the requested resource');
  if (path.namespace === undefined && resource.namespaced && path.name !== undefined) {
    return statusReply(404, 'the server could not find the requested resource');
  }
  return serveResource(resource, path, req, state, hub);
}
