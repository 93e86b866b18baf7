import { ChildProcess, fork } from 'node:child_process';

/** The bench's helper processes, each a role of this same bundle (`main.js --role <role>`). */
export type WorkerRole = 'target' | 'load' | 'relay';

type Request = { readonly id: number; readonly op: string; readonly args: unknown };
type Reply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: string };

/** A running helper process answering calls over its IPC channel. */
export interface WorkerHandle {
  readonly pid: number;
  call<T>(op: string, args?: unknown): Promise<T>;
  /** SIGTERM, SIGKILL after 3 s; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Forks `main.js --role <role>` and resolves once it says it is ready. */
export function startWorker(role: WorkerRole): Promise<WorkerHandle> {
  const child = fork(process.argv[1], ['--role', role], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`the ${role} worker exited`));
    pending.clear();
  });
  child.on('message', (m: Reply | { ready: true }) => {
    if ('ready' in m) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(new Error(`${role} worker: ${m.error}`));
  });
  const handle: WorkerHandle = {
    pid: child.pid ?? -1,
    call: <T>(op: string, args?: unknown) =>
      new Promise<T>((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ id, op, args } satisfies Request);
      }),
    stop: () => stopChild(child, exited),
  };
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(handle));
    child.once('exit', (code) => reject(new Error(`the ${role} worker exited with ${code} before it was ready`)));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

/** Worker side: answers calls with `handlers`, says ready, and exits when the bench goes away. */
export function serveWorker(handlers: Record<string, (args: never) => Promise<unknown>>): void {
  process.on('message', (m: Request) => {
    const handler = handlers[m.op];
    const reply = (r: Reply) => process.connected && process.send?.(r);
    if (!handler) return reply({ id: m.id, ok: false, error: `unknown op ${m.op}` });
    handler(m.args as never).then(
      (value) => reply({ id: m.id, ok: true, value }),
      (e: Error) => reply({ id: m.id, ok: false, error: e.message ?? String(e) }),
    );
  });
  // An orphaned helper must not outlive a bench that crashed or was killed.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.send?.({ ready: true });
}
