import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/** A loopback echo server in its own process, so its work does not delay the test's own timers. */
export interface EchoProcess {
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

const SCRIPT = `
const server = require('node:net').createServer((s) => { s.on('error', () => s.destroy()); s.pipe(s); });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.on('disconnect', () => process.exit(0));
`;

/** Starts the echo process on 127.0.0.1 (an OS-chosen port); it exits when the test process goes away. */
export async function startEchoProcess(): Promise<EchoProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const [line] = (await Promise.race([
    once(child.stdout!, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('echo process exited before listening');
    }),
  ])) as [Buffer];
  const port = Number(line.toString().trim());
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
