/** A request as the test broker parsed it. */
export interface KafkaRequest {
  readonly apiKey: number;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly clientId: string | null;
  /** Metadata requests: the topics asked for; null = all topics. Other requests: undefined. */
  readonly topics?: readonly string[] | null;
}

/** Parses one request frame (without its size prefix). Header v1, or v2 (tagged fields) for flexible versions. */
export function parseKafkaRequest(frame: Buffer): KafkaRequest {
  let at = 0;
  const int16 = (): number => ((at += 2), frame.readInt16BE(at - 2));
  const int32 = (): number => ((at += 4), frame.readInt32BE(at - 4));
  const apiKey = int16();
  const apiVersion = int16();
  const correlationId = int32();
  const idLength = int16();
  const clientId = idLength < 0 ? null : frame.toString('utf8', at, (at += idLength));
  if (apiKey !== 3) return { apiKey, apiVersion, correlationId, clientId };
  // Metadata v0/v1 body: Int32 count (-1 = null, v1 only), then Int16-prefixed names.
  const count = int32();
  if (count < 0) return { apiKey, apiVersion, correlationId, clientId, topics: null };
  const topics: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = int16();
    topics.push(frame.toString('utf8', at, (at += length)));
  }
  return { apiKey, apiVersion, correlationId, clientId, topics: apiVersion === 0 && count === 0 ? null : topics };
}
