export * from './doctor-check';
export * from './doctor-probes.port';
export * from './kubectl-skew';
export * from './run-doctor.use-case';
export * from './doctor-targets';
