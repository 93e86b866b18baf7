import { err, ok, Result } from '@localport/domain';
import { createConnection, Socket } from 'node:net';
import { z } from 'zod';
import { ControlMethod, controlMethods, ControlParams, ControlResults } from './control-methods';
import { ControlEvent, eventEnvelopeSchema, issuesOf, MAX_REPLY_LINE_BYTES, PROTOCOL_VERSION, replyEnvelopeSchema } from './control-protocol';
import { CONTROL_ERROR_CODES as C, ControlError } from './control.errors';
import { LineReader } from './line-reader';

interface Pending {
  readonly method: ControlMethod;
  readonly resolve: (outcome: Result<unknown, ControlError>) => void;
  readonly timer: NodeJS.Timeout;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The CLI end of the control socket. Requests are multiplexed by id; every reply and event is validated
 * before it is believed. Expected failures come back as a failed Result, never as a throw.
 */
export class ControlClient {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(event: ControlEvent) => void>();
  private sequence = 0;
  private lost: ControlError | null = null;
  /** Resolves when the connection has ended, from either side. */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    const reader = new LineReader(MAX_REPLY_LINE_BYTES, (line) => this.receive(line), () => this.fail(new ControlError(C.invalidReply, 'the daemon sent an oversized line')));
    socket.on('data', (chunk: Buffer) => reader.push(chunk));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.fail(new ControlError(C.unreachable, 'the connection to the daemon closed'));
        resolve();
      }),
    );
  }

  /**
   * Connects to the daemon's socket; no file or a refused connection means NOT_RUNNING. A full accept
   * backlog (EAGAIN: the daemon is busy, not gone) is retried until the connect timeout.
   */
  static connect(socketPath: string, options: { timeoutMs?: number } = {}): Promise<Result<ControlClient, ControlError>> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
    return new Promise((resolve) => {
      const attempt = (delayMs: number) => {
        const socket = createConnection(socketPath);
        const timer = setTimeout(() => {
          socket.destroy();
          resolve(err(new ControlError(C.unreachable, `the daemon did not accept a connection on ${socketPath} in time`)));
        }, Math.max(0, deadline - Date.now()));
        socket.once('connect', () => {
          clearTimeout(timer);
          socket.removeAllListeners('error');
          resolve(ok(new ControlClient(socket)));
        });
        socket.once('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          socket.destroy();
          if (e.code === 'EAGAIN' && Date.now() + delayMs < deadline) return void setTimeout(() => attempt(Math.min(delayMs * 2, 100)), delayMs);
          const down = e.code === 'ENOENT' || e.code === 'ECONNREFUSED';
          const message = down ? `the daemon is not running (no server on ${socketPath})` : `cannot reach the daemon on ${socketPath}: ${e.message}`;
          resolve(err(new ControlError(down ? C.notRunning : C.unreachable, message, undefined, { cause: e })));
        });
      };
      attempt(5);
    });
  }

  /** Sends one request and waits for its validated result. */
  request<M extends ControlMethod>(method: M, params: ControlParams<M>, options: { timeoutMs?: number } = {}): Promise<Result<ControlResults[M], ControlError>> {
    const checked = controlMethods[method].params.safeParse(params);
    if (!checked.success) {
      return Promise.resolve(err(new ControlError(C.invalidParams, `invalid params for ${method}: ${z.prettifyError(checked.error)}`, { issues: issuesOf(checked.error) })));
    }
    if (this.lost) return Promise.resolve(err(this.lost));
    const id = `c${++this.sequence}`;
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(err(new ControlError(C.timeout, `the daemon did not answer ${method} within ${timeoutMs} ms`)));
      }, timeoutMs);
      timer.unref();
      this.pending.set(id, { method, timer, resolve: resolve as Pending['resolve'] });
      this.socket.write(`${JSON.stringify({ v: PROTOCOL_VERSION, id, method, params: checked.data })}\n`);
    });
  }

  /** Subscribes this connection to events (all, when `events` is empty or undefined); `onEvent` gets each one. */
  async subscribe(events: readonly string[] | undefined, onEvent: (event: ControlEvent) => void, options: { timeoutMs?: number } = {}): Promise<Result<void, ControlError>> {
    this.listeners.add(onEvent);
    const reply = await this.request('subscribe', events && events.length > 0 ? { events: [...events] } : {}, options);
    if (!reply.ok) {
      this.listeners.delete(onEvent);
      return reply;
    }
    return ok(undefined);
  }

  /** Ends the connection; pending requests fail with DAEMON.UNREACHABLE. */
  close(): void {
    this.socket.end();
    // A daemon that never finishes its side must not keep the CLI alive.
    setTimeout(() => this.socket.destroy(), 500).unref();
  }

  private receive(line: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      return this.fail(new ControlError(C.invalidReply, 'the daemon sent a line that is not JSON'));
    }
    if (typeof raw === 'object' && raw !== null && 'event' in raw) {
      const event = eventEnvelopeSchema.safeParse(raw);
      if (event.success) for (const listener of this.listeners) listener(event.data);
      return;
    }
    const reply = replyEnvelopeSchema.safeParse(raw);
    if (!reply.success) return this.fail(new ControlError(C.invalidReply, 'the daemon sent a malformed reply', { issues: issuesOf(reply.error) }));
    const pending = reply.data.id === null ? undefined : this.pending.get(reply.data.id);
    if (!pending) return;
    this.pending.delete(reply.data.id!);
    clearTimeout(pending.timer);
    if (!reply.data.ok) {
      const { code, message, details } = reply.data.error;
      return pending.resolve(err(new ControlError(code, message, details)));
    }
    const result = controlMethods[pending.method].result.safeParse(reply.data.result);
    if (!result.success) {
      return pending.resolve(err(new ControlError(C.invalidReply, `the daemon sent an invalid ${pending.method} result`, { issues: issuesOf(result.error) })));
    }
    pending.resolve(ok(reply.data.result));
  }

  /** Fails every pending request; the connection is unusable afterwards. */
  private fail(error: ControlError): void {
    this.lost ??= error;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve(err(error));
    }
    if (!this.socket.destroyed && error.code !== C.unreachable) this.socket.destroy();
  }
}
