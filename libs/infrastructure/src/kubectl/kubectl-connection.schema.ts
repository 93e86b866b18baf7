import { z } from 'zod';
import { dns1123Label, dns1123Subdomain, kubeContextName } from '../config/name-rules';
import { ObjectFactory, oneOf } from '../config/schema-primitives';
import { BALANCES, FORWARDERS, RESOURCE_TYPES } from './kubectl-connection';

const RESOURCE_ALIASES = { svc: 'service', services: 'service', po: 'pod', pods: 'pod', deploy: 'deployment', deployments: 'deployment', sts: 'statefulset', statefulsets: 'statefulset' } as const;

/** `forwarder: native | kubectl`, as a service's connection, `defaults` and `cluster_contexts.<ctx>` write it. */
export const forwarderSetting = () => oneOf(FORWARDERS);

/** kubectl `connection`: names are checked as Kubernetes and kubeconfig names, so none can pass as a kubectl flag. */
export const kubectlConnectionSchema = (obj: ObjectFactory) =>
  obj({
    resource_type: oneOf(RESOURCE_TYPES, RESOURCE_ALIASES).optional(),
    resource_name: dns1123Subdomain(),
    namespace: dns1123Label().optional(),
    context: kubeContextName().nullish(),
    forwarder: forwarderSetting().optional(),
    balance: oneOf(BALANCES).optional(),
  });

export type KubectlConnectionData = z.output<ReturnType<typeof kubectlConnectionSchema>>;
