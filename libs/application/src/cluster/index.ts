export * from './context-monitor';
export * from './cluster-health-manager';
export * from './wake-detector';
