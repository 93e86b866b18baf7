import { optionalDependency } from '../optional/optional-dependency';

/**
 * @kubernetes/client-node (and its ~70 packages), loaded on first use: an optional peer dependency
 * of @localport/infrastructure that only the Kubernetes API cluster probe needs.
 */
export const kubeClient = optionalDependency<typeof import('./kube-client-exports')>('@kubernetes/client-node', 'the Kubernetes API cluster probe', () =>
  require('./kube-client-exports'),
);
