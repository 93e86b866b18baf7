import { KafkaWriter } from '@localport/testing/kafka';
import { KafkaProtocolError } from './kafka-protocol';
import { decodeApiVersionsV0, decodeMetadata } from './kafka-responses';

describe('Kafka response decoding', () => {
  it('decodes ApiVersions v0', () => {
    const w = new KafkaWriter().int16(0);
    w.array([[3, 0, 12], [18, 0, 3]], ([k, min, max]) => w.int16(k).int16(min).int16(max));

    expect(decodeApiVersionsV0(w.toBuffer())).toEqual({ errorCode: 0, apis: [{ apiKey: 3, minVersion: 0, maxVersion: 12 }, { apiKey: 18, minVersion: 0, maxVersion: 3 }] });
  });

  it('rejects a truncated answer, trailing bytes, and absurd array lengths', () => {
    const w = new KafkaWriter().int16(0);
    w.array([[3, 0, 12]], ([k, min, max]) => w.int16(k).int16(min).int16(max));
    const good = w.toBuffer();

    expect(() => decodeApiVersionsV0(good.subarray(0, good.length - 1))).toThrow(new KafkaProtocolError('response ends early'));
    expect(() => decodeApiVersionsV0(Buffer.concat([good, Buffer.from([0])]))).toThrow('1 unexpected trailing bytes');
    expect(() => decodeApiVersionsV0(new KafkaWriter().int16(0).int32(1_000_000).toBuffer())).toThrow('bad array length 1000000');
  });

  it('decodes Metadata v1 brokers and skips topics with their partitions', () => {
    const w = new KafkaWriter();
    w.array([1, 2], (id) => w.int32(id).string(`b${id}`).int32(9000 + id).string(id === 1 ? 'rack-a' : null));
    w.int32(1);
    w.array(['t'], (name) => {
      w.int16(0).string(name).int8(0);
      w.array([0], (p) => w.int16(0).int32(p).int32(1).array([1, 2], (r) => w.int32(r)).array([1], (r) => w.int32(r)));
    });

    expect(decodeMetadata(w.toBuffer(), 1)).toEqual({
      brokers: [
        { nodeId: 1, host: 'b1', port: 9001 },
        { nodeId: 2, host: 'b2', port: 9002 },
      ],
      topics: 1,
    });
    // Read as v0, the same bytes do not line up.
    expect(() => decodeMetadata(w.toBuffer(), 0)).toThrow(KafkaProtocolError);
  });
});
