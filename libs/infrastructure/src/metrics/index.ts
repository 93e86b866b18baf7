export * from './metrics-http-server';
