export * from './service-snapshot';
export * from './supervisor-deps';
export * from './service-supervisor';
export * from './supervisor';
