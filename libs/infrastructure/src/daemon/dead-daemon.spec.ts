import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLocalportPaths } from '../paths/localport-paths';
import { ChildProcessLedger } from '../process/child-process-ledger';
import { readProcessIdentity } from '../process/process-identity';
import { spawnChild, SpawnedChild } from '../process/spawn-child';
import { stopChild } from '../process/stop-child';
import { childLedgerFile, findDeadDaemon } from './dead-daemon';

describe(findDeadDaemon.name, () => {
  let home: string;
  const children: SpawnedChild[] = [];
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'lp-dead-'));
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopChild(c, 1_000)));
    await rm(home, { recursive: true, force: true });
  });
  const pathsOf = () => resolveLocalportPaths({ LOCALPORT_HOME: home }, home);
  const writeLock = async (record: object) => {
    await mkdir(pathsOf().runtimeDir, { recursive: true });
    await writeFile(pathsOf().lockFile, JSON.stringify(record));
  };

  it('finds none without a lock or pid file (never started, or stopped cleanly)', async () => {
    expect(await findDeadDaemon(pathsOf())).toBeNull();
  });

  it('finds none while the lock holder runs (this process stands in for a live daemon)', async () => {
    const me = await readProcessIdentity(process.pid);
    await writeLock({ pid: process.pid, startToken: me!.startToken, startedAt: '2026-12-03T20:00:00.000Z' });
    expect(await findDeadDaemon(pathsOf())).toBeNull();
  });

  it('reports a dead lock holder with its leftover files and the recorded tunnels still running', async () => {
    const dead = spawnChild(process.execPath, ['-e', '']);
    const deadPid = dead.process.pid!;
    await dead.ended;
    const tunnel = spawnChild(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'lp-dead-tunnel']);
    children.push(tunnel);
    await new ChildProcessLedger(childLedgerFile(pathsOf())).record(tunnel.pid!, tunnel.argv);
    await writeLock({ pid: deadPid, startToken: 'x:1', startedAt: '2026-12-03T20:00:00.000Z' });
    await writeFile(pathsOf().pidFile, `${deadPid}\n`);
    expect(await findDeadDaemon(pathsOf())).toEqual({
      pid: deadPid,
      startedAt: '2026-12-03T20:00:00.000Z',
      staleFiles: [pathsOf().lockFile, pathsOf().pidFile],
      orphans: [{ pid: tunnel.pid, command: tunnel.argv.join(' ') }],
    });
  });

  it('counts a live pid with another start time as dead (the pid was reused)', async () => {
    await writeLock({ pid: process.pid, startToken: 'another-boot:1' });
    expect(await findDeadDaemon(pathsOf())).toMatchObject({ pid: process.pid, orphans: [] });
  });
});
