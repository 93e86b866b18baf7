export * from './tunnel-launcher.contract';
export * from './cluster-probe.contract';
export * from './health-prober.contract';
export * from './config-source.contract';
