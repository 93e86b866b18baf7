/** Child processes: spawning without a shell, stopping, a crash-proof ledger of pids, and who owns a TCP port. */
export * from './line-splitter';
export * from './spawn-child';
export * from './stop-child';
export * from './live-children';
export * from './process-identity';
export * from './child-process-ledger';
export * from './find-port-owner';
export * from './tunnel-process';
