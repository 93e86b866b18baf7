import { Logger } from '@localport/application';
import { err, ok, Result } from '@localport/domain';
import { chmod } from 'node:fs/promises';
import { createServer, Server, Socket } from 'node:net';
import { z } from 'zod';
import { ControlConnection, ControlContext } from './control-connection';
import { ControlMethod, controlMethods, ControlParams, isControlMethod } from './control-methods';
import { issuesOf, MAX_REQUEST_LINE_BYTES, MAX_SKIPPED_LINE_BYTES, PROTOCOL_VERSION, requestEnvelopeSchema } from './control-protocol';
import { CONTROL_ERROR_CODES as C, ControlError, toWireError, WireError } from './control.errors';
import { LineReader } from './line-reader';
import { prepareSocketPath } from './socket-path';

/** Serves one request; throw (ideally an error with a string `code`) to fail it. */
export type ControlHandler = <M extends ControlMethod>(method: M, params: ControlParams<M>, ctx: ControlContext) => Promise<unknown>;

/** Limits and diagnostics of a control server. */
export interface ControlServerOptions {
  /** Longest request line; default 1 MiB. */
  readonly maxLineBytes?: number;
  /** Bytes of one oversized line skipped (after its error reply) before the connection is closed; default 4 MiB. */
  readonly maxSkippedLineBytes?: number;
  /** Requests a connection may have in flight before the server stops reading from it; default 256. */
  readonly maxInFlight?: number;
  /** Connections the kernel queues before the daemon accepts them; default 4096 (capped by net.core.somaxconn). */
  readonly backlog?: number;
  /** Protocol errors and handler failures are logged here at debug/warn level. */
  readonly logger?: Logger;
  /**
   * Validate each result against its method's schema before it is sent (default true). The daemon turns it
   * off: its handler is typed, the client validates every result it receives anyway, and for a 2,000-service
   * `status` the check took 75 ms of the daemon's event loop per request.
   */
  readonly checkResults?: boolean;
}

/** Node's default of 511 makes a burst of clients fail with EAGAIN while the daemon is busy for a moment. */
const DEFAULT_BACKLOG = 4096;

/**
 * The daemon end of the control socket: line-delimited JSON requests, validated with zod, dispatched to
 * the handler; bad input of any kind gets an error reply and never takes the server down.
 */
export class ControlServer {
  private server: Server | null = null;
  private readonly connections = new Set<ControlConnection>();

  constructor(
    private readonly handler: ControlHandler,
    private readonly options: ControlServerOptions = {},
  ) {}

  /** Listens on a Unix socket (directory 0700, socket 0600), replacing a stale socket file. */
  async listen(socketPath: string): Promise<Result<void, ControlError>> {
    const prepared = await prepareSocketPath(socketPath);
    if (!prepared.ok) return prepared;
    const server = createServer((socket) => this.accept(socket));
    const listening = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      server.once('error', resolve);
      server.listen({ path: socketPath, backlog: this.options.backlog ?? DEFAULT_BACKLOG }, () => resolve(null));
    });
    if (listening) {
      const code = listening.code === 'EADDRINUSE' ? C.alreadyRunning : C.socketUnavailable;
      return err(new ControlError(code, `Cannot listen on ${socketPath}: ${listening.message}`, undefined, { cause: listening }));
    }
    server.on('error', (e) => this.options.logger?.error('control socket error', { error: e }));
    this.server = server;
    try {
      await chmod(socketPath, 0o600);
    } catch (e) {
      await this.close();
      return err(new ControlError(C.socketUnavailable, `Cannot restrict ${socketPath} to its owner`, undefined, { cause: e }));
    }
    return ok(undefined);
  }

  /** Pushes an event to every connection subscribed to it; returns how many got it. */
  publish(event: string, data: Readonly<Record<string, unknown>>): number {
    let delivered = 0;
    for (const c of this.connections) if (c.wants(event) && c.send(event, data)) delivered++;
    return delivered;
  }

  /** Stops listening, ends every connection (pending replies are flushed first) and removes the socket. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const c of this.connections) {
      c.socket.end();
      setTimeout(() => c.socket.destroy(), 1_000).unref();
    }
    await closed;
  }

  private accept(socket: Socket): void {
    const connection = new ControlConnection(socket);
    this.connections.add(connection);
    const maxLine = this.options.maxLineBytes ?? MAX_REQUEST_LINE_BYTES;
    const reader = new LineReader(
      maxLine,
      (line) => void this.handleLine(connection, line),
      () => connection.reply(null, { ok: false, error: { code: C.lineTooLong, message: `request line longer than ${maxLine} bytes` } }),
      {
        // Reading a 64 MB line only to skip it grew the daemon's RSS by ~27 MB (glibc keeps the freed read buffers).
        maxSkipBytes: this.options.maxSkippedLineBytes ?? MAX_SKIPPED_LINE_BYTES,
        onRunaway: () => {
          this.options.logger?.debug('control client sent a runaway line; closing its connection');
          socket.pause();
          socket.end(() => socket.destroy());
        },
      },
    );
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', (e) => this.options.logger?.debug('control connection error', { error: e }));
    socket.on('close', () => this.connections.delete(connection));
  }

  private async handleLine(connection: ControlConnection, line: string): Promise<void> {
    if (line.trim().length === 0) return;
    const request = parseRequest(line);
    if (!request.ok) {
      this.options.logger?.debug('control request rejected', { code: request.error.error.code });
      return connection.reply(request.error.id, { ok: false, error: request.error.error });
    }
    const { id, method, params } = request.value;
    const limit = this.options.maxInFlight ?? 256;
    if (++connection.inFlight >= limit) connection.socket.pause();
    try {
      const result = (await this.handler(method, params, connection)) ?? {};
      const checked = this.options.checkResults === false ? null : controlMethods[method].result.safeParse(result);
      if (checked && !checked.success) {
        this.options.logger?.warn('control handler returned an invalid result', { method, problem: z.prettifyError(checked.error) });
        return connection.reply(id, { ok: false, error: { code: C.internal, message: `invalid ${method} result`, details: { issues: issuesOf(checked.error) } } });
      }
      connection.reply(id, { ok: true, result });
      if (method === 'subscribe') connection.subscribe((params as ControlParams<'subscribe'>).events);
    } catch (e) {
      const error = toWireError(e);
      if (error.code === C.internal) this.options.logger?.warn('control handler failed', { method, error: e });
      connection.reply(id, { ok: false, error });
    } finally {
      if (--connection.inFlight === Math.floor(limit / 2)) connection.socket.resume();
    }
  }
}

type ParsedRequest = Result<{ id: string; method: ControlMethod; params: ControlParams<ControlMethod> }, { id: string | null; error: WireError }>;

/** Validates one request line: JSON, version, envelope, method, params. */
function parseRequest(line: string): ParsedRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return err({ id: null, error: { code: C.badRequest, message: 'request is not valid JSON' } });
  }
  const candidate = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const rawId = candidate['id'];
  const id = typeof rawId === 'string' && rawId.length > 0 && rawId.length <= 128 ? rawId : null;
  if (candidate['v'] !== undefined && candidate['v'] !== PROTOCOL_VERSION) {
    return err({ id, error: { code: C.unsupportedVersion, message: `protocol version ${String(candidate['v'])} is not supported; this daemon speaks v${PROTOCOL_VERSION}` } });
  }
  const envelope = requestEnvelopeSchema.safeParse(raw);
  if (!envelope.success) return err({ id, error: { code: C.badRequest, message: 'malformed request envelope', details: { issues: issuesOf(envelope.error) } } });
  const { method } = envelope.data;
  if (!isControlMethod(method)) {
    return err({ id, error: { code: C.unknownMethod, message: `unknown method '${method}'`, details: { methods: Object.keys(controlMethods) } } });
  }
  // The raw params, not the envelope's copy: that one has already dropped keys such as `__proto__`.
  const params = controlMethods[method].params.safeParse(candidate['params'] ?? {});
  if (!params.success) {
    return err({ id, error: { code: C.invalidParams, message: `invalid params for ${method}: ${z.prettifyError(params.error)}`, details: { issues: issuesOf(params.error) } } });
  }
  return ok({ id: envelope.data.id, method, params: params.data });
}
