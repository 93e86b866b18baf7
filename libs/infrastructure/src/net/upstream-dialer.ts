import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { StreamEndpoint, UpstreamEndpoint } from '@localport/application';
import { openStreamUpstream, UpstreamSocket } from './open-stream-upstream';

/** What the dialer connects to: a TCP port or a Unix socket (in-process `stream` upstreams open themselves). */
type DialEndpoint = Exclude<UpstreamEndpoint, StreamEndpoint>;
import { dialFailureOf, DialFailure } from './dial-failure';
import { dialUpstream } from './dial-upstream';
import { DialSlots } from './dial-slots';

/** Dials in flight per upstream endpoint; the rest queue (ssh's own accept backlog is 128). */
export const MAX_DIALS_PER_UPSTREAM = 32;
const FIRST_BACKOFF_MS = 2;
const MAX_BACKOFF_MS = 100;
/** A refusal is checked by this many further connects, this far apart, before the upstream is called dead. */
const PROBES = 2;
const PROBE_GAP_MS = 25;

/**
 * A connected socket, or why there is none: `dead` (shown to be), `reset` (a listener dropped the connect),
 * or `timeout` (the deadline passed, or the dial was aborted, while the upstream was busy).
 */
export type DialResult = { readonly ok: true; readonly socket: Socket } | { readonly ok: false; readonly message: string; readonly verdict: 'dead' | 'reset' | 'timeout' };

/** An open upstream connection, or why there is none (an in-process stream that could not open counts as dead). */
export type OpenResult = { readonly ok: true; readonly socket: UpstreamSocket } | (DialResult & { readonly ok: false });

/**
 * Dials upstreams for one listener. A busy upstream (a full backlog: EAGAIN) is retried with a growing pause
 * until the deadline, with at most MAX_DIALS_PER_UPSTREAM dials in flight per endpoint. A refusal is confirmed
 * before the upstream is called dead: its Unix socket file is gone, or fresh probe connects are refused too.
 * Running out of time is never called death.
 */
export class UpstreamDialer {
  private readonly slots = new DialSlots(MAX_DIALS_PER_UPSTREAM);
  private readonly verdicts = new Map<string, Promise<boolean>>();

  /**
   * One connection to any endpoint, as the relay makes it for a client: an in-process upstream (the native
   * Kubernetes forwarder) opens its own, a TCP or Unix socket is dialed as {@link dial} does.
   */
  async open(endpoint: UpstreamEndpoint, deadline: number, signal: AbortSignal): Promise<OpenResult> {
    if (endpoint.kind !== 'stream') return this.dial(endpoint, deadline, signal);
    const opened = await openStreamUpstream(endpoint, deadline - Date.now());
    return 'socket' in opened ? { ok: true, socket: opened.socket } : { ok: false, message: opened.failure, verdict: 'dead' };
  }

  /** Dials until connected, dead, aborted or past `deadline` (epoch ms). */
  async dial(endpoint: DialEndpoint, deadline: number, signal: AbortSignal): Promise<DialResult> {
    const key = JSON.stringify(endpoint);
    let backoff = FIRST_BACKOFF_MS;
    let last = 'connect timed out while the upstream was busy';
    for (;;) {
      if (!(await this.slots.take(key, deadline, signal))) return { ok: false, message: signal.aborted ? 'aborted' : last, verdict: 'timeout' };
      const attempt = await attemptDial(endpoint, deadline, signal).finally(() => this.slots.give(key));
      if ('socket' in attempt) return { ok: true, socket: attempt.socket };
      last = attempt.message;
      if (signal.aborted || attempt.kind === 'timeout') return { ok: false, message: last, verdict: 'timeout' };
      if (attempt.kind === 'reset') return { ok: false, message: last, verdict: 'reset' };
      if (attempt.kind === 'refused' && !(await this.alive(key, endpoint))) return { ok: false, message: last, verdict: 'dead' };
      if (!(await pause(Math.min(backoff, deadline - Date.now()), signal))) return { ok: false, message: last, verdict: 'timeout' };
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  /** One verdict per endpoint at a time, so a thousand refused clients cost one probe run. */
  private alive(key: string, endpoint: DialEndpoint): Promise<boolean> {
    let verdict = this.verdicts.get(key);
    if (!verdict) {
      verdict = probeAlive(endpoint).finally(() => this.verdicts.delete(key));
      this.verdicts.set(key, verdict);
    }
    return verdict;
  }
}

async function probeAlive(endpoint: DialEndpoint): Promise<boolean> {
  for (let i = 0; i < PROBES; i++) {
    if (endpoint.kind === 'unix' && !existsSync(endpoint.path)) return false;
    await pause(PROBE_GAP_MS, new AbortController().signal);
    const probe = await attemptDial(endpoint, Date.now() + 1_000, new AbortController().signal);
    if ('socket' in probe) {
      probe.socket.destroy();
      return true;
    }
    if (probe.kind !== 'refused') return true;
  }
  return false;
}

async function attemptDial(endpoint: DialEndpoint, deadline: number, signal: AbortSignal): Promise<{ socket: Socket } | DialFailure> {
  const dial = dialUpstream(endpoint, Math.max(1, deadline - Date.now()));
  let failure: DialFailure | null = null;
  dial.socket.on('error', (e) => (failure ??= dialFailureOf(e)));
  const abort = () => dial.socket.destroy();
  signal.addEventListener('abort', abort, { once: true });
  const message = await dial.outcome;
  signal.removeEventListener('abort', abort);
  if (message === null) return { socket: dial.socket };
  return failure ?? { message, kind: message.startsWith('connect timed out') ? 'timeout' : 'reset' };
}

/** Waits `ms`; false when aborted first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
