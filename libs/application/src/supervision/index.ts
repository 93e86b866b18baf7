export * from './service-snapshot';
export * from './supervisor-deps';
export * from './service-supervisor';
export { selectFromServices, SelectionError } from './selection';
export type { Selection } from './selection';
export type { ServiceOutcome } from './service-outcome';
export type { RefusedChange } from './port-probe';
export { LaunchQueue, MAX_CONCURRENT_LAUNCHES } from './launch-queue';
export * from './supervisor';
