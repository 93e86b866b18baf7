import { FakeKubeState } from './fake-kube-state';
import { endpointSliceObject } from './kube-endpoint-slices';
import {
  endpointsObject,
  eventObject,
  eventV1Object,
  KubeObject,
  namespaceObject,
  nodeObject,
  podObject,
  serviceObject,
  workloadObject,
} from './kube-objects';

/** One served resource type: its discovery facts and how to list it from the state. */
export interface KubeResource {
  /** `''` for core. */
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  /** `all` for what `kubectl get all` shows. */
  categories?: string[];
  /** Extra discovery entries such as `pods/portforward`. */
  subresources?: string[];
  list(state: FakeKubeState): KubeObject[];
}

/** Every namespace that exists: the declared ones plus any an object lives in. */
export function allNamespaces(state: FakeKubeState): string[] {
  const names = new Set(state.namespaces);
  for (const list of [state.pods, state.services, state.deployments, state.statefulsets, state.events]) {
    for (const item of list) names.add(item.namespace);
  }
  return [...names];
}

const core = (r: Omit<KubeResource, 'group' | 'version'>): KubeResource => ({ group: '', version: 'v1', ...r });
const verbs = ['get', 'list', 'watch'];

/** The resource types the fake serves, in discovery order. */
export const KUBE_RESOURCES: readonly KubeResource[] = [
  core({ plural: 'namespaces', singular: 'namespace', kind: 'Namespace', namespaced: false, shortNames: ['ns'], list: (s) => allNamespaces(s).map(namespaceObject) }),
  core({ plural: 'nodes', singular: 'node', kind: 'Node', namespaced: false, shortNames: ['no'], list: (s) => s.nodes.map((n) => nodeObject(n, s)) }),
  core({
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['portforward', 'status'],
    list: (s) => s.pods.map(podObject),
  }),
  core({ plural: 'services', singular: 'service', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: ['all'], list: (s) => s.services.map(serviceObject) }),
  core({ plural: 'endpoints', singular: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], list: (s) => s.services.map((x) => endpointsObject(x, s)) }),
  core({ plural: 'events', singular: 'event', kind: 'Event', namespaced: true, shortNames: ['ev'], list: (s) => s.events.map((e) => eventObject(e, s)) }),
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    list: (s) => s.deployments.map((d) => workloadObject('Deployment', d, s)),
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    list: (s) => s.statefulsets.map((d) => workloadObject('StatefulSet', d, s)),
  },
  {
    group: 'events.k8s.io',
    version: 'v1',
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    list: (s) => s.events.map((e) => eventV1Object(e, s)),
  },
  {
    group: 'discovery.k8s.io',
    version: 'v1',
    plural: 'endpointslices',
    singular: 'endpointslice',
    kind: 'EndpointSlice',
    namespaced: true,
    shortNames: [],
    list: (s) => s.services.filter((x) => Object.keys(x.selector).length > 0).map((x) => endpointSliceObject(x, s)),
  },
];

/** The API groups besides core, each with its single version. */
export const API_GROUPS: readonly string[] = [...new Set(KUBE_RESOURCES.filter((r) => r.group !== '').map((r) => r.group))];

/** Looks a resource up by group and plural. */
export const findResource = (group: string, version: string, plural: string): KubeResource | undefined =>
  KUBE_RESOURCES.find((r) => r.group === group && r.version === version && r.plural === plural);

/** The APIResourceList discovery document for one group version. */
export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const resources = KUBE_RESOURCES.filter((r) => r.group === group && r.version === version);
  if (resources.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group === '' ? version : `${group}/${version}`,
    resources: resources.flatMap((r) => [
      { name: r.plural, singularName: r.singular, namespaced: r.namespaced, kind: r.kind, verbs, shortNames: r.shortNames, ...(r.categories ? { categories: r.categories } : {}) },
      ...(r.subresources ?? []).map((sub) => ({
        name: `${r.plural}/${sub}`,
        singularName: '',
        namespaced: r.namespaced,
        kind: sub === 'portforward' ? 'PodPortForwardOptions' : r.kind,
        verbs: sub === 'portforward' ? ['create', 'get'] : ['get'],
      })),
    ]),
  };
}

/** The APIGroup document for one group. */
export function apiGroup(group: string): Record<string, unknown> {
  const version = KUBE_RESOURCES.find((r) => r.group === group)?.version ?? 'v1';
  const gv = { groupVersion: `${group}/${version}`, version };
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions: [gv], preferredVersion: gv };
}
