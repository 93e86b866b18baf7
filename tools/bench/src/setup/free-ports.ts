import { createServer, Server } from 'node:net';

/** `n` distinct loopback ports that were free a moment ago (all held at once while choosing, then released). */
export async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const s = createServer();
      await new Promise<void>((resolve, reject) => s.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
      servers.push(s);
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  }
}

const canBind = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * `count` consecutive free loopback ports below the kernel's ephemeral range (32768+), so outgoing connections
 * cannot take them meanwhile ({@link freePorts} picks from that range, where the health checks of 2,000 services get
 * their source ports). Tries random blocks in 10000-32000 until one is wholly free. Copied from the e2e tests'
 * `apps/cli-e2e/src/support/port-block.ts` (tools may not import from apps).
 */
export async function freePortBlock(count: number, tries = 20): Promise<number[]> {
  for (let t = 0; t < tries; t++) {
    const base = 10_000 + Math.floor(Math.random() * (22_000 - count));
    const ports = Array.from({ length: count }, (_, i) => base + i);
    let free = true;
    for (let i = 0; i < ports.length && free; i += 200) {
      free = (await Promise.all(ports.slice(i, i + 200).map(canBind))).every(Boolean);
    }
    if (free) return ports;
  }
  throw new Error(`no block of ${count} free ports found in ${tries} tries`);
}
