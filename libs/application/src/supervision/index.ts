export * from './service-snapshot';
export * from './supervisor-deps';
export * from './service-supervisor';
export * from './selection';
export * from './service-outcome';
export * from './launch-queue';
export * from './port-probe';
export * from './supervisor';
