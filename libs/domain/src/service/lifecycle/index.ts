export * from './lifecycle-state';
export * from './lifecycle-event';
export * from './lifecycle-effect';
export * from './lifecycle-policy';
export * from './step';
