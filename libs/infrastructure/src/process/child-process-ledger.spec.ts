import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcessLedger } from './child-process-ledger';
import { readProcessIdentity } from './process-identity';
import { spawnChild, SpawnedChild } from './spawn-child';
import { stopChild } from './stop-child';

const sleeper = (tag: string) => spawnChild(process.execPath, ['-e', 'setInterval(() => {}, 1000)', tag]);

describe(ChildProcessLedger.name, () => {
  let dir: string;
  let file: string;
  const children: SpawnedChild[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lp-ledger-'));
    file = join(dir, 'state', 'children.json');
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c, 1_000)));
    await rm(dir, { recursive: true, force: true });
  });

  it('records and forgets children in a JSON file', async () => {
    const child = sleeper('lp-ledger-a');
    children.push(child);
    const ledger = new ChildProcessLedger(file);
    await ledger.record(child.pid!, child.argv);
    const saved = JSON.parse(await readFile(file, 'utf8'));
    expect(saved.children).toEqual([{ pid: child.pid, argv: [...child.argv], startedAt: expect.any(String), startToken: expect.any(String) }]);
    await ledger.forget(child.pid!);
    expect(await new ChildProcessLedger(file).entries()).toEqual([]);
  }, 30_000);

  it('reaps a recorded child that is still the same process', async () => {
    const orphan = sleeper('lp-ledger-orphan');
    children.push(orphan);
    await new ChildProcessLedger(file).record(orphan.pid!, orphan.argv);
    // The next daemon: a fresh ledger over the same file.
    const report = await new ChildProcessLedger(file).reapOrphans(5_000);
    expect(report.killed.map((e) => e.pid)).toEqual([orphan.pid]);
    expect(await orphan.ended).toMatchObject({ signal: 'SIGTERM' });
    expect(await new ChildProcessLedger(file).entries()).toEqual([]);
  }, 30_000);

  it('refuses to kill a pid whose command line is not the recorded one', async () => {
    const bystander = sleeper('lp-ledger-bystander');
    children.push(bystander);
    const ledger = new ChildProcessLedger(file);
    await ledger.record(bystander.pid!, bystander.argv);
    const [real] = await ledger.entries();
    // Same pid and start time, but the record says it was a kubectl: not ours to kill.
    const forged = { ...real, argv: ['/usr/bin/kubectl', 'port-forward', 'pod/x', ':80'] };
    await writeFile(file, JSON.stringify({ version: 1, children: [forged] }));
    const report = await new ChildProcessLedger(file).reapOrphans(1_000);
    expect(report.killed).toEqual([]);
    expect(report.refused).toEqual([{ entry: forged, reason: expect.stringContaining('lp-ledger-bystander') }]);
    expect(bystander.process.exitCode).toBeNull();
    expect(await readProcessIdentity(bystander.pid!)).not.toBeNull();
  }, 30_000);

  it('refuses a pid that runs the recorded command but started at another time (pid reuse)', async () => {
    const later = sleeper('lp-ledger-reused');
    children.push(later);
    const ledger = new ChildProcessLedger(file);
    await ledger.record(later.pid!, later.argv);
    const [entry] = await ledger.entries();
    await writeFile(file, JSON.stringify({ version: 1, children: [{ ...entry, startToken: 'another-boot:1' }] }));
    const report = await new ChildProcessLedger(file).reapOrphans(1_000);
    expect(report.refused).toHaveLength(1);
    expect(later.process.exitCode).toBeNull();
  }, 30_000);

  it('reports recorded children that are gone', async () => {
    const child = sleeper('lp-ledger-gone');
    const ledger = new ChildProcessLedger(file);
    await ledger.record(child.pid!, child.argv);
    await stopChild(child, 1_000);
    expect((await new ChildProcessLedger(file).reapOrphans()).gone.map((e) => e.pid)).toEqual([child.pid]);
  }, 30_000);

  it('lists as survivors only recorded children that still run as recorded, and kills none', async () => {
    const alive = sleeper('lp-ledger-survivor');
    const bystander = sleeper('lp-ledger-not-ours');
    const gone = sleeper('lp-ledger-ended');
    children.push(alive, bystander);
    const ledger = new ChildProcessLedger(file);
    for (const c of [alive, bystander, gone]) await ledger.record(c.pid!, c.argv);
    await stopChild(gone, 1_000);
    const entries = await ledger.entries();
    const forged = entries.map((e) => (e.pid === bystander.pid ? { ...e, argv: ['/usr/bin/ssh', '-N', 'somewhere'] } : e));
    await writeFile(file, JSON.stringify({ version: 1, children: forged }));
    expect((await new ChildProcessLedger(file).survivors()).map((e) => e.pid)).toEqual([alive.pid]);
    expect(alive.process.exitCode).toBeNull();
    expect(bystander.process.exitCode).toBeNull();
  }, 30_000);
});
