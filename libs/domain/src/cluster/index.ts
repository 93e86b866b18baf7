export * from './cluster-info';
export * from './resource-status';
export * from './cluster-event';
export * from './cluster-health';
export * from './cluster-health-settings';
