import { createServer, Socket } from 'node:net';
import { parseKafkaRequest, KafkaRequest } from './kafka-request';
import { ApiRange, apiVersionsBody, metadataBody, responseFrame, TestTopic } from './kafka-responses';

/**
 * How the broker behaves: `ok` answers correctly; `error-code` answers ApiVersions with `errorCode`;
 * `close` hangs up on the first request; `silent` never answers; `wrong-correlation` answers with another
 * correlation id; `no-brokers` lists no brokers in Metadata; `garbage` answers like an HTTP server.
 */
export type KafkaBrokerMode = 'ok' | 'error-code' | 'close' | 'silent' | 'wrong-correlation' | 'no-brokers' | 'garbage';

export interface KafkaTestBroker {
  readonly host: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: KafkaRequest[];
  setMode(mode: KafkaBrokerMode): void;
  stop(): Promise<void>;
}

export interface KafkaTestBrokerOptions {
  readonly mode?: KafkaBrokerMode;
  /** How many brokers Metadata lists (this one is node 1). Default 1. */
  readonly brokers?: number;
  readonly topics?: readonly TestTopic[];
  /** Highest Metadata version advertised and served (0 or 1). Default 1. */
  readonly metadataMaxVersion?: 0 | 1;
  /** The error code for `error-code` mode. Default 35 (UNSUPPORTED_VERSION). */
  readonly errorCode?: number;
}

const API_VERSIONS = 18;
const METADATA = 3;

/** A protocol-level Kafka broker on 127.0.0.1 answering ApiVersions v0-v3 and Metadata v0-v1; other requests close the connection, as Kafka does. */
export async function startKafkaBroker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  let mode = options.mode ?? 'ok';
  const requests: KafkaRequest[] = [];
  const sockets = new Set<Socket>();
  const metadataMax = options.metadataMaxVersion ?? 1;
  const apis: ApiRange[] = [
    { apiKey: METADATA, minVersion: 0, maxVersion: metadataMax },
    { apiKey: API_VERSIONS, minVersion: 0, maxVersion: 3 },
  ];
  let port = 0;
  const nodes = () => Array.from({ length: options.brokers ?? 1 }, (_, i) => ({ nodeId: i + 1, host: '127.0.0.1', port: port + i }));

  const answer = (socket: Socket, request: KafkaRequest): void => {
    requests.push(request);
    if (mode === 'close') return void socket.destroy();
    if (mode === 'silent') return;
    if (mode === 'garbage') return void socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    const id = mode === 'wrong-correlation' ? request.correlationId + 1 : request.correlationId;
    const { apiKey, apiVersion } = request;
    if (apiKey === API_VERSIONS && apiVersion > 3) return void socket.write(responseFrame(id, apiVersionsBody(0, 35, apis)));
    if (apiKey === API_VERSIONS) return void socket.write(responseFrame(id, apiVersionsBody(apiVersion, mode === 'error-code' ? (options.errorCode ?? 35) : 0, apis)));
    if (apiKey === METADATA && apiVersion <= metadataMax) {
      return void socket.write(responseFrame(id, metadataBody(apiVersion, mode === 'no-brokers' ? [] : nodes(), options.topics ?? [], request.topics ?? null)));
    }
    socket.destroy();
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined).once('close', () => sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        const size = buffered.readInt32BE(0);
        const frame = buffered.subarray(4, 4 + size);
        buffered = buffered.subarray(4 + size);
        if (socket.destroyed) return;
        let request: KafkaRequest;
        try {
          request = parseKafkaRequest(frame);
        } catch {
          return void socket.destroy(); // a frame too short for its header
        }
        answer(socket, request);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const a = server.address();
  port = a !== null && typeof a === 'object' ? a.port : 0;
  return {
    host: '127.0.0.1',
    port,
    requests,
    setMode: (m) => void (mode = m),
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
