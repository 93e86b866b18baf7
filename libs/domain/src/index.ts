/** @localport/domain: LocalPort's pure model and rules. No I/O, no clock, no dependencies. */
export * from './shared';
export * from './service';
export * from './cluster';
export * from './config';
