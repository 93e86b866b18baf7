/** Loopback network helpers for tests: an echo server, a byte round trip, a block of free ports. */
export * from './echo-server';
export * from './round-trip';
export * from './port-block';
