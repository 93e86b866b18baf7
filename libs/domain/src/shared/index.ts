export * from './result';
export * from './localport-error';
