/** Kafka API keys the health check uses. */
export const KAFKA_API = { metadata: 3, apiVersions: 18 } as const;

/** A broker answer that does not parse as the Kafka protocol. */
export class KafkaProtocolError extends Error {}

/** One request frame: Int32 size, then request header v1 (api key, version, correlation id, client id) and the body. */
export function encodeKafkaRequest(apiKey: number, apiVersion: number, correlationId: number, clientId: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const size = 10 + id.length + body.length;
  const frame = Buffer.allocUnsafe(4 + size);
  frame.writeInt32BE(size, 0);
  frame.writeInt16BE(apiKey, 4);
  frame.writeInt16BE(apiVersion, 6);
  frame.writeInt32BE(correlationId, 8);
  frame.writeInt16BE(id.length, 12);
  id.copy(frame, 14);
  body.copy(frame, 14 + id.length);
  return frame;
}

/** Metadata request body for v0 (empty array = all topics) and v1 (empty array = no topics). */
export const metadataRequestBody = (): Buffer => Buffer.from([0, 0, 0, 0]);

/** Bounds-checked reader of big-endian Kafka primitives. */
export class KafkaReader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  int8(): number {
    return this.take(1, () => this.buf.readInt8(this.offset));
  }
  int16(): number {
    return this.take(2, () => this.buf.readInt16BE(this.offset));
  }
  int32(): number {
    return this.take(4, () => this.buf.readInt32BE(this.offset));
  }
  nullableString(): string | null {
    const length = this.int16();
    if (length === -1) return null;
    if (length < 0) throw new KafkaProtocolError(`bad string length ${length}`);
    return this.take(length, () => this.buf.toString('utf8', this.offset, this.offset + length));
  }
  string(): string {
    const s = this.nullableString();
    if (s === null) throw new KafkaProtocolError('unexpected null string');
    return s;
  }
  array<T>(item: () => T): T[] {
    const count = this.int32();
    if (count === -1) return [];
    if (count < 0 || count > this.buf.length - this.offset) throw new KafkaProtocolError(`bad array length ${count}`);
    return Array.from({ length: count }, item);
  }
  /** Fails unless every byte was consumed: trailing bytes mean a misread. */
  end(): void {
    if (this.offset !== this.buf.length) throw new KafkaProtocolError(`${this.buf.length - this.offset} unexpected trailing bytes`);
  }

  private take<T>(n: number, read: () => T): T {
    if (this.offset + n > this.buf.length) throw new KafkaProtocolError('response ends early');
    const value = read();
    this.offset += n;
    return value;
  }
}
