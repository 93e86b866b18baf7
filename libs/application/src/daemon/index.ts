export * from './localport-daemon';
