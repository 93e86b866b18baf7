/** The kubectl upstream: `kubectl port-forward` on an ephemeral loopback port. */
export * from './kubectl-tunnel-launcher.adapter';
export * from './kubectl-arguments';
export * from './kubectl-exit';
