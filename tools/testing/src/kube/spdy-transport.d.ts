/** The slice of spdy-transport@3 (untyped CommonJS) the fake API server uses. */
declare module 'spdy-transport' {
  import type { Duplex } from 'node:stream';
  import type { EventEmitter } from 'node:events';

  /** One flow-control direction of a window (spdy-transport/lib/spdy-transport/window.js). */
  export interface WindowSide extends EventEmitter {
    current: number;
    max: number;
    limit: number;
    lowWaterMark: number;
    getDelta(): number;
    update(size: number, callback?: () => void): void;
  }

  /** A SPDY stream: a Duplex with the SYN_STREAM headers. */
  export interface Stream extends Duplex {
    readonly id: number;
    readonly headers: Record<string, string>;
    respond(status: number, headers: Record<string, string>, callback?: (err?: Error) => void): void;
    _spdyState: { window: { send: WindowSide } };
  }

  type KvCallback = (err: Error | null, headers?: Record<string, string>) => void;

  /** A SPDY session over one socket. */
  export interface Connection extends EventEmitter {
    start(version: number): void;
    end(callback?: () => void): void;
    destroyStreams(err?: Error): void;
    on(event: 'stream', listener: (stream: Stream) => void): this;
    on(event: 'close', listener: () => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    _spdyState: {
      parser: { parseKVs(buffer: unknown, callback: KvCallback): void };
      window: { send: WindowSide };
      streamWindow: { send: WindowSide };
    };
  }

  export const connection: {
    create(socket: Duplex, options: { protocol: 'spdy' | 'http2'; isServer: boolean; windowSize?: number }): Connection;
  };
}
