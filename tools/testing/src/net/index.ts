/** Loopback network helpers for tests: an echo server, a byte round trip, a block of free ports, a stream to a peer that hangs up. */
export * from './echo-server';
export * from './round-trip';
export * from './port-block';
export * from './stream-until-closed';
