import { KafkaReader } from './kafka-protocol';

export interface ApiVersionRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

/** ApiVersions v0 response body (after the correlation id). */
export function decodeApiVersionsV0(body: Buffer): { errorCode: number; apis: ApiVersionRange[] } {
  const r = new KafkaReader(body);
  const errorCode = r.int16();
  const apis = r.array(() => ({ apiKey: r.int16(), minVersion: r.int16(), maxVersion: r.int16() }));
  r.end();
  return { errorCode, apis };
}

export interface KafkaBroker {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/** Metadata v0 or v1 response body (after the correlation id); topics are parsed only to check the framing. */
export function decodeMetadata(body: Buffer, version: 0 | 1): { brokers: KafkaBroker[]; topics: number } {
  const r = new KafkaReader(body);
  const brokers = r.array(() => {
    const broker = { nodeId: r.int32(), host: r.string(), port: r.int32() };
    if (version >= 1) r.nullableString(); // rack
    return broker;
  });
  if (version >= 1) r.int32(); // controller id
  const topics = r.array(() => {
    r.int16(); // error code
    r.string(); // name
    if (version >= 1) r.int8(); // is_internal
    r.array(() => {
      r.int16(); // error code
      r.int32(); // partition
      r.int32(); // leader
      r.array(() => r.int32()); // replicas
      r.array(() => r.int32()); // isr
    });
  });
  r.end();
  return { brokers, topics: topics.length };
}
