export * from './system-clock.adapter';
export * from './math-random.adapter';
