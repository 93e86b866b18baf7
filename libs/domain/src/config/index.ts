export * from './localport-config';
export * from './reload-plan';
