/** Builds Kafka wire bytes: big-endian primitives, classic and compact (flexible-version) strings and arrays. */
export class KafkaWriter {
  private readonly parts: Buffer[] = [];

  int8(v: number): this {
    return this.push(1, (b) => b.writeInt8(v));
  }
  int16(v: number): this {
    return this.push(2, (b) => b.writeInt16BE(v));
  }
  int32(v: number): this {
    return this.push(4, (b) => b.writeInt32BE(v));
  }
  string(v: string | null): this {
    if (v === null) return this.int16(-1);
    const bytes = Buffer.from(v, 'utf8');
    this.int16(bytes.length);
    this.parts.push(bytes);
    return this;
  }
  array<T>(items: readonly T[], write: (item: T) => void): this {
    this.int32(items.length);
    items.forEach(write);
    return this;
  }
  /** Unsigned varint, as used for compact lengths and tag counts. */
  uvarint(v: number): this {
    const bytes: number[] = [];
    do {
      let byte = v & 0x7f;
      v >>>= 7;
      if (v !== 0) byte |= 0x80;
      bytes.push(byte);
    } while (v !== 0);
    this.parts.push(Buffer.from(bytes));
    return this;
  }
  compactArray<T>(items: readonly T[], write: (item: T) => void): this {
    this.uvarint(items.length + 1);
    items.forEach(write);
    return this;
  }
  /** An empty tagged-field section. */
  noTags(): this {
    return this.uvarint(0);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
  }

  private push(size: number, write: (b: Buffer) => void): this {
    const b = Buffer.allocUnsafe(size);
    write(b);
    this.parts.push(b);
    return this;
  }
}
