import { killAllChildren, liveChildren } from './live-children';
import { spawnChild } from './spawn-child';
import { stopChild } from './stop-child';

describe(spawnChild.name, () => {
  it('passes arguments verbatim (no shell) and splits output into lines from both streams', async () => {
    const lines: string[] = [];
    const child = spawnChild(process.execPath, ['-e', 'console.log(process.argv[1]); process.stdout.write("a\\nb"); console.error("err line")', '$HOME; echo no'], {
      onLine: (line, stream) => lines.push(`${stream}:${line}`),
    });
    expect(await child.ended).toEqual({ code: 0, signal: null });
    expect(lines).toEqual(expect.arrayContaining(['stdout:$HOME; echo no', 'stdout:a', 'stdout:b', 'stderr:err line']));
  }, 30_000);

  it('resolves ended with the spawn error for a missing program', async () => {
    const child = spawnChild('/nonexistent/program', []);
    expect(child.pid).toBeUndefined();
    expect(await child.ended).toMatchObject({ code: null, error: { code: 'ENOENT' } });
  });
});

describe(stopChild.name, () => {
  it('sends SIGTERM and resolves once the child is gone', async () => {
    const child = spawnChild(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    expect(await stopChild(child, 5_000)).toMatchObject({ signal: 'SIGTERM' });
  }, 30_000);

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    let ready!: () => void;
    const armed = new Promise<void>((r) => (ready = r));
    const child = spawnChild(process.execPath, ['-e', 'process.on("SIGTERM", () => {}); console.log("armed"); setInterval(() => {}, 1000)'], { onLine: () => ready() });
    await armed;
    expect(await stopChild(child, 300)).toMatchObject({ signal: 'SIGKILL' });
  }, 30_000);
});

describe(killAllChildren.name, () => {
  it('signals every live child and forgets them once they end', async () => {
    const children = [1, 2].map(() => spawnChild(process.execPath, ['-e', 'setInterval(() => {}, 1000)']));
    expect(liveChildren()).toEqual(expect.arrayContaining(children));
    expect(killAllChildren('SIGKILL')).toBeGreaterThanOrEqual(2);
    for (const c of children) expect(await c.ended).toMatchObject({ signal: 'SIGKILL' });
    await new Promise((r) => setImmediate(r));
    expect(liveChildren()).not.toEqual(expect.arrayContaining([children[0]]));
  }, 30_000);
});
