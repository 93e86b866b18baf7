import type { Duplex } from 'node:stream';
import { StreamEndpoint } from '@localport/application';

/** What the relay pipes to: a TCP/Unix socket, or an in-process stream that counts what it read. */
export type UpstreamSocket = Duplex & { readonly bytesRead: number };

/** Opens one connection of an in-process upstream; the stream, or why it could not be opened (never rejects). */
export async function openStreamUpstream(endpoint: StreamEndpoint, timeoutMs: number): Promise<{ socket: UpstreamSocket } | { failure: string }> {
  try {
    // The endpoint's stream type is opaque to the application layer; in-process upstreams hand out Duplex streams.
    return { socket: (await endpoint.open(Math.max(1, timeoutMs))) as unknown as UpstreamSocket };
  } catch (e) {
    return { failure: e instanceof Error ? e.message : String(e) };
  }
}
