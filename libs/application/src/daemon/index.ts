export * from './status-builder';
export * from './localport-daemon';
