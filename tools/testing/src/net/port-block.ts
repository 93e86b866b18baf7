import { createServer } from 'node:net';

const canBind = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * `count` consecutive free loopback ports below the kernel's ephemeral range (32768+), so outgoing
 * connections (the health checks of 2,000 services get their source ports there) cannot take them meanwhile.
 * Tries random blocks in 10000-32000 until one is wholly free.
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
