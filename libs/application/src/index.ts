/** @localport/application: use cases, the supervisor, the cluster-health manager, and the ports they need. No I/O. */
export * from './ports';
export * from './status';
export * from './supervision';
export * from './cluster';
export * from './daemon';
export * from './version';
export * from './events';
export * from './doctor';
export * from './metrics';
