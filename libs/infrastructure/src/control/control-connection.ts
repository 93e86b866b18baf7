import { Socket } from 'node:net';
import { ControlEvent, PROTOCOL_VERSION } from './control-protocol';
import { WireError } from './control.errors';

/** Beyond this many unread bytes queued for a client, it is not reading: the connection is dropped. */
const MAX_QUEUED_WRITE_BYTES = 16 * 1024 * 1024;

/** What a handler can do with the connection its request came on. */
export interface ControlContext {
  /** Pushes one event to this connection; false once it is gone. */
  send(event: string, data: Readonly<Record<string, unknown>>): boolean;
  /** Runs `fn` when this connection closes (e.g. to drop a subscription); returns a function that cancels it. */
  onClose(fn: () => void): () => void;
}

/** One client of the control server: writes replies and events, tracks its subscription. */
export class ControlConnection implements ControlContext {
  private readonly closeHandlers = new Set<() => void>();
  /** Event names (or `prefix.*` patterns) this connection subscribed to; null: not subscribed; empty: all. */
  private subscription: readonly string[] | null = null;
  inFlight = 0;

  constructor(readonly socket: Socket) {
    socket.once('close', () => {
      for (const fn of [...this.closeHandlers]) {
        try {
          fn();
        } catch {
          // A failing cleanup must not stop the others.
        }
      }
      this.closeHandlers.clear();
    });
  }

  get open(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  reply(id: string | null, outcome: { ok: true; result: unknown } | { ok: false; error: WireError }): void {
    const line = outcome.ok ? encode({ v: PROTOCOL_VERSION, id, ok: true, result: outcome.result }) : encode({ v: PROTOCOL_VERSION, id, ok: false, error: outcome.error });
    if (line !== null) this.writeLine(line);
    else if (outcome.ok) this.reply(id, { ok: false, error: { code: 'INTERNAL', message: 'the result could not be serialised' } });
    else this.reply(id, { ok: false, error: { code: outcome.error.code, message: outcome.error.message } });
  }

  send(event: string, data: Readonly<Record<string, unknown>>): boolean {
    const message: ControlEvent = { v: PROTOCOL_VERSION, event, data: data as Record<string, unknown>, at: new Date().toISOString() };
    const line = encode(message);
    return line !== null && this.writeLine(line);
  }

  onClose(fn: () => void): () => void {
    this.closeHandlers.add(fn);
    return () => this.closeHandlers.delete(fn);
  }

  subscribe(events: readonly string[] | undefined): void {
    this.subscription = events ?? [];
  }

  /** Whether a published event goes to this connection. */
  wants(event: string): boolean {
    const s = this.subscription;
    if (s === null) return false;
    return s.length === 0 || s.some((p) => p === event || (p.endsWith('.*') && event.startsWith(p.slice(0, -1))));
  }

  private writeLine(line: string): boolean {
    if (!this.open) return false;
    if (this.socket.writableLength > MAX_QUEUED_WRITE_BYTES) {
      this.socket.destroy();
      return false;
    }
    this.socket.write(line);
    return true;
  }
}

function encode(message: object): string | null {
  try {
    return `${JSON.stringify(message)}\n`;
  } catch {
    return null;
  }
}
