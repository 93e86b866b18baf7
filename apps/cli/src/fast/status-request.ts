import { createConnection } from 'node:net';

/** Longest reply line read, as the ControlClient's MAX_REPLY_LINE_BYTES. */
const MAX_REPLY_BYTES = 32 * 1024 * 1024;

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);
const listOf = (x: unknown, keys: readonly string[]) => Array.isArray(x) && x.every((e) => isObject(e) && keys.every((k) => typeof e[k] === 'string'));

/** What the full CLI's ControlClient checks of a `status` result before it believes it (control-methods.ts). */
export function isStatusResult(r: unknown): r is { services: { name: string }[] } {
  return isObject(r) && isObject(r['daemon']) && typeof r['daemon']['running'] === 'boolean' && listOf(r['services'], ['name', 'state']) && listOf(r['clusters'], ['context']);
}

/** The result of `{v:1, id, ok:true, result}` with no other key (replyEnvelopeSchema's success branch), else undefined. */
export function statusResultOf(line: string, id: string): unknown {
  let reply: unknown;
  try {
    reply = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(reply) || Object.keys(reply).sort().join() !== 'id,ok,result,v') return undefined;
  return reply['v'] === 1 && reply['id'] === id && reply['ok'] === true && isStatusResult(reply['result']) ? reply['result'] : undefined;
}

/**
 * One `status` request over the daemon's control socket, with no zod, no commander and no container: the raw result
 * when the daemon answers well within `timeoutMs`, else undefined (no daemon, refused, an error reply, anything
 * unexpected), and the caller leaves the command to the full CLI, which asks again and explains what went wrong.
 */
export function requestStatus(socketPath: string, names: readonly string[], timeoutMs: number): Promise<unknown> {
  return new Promise((resolve) => {
    const id = 'f1';
    const socket = createConnection(socketPath);
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (value: unknown) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.once('error', () => done(undefined));
    socket.once('close', () => done(undefined));
    socket.once('connect', () => socket.write(`${JSON.stringify({ v: 1, id, method: 'status', params: names.length ? { names } : {} })}\n`));
    socket.on('data', (chunk: Buffer) => {
      const end = chunk.indexOf(10);
      chunks.push(end < 0 ? chunk : chunk.subarray(0, end));
      size += chunk.length;
      if (end >= 0) done(statusResultOf(Buffer.concat(chunks).toString('utf8'), id));
      else if (size > MAX_REPLY_BYTES) done(undefined);
    });
  });
}
