export * from './timed-health-prober';
export * from './prometheus-exposition';
