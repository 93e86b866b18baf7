export * from './localport-paths';
export * from './private-dir';
