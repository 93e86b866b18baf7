/** In-memory fakes of every port, for unit tests of the core. Plain classes, no Jest imports. */
export * from './fake-clock';
export * from './recording-logger';
export * from './fake-tunnel-launcher';
export * from './fake-listener-factory';
export * from './fake-health-prober';
export * from './fake-cluster-probe';
export * from './fake-host-probe';
export * from './service-fixtures';
export * from './in-memory-config-source';
/** Contract suites (one per port), run against these fakes and against each real adapter. Use from *.spec.ts only. */
export * from './contracts';
