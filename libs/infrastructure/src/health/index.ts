export * from './composite-health-prober.adapter';
export * from './health-check-module';
export * from './health-check-registry';
export * from './typed-health-prober';
export type { CheckResult } from './with-deadline';
