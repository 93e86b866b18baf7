/** Loopback network helpers for tests: an echo server and a byte round trip. */
export * from './echo-server';
export * from './round-trip';
