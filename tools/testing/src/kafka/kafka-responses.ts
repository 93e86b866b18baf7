import { KafkaWriter } from './kafka-writer';

export interface ApiRange {
  readonly apiKey: number;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface TestTopic {
  readonly name: string;
  readonly partitions: number;
}

export interface TestBrokerNode {
  readonly nodeId: number;
  readonly host: string;
  readonly port: number;
}

/** ApiVersions response body, v0-v3 (v3 is a flexible version: compact array and tagged fields). */
export function apiVersionsBody(version: number, errorCode: number, apis: readonly ApiRange[]): Buffer {
  const w = new KafkaWriter().int16(errorCode);
  if (version >= 3) {
    w.compactArray(apis, (a) => w.int16(a.apiKey).int16(a.minVersion).int16(a.maxVersion).noTags());
    return w.int32(0).noTags().toBuffer();
  }
  w.array(apis, (a) => w.int16(a.apiKey).int16(a.minVersion).int16(a.maxVersion));
  if (version >= 1) w.int32(0); // throttle_time_ms
  return w.toBuffer();
}

/** Metadata response body, v0 or v1. Unknown requested topics come back with error 3 (UNKNOWN_TOPIC_OR_PARTITION). */
export function metadataBody(version: number, brokers: readonly TestBrokerNode[], known: readonly TestTopic[], requested: readonly string[] | null): Buffer {
  const w = new KafkaWriter();
  w.array(brokers, (b) => {
    w.int32(b.nodeId).string(b.host).int32(b.port);
    if (version >= 1) w.string(null); // rack
  });
  if (version >= 1) w.int32(brokers[0]?.nodeId ?? -1); // controller_id
  const names = requested ?? known.map((t) => t.name);
  const leader = brokers[0]?.nodeId ?? -1;
  w.array(names, (name) => {
    const topic = known.find((t) => t.name === name);
    w.int16(topic ? 0 : 3).string(name);
    if (version >= 1) w.int8(0); // is_internal
    w.array(Array.from({ length: topic?.partitions ?? 0 }, (_, i) => i), (partition) => {
      w.int16(0).int32(partition).int32(leader);
      w.array([leader], (id) => w.int32(id)); // replicas
      w.array([leader], (id) => w.int32(id)); // isr
    });
  });
  return w.toBuffer();
}

/** A response frame: Int32 size, response header v0 (the correlation id; ApiVersions always uses v0), body. */
export function responseFrame(correlationId: number, body: Buffer): Buffer {
  const head = Buffer.allocUnsafe(8);
  head.writeInt32BE(4 + body.length, 0);
  head.writeInt32BE(correlationId, 4);
  return Buffer.concat([head, body]);
}
