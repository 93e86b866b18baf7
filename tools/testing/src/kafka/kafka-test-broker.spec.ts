import { connect, Socket } from 'node:net';
import { KafkaTestBroker, startKafkaBroker } from './kafka-test-broker';

// Requests and expected answers are spelled out as bytes here, independently of the broker's encoder.
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const frame = (body: Buffer) => Buffer.concat([hex((body.length >>> 0).toString(16).padStart(8, '0')), body]);
const CLIENT = '0004 74657374'; // client id "test"

/** Sends `bytes` (optionally one byte at a time) and resolves with the first complete response frame, or 'closed'. */
function ask(broker: KafkaTestBroker, bytes: Buffer, trickle = false): Promise<Buffer | 'closed'> {
  return new Promise((resolve) => {
    const socket: Socket = connect(broker.port, broker.host, () => {
      if (!trickle) return void socket.write(bytes);
      for (let i = 0; i < bytes.length; i++) socket.write(bytes.subarray(i, i + 1));
    });
    let got = Buffer.alloc(0);
    socket.on('data', (c: Buffer) => {
      got = Buffer.concat([got, c]);
      if (got.length >= 4 && got.length >= 4 + got.readInt32BE(0)) {
        socket.destroy();
        resolve(got);
      }
    });
    socket.on('error', () => undefined).once('close', () => resolve('closed'));
  });
}

describe(startKafkaBroker.name, () => {
  let broker: KafkaTestBroker;
  beforeEach(async () => {
    broker = await startKafkaBroker({ topics: [{ name: 'orders', partitions: 2 }] });
  });
  afterEach(() => broker.stop());

  it('answers ApiVersions v0, even when the request arrives one byte at a time', async () => {
    const answer = await ask(broker, frame(hex(`0012 0000 00000007 ${CLIENT}`)), true);

    expect(answer).toEqual(frame(hex('00000007 0000 00000002 0003 0000 0001 0012 0000 0003')));
    expect(broker.requests).toEqual([{ apiKey: 18, apiVersion: 0, correlationId: 7, clientId: 'test' }]);
  });

  it('answers ApiVersions v1 with a throttle time', async () => {
    expect(await ask(broker, frame(hex(`0012 0001 00000008 ${CLIENT}`)))).toEqual(frame(hex('00000008 0000 00000002 0003 0000 0001 0012 0000 0003 00000000')));
  });

  it('answers ApiVersions v3 (flexible: header v2 in, compact array and tagged fields out)', async () => {
    // header v2 = v1 + empty tags; body = compact strings "lp" and "1", empty tags.
    const request = hex(`0012 0003 00000009 ${CLIENT} 00 03 6c70 02 31 00`);

    expect(await ask(broker, frame(request))).toEqual(frame(hex('00000009 0000 03 0003 0000 0001 00 0012 0000 0003 00 00000000 00')));
  });

  it('answers an ApiVersions version it does not know with v0 and UNSUPPORTED_VERSION', async () => {
    expect(await ask(broker, frame(hex(`0012 0009 0000000a ${CLIENT}`)))).toEqual(frame(hex('0000000a 0023 00000002 0003 0000 0001 0012 0000 0003')));
  });

  it('answers Metadata v0 for all topics', async () => {
    const port = broker.port.toString(16).padStart(8, '0');
    const partition = (n: number) => `0000 ${n.toString(16).padStart(8, '0')} 00000001 00000001 00000001 00000001 00000001`;

    const answer = await ask(broker, frame(hex(`0003 0000 0000000b ${CLIENT} 00000000`)));

    const brokers = `00000001 00000001 0009 3132372e302e302e31 ${port}`;
    expect(answer).toEqual(frame(hex(`0000000b ${brokers} 00000001 0000 0006 6f7264657273 00000002 ${partition(0)} ${partition(1)}`)));
    expect(broker.requests[0]).toMatchObject({ apiKey: 3, apiVersion: 0, topics: null });
  });

  it('answers Metadata v1 with rack, controller and is_internal, marking unknown topics', async () => {
    const port = broker.port.toString(16).padStart(8, '0');
    const answer = await ask(broker, frame(hex(`0003 0001 0000000c ${CLIENT} 00000001 0004 6e6f7065`)));

    expect(answer).toEqual(frame(hex(`0000000c 00000001 00000001 0009 3132372e302e302e31 ${port} ffff 00000001 00000001 0003 0004 6e6f7065 00 00000000`)));
    expect(broker.requests[0]).toMatchObject({ topics: ['nope'] });
  });

  it('answers Metadata v1 with no topics for an empty topic array', async () => {
    const port = broker.port.toString(16).padStart(8, '0');
    expect(await ask(broker, frame(hex(`0003 0001 0000000d ${CLIENT} 00000000`)))).toEqual(frame(hex(`0000000d 00000001 00000001 0009 3132372e302e302e31 ${port} ffff 00000001 00000000`)));
  });

  it('hangs up on requests it does not serve, like Kafka', async () => {
    expect(await ask(broker, frame(hex(`0003 0005 0000000e ${CLIENT} ffffffff`)))).toBe('closed');
    expect(await ask(broker, frame(hex(`0000 0000 0000000f ${CLIENT}`)))).toBe('closed');
  });

  it('misbehaves on request: error code, wrong correlation id, close', async () => {
    const v0 = frame(hex(`0012 0000 00000010 ${CLIENT}`));
    broker.setMode('error-code');
    expect((await ask(broker, v0)) as Buffer).toEqual(frame(hex('00000010 0023 00000002 0003 0000 0001 0012 0000 0003')));
    broker.setMode('wrong-correlation');
    expect(((await ask(broker, v0)) as Buffer).readInt32BE(4)).toBe(0x11);
    broker.setMode('close');
    expect(await ask(broker, v0)).toBe('closed');
    expect(broker.requests).toHaveLength(3);
  });
});
