export * from './service-snapshot';
export * from './service-supervisor';
export * from './supervisor';
