export * from './tunnel-launcher.contract';
export * from './cluster-probe.contract';
