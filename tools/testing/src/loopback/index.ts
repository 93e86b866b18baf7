/** Loopback helpers for adapter tests: stream servers (echo/digest/close/reset), HTTP(S), a hand-driven UpstreamSource. */
export * from './stream-test-server';
export * from './controlled-upstream';
export * from './free-port';
export * from './http-test-server';
export * from './tcp-client';
export * from './test-tls';
export * from './wait-until';
export * from './silent-server';
export * from './mute-tcp-server';
