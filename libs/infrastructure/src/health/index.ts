export * from './composite-health-prober.adapter';
export * from './tcp-health-prober.adapter';
export * from './http-health-prober.adapter';
export * from './postgres-health-prober.adapter';
export * from './kafka-health-prober.adapter';
export * from './kafka-broker-probe';
export * from './typed-health-prober';
export type { CheckResult } from './with-deadline';
