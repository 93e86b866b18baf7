/** The kubectl technology: `kubectl port-forward` on an ephemeral loopback port, gated by its cluster. */
export * from './kubectl-tunnel-launcher.adapter';
export * from './kubectl-arguments';
export * from './kubectl-exit';
export * from './kubectl-connection';
export * from './kubectl-connection.schema';
export * from './kubectl.technology';
export * from './kubectl-upstream';
