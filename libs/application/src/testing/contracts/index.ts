export * from './tunnel-launcher.contract';
