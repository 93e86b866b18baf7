export * from './port-number';
export * from './connection';
export * from './health-check-spec';
export * from './restart-policy';
export * from './decide-restart';
export * from './service-state';
export * from './service';
export * from './service-endpoint';
