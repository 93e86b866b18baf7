/**
 * What every tunnel in the bench leads to: one loopback server speaking a tiny protocol, so each tunnel needs one
 * remote port. A client opens with one mode byte: `S` + an 8-byte big-endian length, then that many bytes, answered
 * with `ACK` once all arrived (a counting sink); or `E`, after which every byte is echoed.
 */
export const SINK = 0x53;
export const ECHO = 0x45;
export const SINK_HEADER_BYTES = 9;
export const ACK = Buffer.from('ACK');

/** The header of a sink transfer of `bytes` bytes. */
export function sinkHeader(bytes: number): Buffer {
  const h = Buffer.alloc(SINK_HEADER_BYTES);
  h[0] = SINK;
  h.writeBigUInt64BE(BigInt(bytes), 1);
  return h;
}
