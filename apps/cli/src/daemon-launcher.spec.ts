import { spawnSync } from 'node:child_process';
import { DAEMON_NODE_FLAGS, daemonEnv, daemonNodeFlags, NO_OPT_FLAGS } from './daemon-launcher';

describe('daemon launch settings', () => {
  it('adds a fixed malloc trim threshold and two arenas to the environment, keeping everything the caller set', () => {
    const env = daemonEnv({ LOCALPORT_HOME: '/srv/lp', PATH: '/usr/bin' });
    expect(env).toEqual({ LOCALPORT_HOME: '/srv/lp', PATH: '/usr/bin', MALLOC_TRIM_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' });
  });

  it("leaves a malloc trim threshold the user chose as it is", () => {
    expect(daemonEnv({ MALLOC_TRIM_THRESHOLD_: '0' }).MALLOC_TRIM_THRESHOLD_).toBe('0');
  });

  it('runs without the optimizing compiler unless a service forwards natively, whatever the number of services', () => {
    const ssh = { connection: { technology: 'ssh' } };
    const viaKubectl = { connection: { technology: 'kubectl', forwarder: 'kubectl' } };
    const native = { connection: { technology: 'kubectl', forwarder: 'native' } };
    expect(daemonNodeFlags([ssh, viaKubectl])).toEqual([...DAEMON_NODE_FLAGS, ...NO_OPT_FLAGS]);
    expect(daemonNodeFlags([ssh, native])).toEqual(DAEMON_NODE_FLAGS);
    expect(daemonNodeFlags(Array.from({ length: 2_000 }, () => ssh))).toContain('--no-opt');
    expect(daemonNodeFlags([])).toContain('--no-opt');
  });

  it('gives node flags this node accepts without a word on stderr (the daemon.startup.log stays empty)', () => {
    const run = spawnSync(process.execPath, [...DAEMON_NODE_FLAGS, ...NO_OPT_FLAGS, '-e', 'process.stdout.write(String(typeof WebAssembly))'], { encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr, stdout: run.stdout }).toEqual({ status: 0, stderr: '', stdout: 'object' });
  });
});
