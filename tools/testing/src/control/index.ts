export * from './mass-config-yaml';
export * from './status-poller';
