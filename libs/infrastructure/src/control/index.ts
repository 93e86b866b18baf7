export * from './control.errors';
export * from './control-protocol';
export * from './control-methods';
export * from './control-connection';
export * from './control-server';
export * from './control-client';
export * from './control-router';
export * from './socket-path';
