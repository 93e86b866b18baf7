import { LifecycleEffect } from './lifecycle-effect';
import { LifecycleState } from './lifecycle-state';
import { step } from './step';
import {
  act, aPolicy, at, bindFails, bindFailsForeign, bindFailsNoOwner, bound, checkNow, crash, dialRefused, disable, failCheck, fire, gate, gateSays, launched, launchFails, lost, NOW, pass, rearm,
  replay, restart, RUNNING, start, stop, unauthorized,
} from './testing/lifecycle-table';

type Policy = Parameters<typeof aPolicy>[0];
type Expect = { readonly effects: ReadonlyArray<LifecycleEffect['type'] | Partial<LifecycleEffect>>; readonly state?: Partial<LifecycleState> };

// In RUNNING the port is bind 1 and the first tunnel is launch 2; the first failure's timer is 3.
const GATED: Policy = { gated: true };
const CLOSED: Policy = { gated: true, gateOpen: false };
const BACKOFF = [...RUNNING, act(crash), act(fire), act(launchFails())]; // second failure: a 1 s timer pending

describe(step.name, () => {
  // situation (events so far) -> event -> effects asked for and what the state becomes
  const table: ReadonlyArray<[string, readonly ReturnType<typeof act>[], ReturnType<typeof act>, Expect, Policy?]> = [
    // starting
    ['start binds the local port before anything else', [], act(start), { effects: [{ type: 'bind', id: 1 }], state: { status: 'starting', binding: 1 } }],
    ['the port bound: the tunnel is launched', [act(start)], act(bound), { effects: [{ type: 'launch', id: 2 }], state: { listener: 1, launching: 2 } }],
    ['the port bound while the cluster is known down: wait for it, launch nothing', [act(start)], act(bound), { effects: [], state: { status: 'waiting-for-cluster', listener: 1 } }, CLOSED],
    ['the tunnel is up: waiting clients get it and health checks begin', [act(start), act(bound)], act(launched), { effects: [{ type: 'releaseWaiters', tunnel: 2 }, { type: 'startHealth', tunnel: 2 }], state: { status: 'running', tunnel: 2, healthy: false } }],
    ['start of a running service changes nothing', RUNNING, act(start), { effects: [], state: { status: 'running', tunnel: 2 } }],
    ['start of a failed service reuses the port it still holds and forgets old attempts', [act(start), act(bound), act(launchFails())], act(start), { effects: ['launch'], state: { status: 'starting', attempts: 0, lastError: null } }, { restart: { enabled: false } }],
    // the local port is held by another process (issue 11, defect 7)
    ['the port is held by another process: wait for it (at least initial_delay), naming the owner, nothing launched', [act(start)], act(bindFails), { effects: [{ type: 'scheduleTimer', delayMs: 1_000 }], state: { status: 'restarting', lastErrorCode: 'FORWARD.PORT_IN_USE', lastError: 'waiting for port 5432 (held by pid 77, postgres)', attempts: 1, listener: null } }],
    ['the port is held by a process that cannot be named', [act(start)], act(bindFailsNoOwner), { effects: ['scheduleTimer'], state: { lastError: 'waiting for port 5432 (held by another process)' } }],
    ['the wait for the port ends: bind again, still restarting (not counted as a restart)', [act(start), act(bindFails)], act(fire), { effects: [{ type: 'bind', id: 3 }], state: { status: 'restarting', restarts: 0, binding: 3 } }],
    ['the port is still held: the wait grows per the backoff', [act(start), act(bindFails), act(fire)], act(bindFails), { effects: [{ type: 'scheduleTimer', delayMs: 1_000 }], state: { attempts: 2 } }],
    ['the port was freed: bound at last, the tunnel is launched', [act(start), act(bindFails), act(fire)], act(bound), { effects: [{ type: 'launch', id: 4 }], state: { listener: 3, status: 'starting' } }],
    ['max_attempts 0 waits for the port forever', [act(start), ...Array.from({ length: 39 }, (_, i) => act(i % 2 === 0 ? bindFails : fire))], act(fire), { effects: ['bind'], state: { status: 'restarting', attempts: 20 } }],
    ['max_attempts reached while the port is held: failed, naming the owner', [act(start), act(bindFails), act(fire)], act(bindFails), { effects: ['releaseWaiters'], state: { status: 'failed', lastError: expect.stringMatching(/pid 77 \(postgres\).*gave up after 1 restart attempt/) } }, { restart: { maxAttempts: 1 } }],
    ['a bind that fails for another reason (address not on this machine) is retried too, saying why', [act(start)], act(bindFailsForeign), { effects: ['scheduleTimer'], state: { status: 'restarting', lastError: expect.stringContaining('does not belong'), lastErrorCode: 'FORWARD.BIND_FAILED' } }],
    ['start while waiting for the port tries it now, with a clean count', [act(start), act(bindFails), act(fire), act(bindFails)], act(start), { effects: ['cancelTimer', 'bind'], state: { status: 'restarting', attempts: 0 } }],
    ['stop while waiting for the port cancels the wait', [act(start), act(bindFails)], act(stop), { effects: ['cancelTimer', 'releaseWaiters'], state: { status: 'stopped', timer: null } }],
    ['the cluster gate opening does not launch a service that has no port yet', [act(start), act(bindFails)], act(gate(true)), { effects: [], state: { status: 'restarting' } }, GATED],
    ['a port bound for a start that was stopped meanwhile is given back', [act(start), act(stop)], act(() => ({ type: 'bound', id: 1 })), { effects: [{ type: 'closeListener', id: 1 }], state: { status: 'stopped', listener: null } }],
    // launch failures and the restart policy
    ['the first failed launch retries at once', [act(start), act(bound)], act(launchFails()), { effects: [{ type: 'scheduleTimer', delayMs: 0 }], state: { status: 'restarting', attempts: 1, lastError: lost.message } }],
    ['the second failure waits the initial delay', [...RUNNING, act(crash), act(fire)], act(launchFails()), { effects: [{ type: 'scheduleTimer', delayMs: 1_000 }], state: { attempts: 2, nextRestartAt: NOW + 1_000 } }],
    ['a permanent error (bad credentials) waits at least initial_delay, even for the first retry', [act(start), act(bound)], act(launchFails(unauthorized)), { effects: [{ type: 'scheduleTimer', delayMs: 5_000 }], state: { status: 'restarting', lastError: expect.stringContaining('Unauthorized') } }, { restart: { initialDelayMs: 5_000 } }],
    ['the backoff timer fires: relaunch and count the restart', BACKOFF, act(fire), { effects: ['launch'], state: { status: 'starting', restarts: 2, nextRestartAt: null } }],
    ['the jitter sample spreads the delay', [...RUNNING, act(crash), act(fire)], act(launchFails(), { policy: { restart: { jitter: 0.5 }, jitterSample: 0 } }), { effects: [{ type: 'scheduleTimer', delayMs: 500 }] }],
    ['below max_attempts the backoff still relaunches', BACKOFF, act(fire), { effects: ['launch'] }, { restart: { maxAttempts: 2 } }],
    ['max_attempts reached on the next failure: failed with the reason', [...BACKOFF, act(fire)], act(launchFails()), { effects: [{ type: 'releaseWaiters', tunnel: null }], state: { status: 'failed', lastError: `${lost.message} (gave up after 2 restart attempts)` } }, { restart: { maxAttempts: 2 } }],
    ['a disabled restart policy fails at the first exit', RUNNING, act(crash), { effects: ['stopHealth', 'dropConnections', 'releaseWaiters'], state: { status: 'failed', lastError: expect.stringContaining('restart policy is disabled') } }, { restart: { enabled: false } }],
    // the tunnel ends
    ['the tunnel exits: forget it, reset relayed connections, retry at once (no kill: it is gone)', RUNNING, act(crash), { effects: ['stopHealth', 'dropConnections', { type: 'scheduleTimer', delayMs: 0 }], state: { status: 'restarting', tunnel: null, healthy: false } }],
    ['exit of an old tunnel after a restart is ignored', [...RUNNING, act(restart), act(launched)], act(() => ({ type: 'exited', id: 2, failure: lost })), { effects: [], state: { status: 'running', tunnel: 3 } }],
    ['exit of the tunnel after stop is ignored', [...RUNNING, act(stop)], act(() => ({ type: 'exited', id: 2, failure: lost })), { effects: [], state: { status: 'stopped' } }],
    ['a refused dial to the current tunnel kills it and restarts', RUNNING, act(dialRefused), { effects: ['stopHealth', 'dropConnections', { type: 'stopUpstream', id: 2 }, 'scheduleTimer'], state: { lastError: expect.stringContaining('ECONNREFUSED') } }],
    ['a refused dial to an old tunnel is ignored', [...RUNNING, act(crash), act(fire), act(launched)], act(() => ({ type: 'dialFailed', id: 2, message: 'ECONNREFUSED' })), { effects: [], state: { status: 'running' } }],
    // the cluster gate
    ['a gated service that lost its tunnel asks the gate before spending an attempt', RUNNING, act(crash), { effects: ['stopHealth', 'dropConnections', { type: 'checkGate', id: 3 }], state: { status: 'restarting', attempts: 0, gateCheck: 3 } }, GATED],
    ['the gate says the cluster is down: wait, no attempt spent', [...RUNNING, act(crash)], act(gateSays(false)), { effects: [], state: { status: 'waiting-for-cluster', attempts: 0 } }, GATED],
    ['the gate says the cluster is fine: restart per policy', [...RUNNING, act(crash)], act(gateSays(true)), { effects: [{ type: 'scheduleTimer', delayMs: 0 }], state: { status: 'restarting', attempts: 1 } }, GATED],
    ['a gate verdict arriving after stop is ignored', [...RUNNING, act(crash), act(stop)], act(() => ({ type: 'gateVerified', id: 3, open: true })), { effects: [], state: { status: 'stopped' } }, GATED],
    ['the cluster comes back while waiting for it: relaunch at once with a clean count', [...RUNNING, act(crash), act(gateSays(false))], act(gate(true)), { effects: ['launch'], state: { status: 'starting', attempts: 0 } }, GATED],
    ['the cluster comes back while a restart is pending: relaunch now, not after the backoff', [...RUNNING, act(crash), act(gateSays(true)), act(fire), act(launchFails()), act(gateSays(true))], act(gate(true)), { effects: ['cancelTimer', 'launch'], state: { status: 'starting', attempts: 0, nextRestartAt: null } }, GATED],
    ['the gate closes while a restart is pending: hold it, wait for the cluster', [...RUNNING, act(crash), act(gateSays(true))], act(gate(false)), { effects: ['cancelTimer'], state: { status: 'waiting-for-cluster', timer: null } }, GATED],
    ['the gate closes while running: the tunnel decides, nothing happens', RUNNING, act(gate(false)), { effects: [], state: { status: 'running' } }, GATED],
    ['the gate opens while running: nothing happens', RUNNING, act(gate(true)), { effects: [], state: { status: 'running' } }, GATED],
    ['gate news for a service no gate governs is ignored', [...RUNNING, act(crash)], act(gate(true)), { effects: [], state: { status: 'restarting' } }],
    ['the backoff ends while the gate is known closed: wait for the cluster instead of launching', [...RUNNING, act(crash), act(gateSays(true))], act(fire, { policy: CLOSED }), { effects: [], state: { status: 'waiting-for-cluster' } }, GATED],
    ['a kubectl launch fails while the cluster is down: the gate is asked, no attempt spent', [act(start), act(bound)], act(launchFails()), { effects: ['checkGate'], state: { status: 'restarting', attempts: 0 } }, GATED],
    // health checks
    ['the first passing check (success_threshold 1) makes it healthy', [act(start), act(bound), act(launched)], act(pass), { effects: [], state: { healthy: true, healthySince: NOW } }],
    ['success_threshold 2: one pass is not enough', [act(start), act(bound), act(launched)], act(pass), { effects: [], state: { healthy: false, passes: 1 } }, { health: { failureThreshold: 3, successThreshold: 2 } }],
    ['a failed check below failure_threshold changes nothing visible', RUNNING, act(failCheck), { effects: [], state: { status: 'running', healthy: true, failures: 1 } }],
    ['failure_threshold failed checks in a row: unhealthy, the tunnel is killed and replaced', [...RUNNING, act(failCheck), act(failCheck)], act(failCheck), { effects: ['stopHealth', 'dropConnections', { type: 'stopUpstream', id: 2 }, 'scheduleTimer'], state: { status: 'restarting', lastError: 'health check failed: connection refused' } }],
    ['a passing check in between resets the failure count', [...RUNNING, act(failCheck), act(failCheck), act(pass)], act(failCheck), { effects: [], state: { status: 'running', failures: 1 } }],
    ['health fails while the cluster is down: the gate is asked before any attempt', [...RUNNING, act(failCheck), act(failCheck)], act(failCheck), { effects: ['stopHealth', 'dropConnections', 'stopUpstream', 'checkGate'], state: { status: 'restarting', attempts: 0 } }, GATED],
    ['a check result for an old tunnel is ignored', [...RUNNING, act(crash), act(fire), act(launched)], act(() => ({ type: 'healthFailed', id: 2, message: 'x' })), { effects: [], state: { failures: 0 } }],
    ['healthy for reset_after: the next failure retries at once as attempt 1', [...RUNNING, act(crash), act(fire), act(launchFails()), act(fire), act(launched), act(pass, { at: 2_000 })], at(62_000, crash), { effects: ['stopHealth', 'dropConnections', { type: 'scheduleTimer', delayMs: 0 }], state: { attempts: 1 } }],
    ['healthy for less than reset_after: the count goes on', [...RUNNING, act(crash), act(fire), act(launchFails()), act(fire), act(launched), act(pass, { at: 2_000 })], at(30_000, crash), { effects: ['stopHealth', 'dropConnections', { type: 'scheduleTimer', delayMs: 2_000 }], state: { attempts: 3 } }],
    ['re-armed health settings start checks over without touching the tunnel', RUNNING, act(rearm), { effects: [{ type: 'startHealth', tunnel: 2 }], state: { status: 'running', healthy: false, tunnel: 2 } }],
    ['re-arm while restarting waits for the next tunnel', [...RUNNING, act(crash)], act(rearm), { effects: [], state: { status: 'restarting' } }],
    ['check now (after a wake) runs a check of a live tunnel', RUNNING, act(checkNow), { effects: ['checkHealthNow'] }],
    ['check now without a tunnel does nothing', [], act(checkNow), { effects: [] }],
    // stop
    ['kill during backoff: the timer is cancelled, clients refused, the port released', BACKOFF, act(stop), { effects: ['cancelTimer', { type: 'releaseWaiters', tunnel: null }, { type: 'closeListener', id: 1 }], state: { status: 'stopped', timer: null, nextRestartAt: null, listener: null } }],
    ['stop during launch aborts it and releases the port', [act(start), act(bound)], act(stop), { effects: [{ type: 'abortLaunch', id: 2 }, 'releaseWaiters', 'closeListener'], state: { status: 'stopped', launching: null } }],
    ['a launch completing after stop is ended at once', [act(start), act(bound), act(stop)], act(() => ({ type: 'launched', id: 2 })), { effects: [{ type: 'stopUpstream', id: 2 }], state: { status: 'stopped', tunnel: null } }],
    ['a launch failing after stop is ignored', [act(start), act(bound), act(stop)], act(() => ({ type: 'launchFailed', id: 2, failure: lost })), { effects: [], state: { status: 'stopped', attempts: 0 } }],
    ['stop while running ends the tunnel and releases the port', RUNNING, act(stop), { effects: ['stopHealth', { type: 'stopUpstream', id: 2 }, 'releaseWaiters', 'closeListener'], state: { status: 'stopped', healthy: false } }],
    ['disabled by a reload while running', RUNNING, act(disable), { effects: ['stopHealth', 'stopUpstream', 'releaseWaiters', 'closeListener'], state: { status: 'disabled' } }],
    ['stop while waiting for the gate: its later verdict is ignored', [...RUNNING, act(crash)], act(stop), { effects: ['releaseWaiters', 'closeListener'], state: { status: 'stopped', gateCheck: null } }, GATED],
    ['a timer firing after stop is ignored', [...BACKOFF, act(stop)], act(() => ({ type: 'timerFired', id: 5 })), { effects: [], state: { status: 'stopped', restarts: 1 } }],
    ['stop of a failed service releases the port it still held', [act(start), act(bound), act(launchFails())], act(stop), { effects: ['releaseWaiters', 'closeListener'], state: { status: 'stopped' } }, { restart: { enabled: false } }],
    // restart
    ['restart while running replaces the tunnel, keeps the port, forgets attempts', [...BACKOFF, act(fire), act(launched)], act(restart), { effects: ['stopHealth', { type: 'stopUpstream', id: 6 }, { type: 'launch', id: 7 }], state: { status: 'starting', attempts: 0, listener: 1 } }],
    ['restart during backoff relaunches now', BACKOFF, act(restart), { effects: ['cancelTimer', 'launch'], state: { status: 'starting', timer: null, attempts: 0 } }],
    ['restart during a launch aborts it and launches again', [act(start), act(bound)], act(restart), { effects: [{ type: 'abortLaunch', id: 2 }, { type: 'launch', id: 3 }], state: { launching: 3 } }],
    ['the aborted launch of a restart succeeding late is ended', [act(start), act(bound), act(restart)], act(() => ({ type: 'launched', id: 2 })), { effects: [{ type: 'stopUpstream', id: 2 }], state: { launching: 3, tunnel: null } }],
    ['restart of a stopped service starts it', [], act(restart), { effects: ['bind'], state: { status: 'starting' } }],
    ['restart while the cluster is still down keeps waiting', [...RUNNING, act(crash), act(gateSays(false))], act(restart, { policy: CLOSED }), { effects: [], state: { status: 'waiting-for-cluster' } }, GATED],
    ['restart while the port is still being bound lets the bind launch', [act(start)], act(restart), { effects: [], state: { status: 'starting', binding: 1 } }],
  ];

  it.each(table)('%s', (_name, given, when, expected, base = {}) => {
    const before = replay(given, base).state;
    const { state, effects } = replay([...given, when], base);
    expect(effects).toEqual(expected.effects.map((e) => (typeof e === 'string' ? expect.objectContaining({ type: e }) : expect.objectContaining(e))));
    expect(state).toMatchObject(expected.state ?? {});
    if (expected.effects.length === 0 && !expected.state) expect(state).toEqual(before);
  });

  it('lists every state a step passes through', () => {
    const given = replay([...RUNNING, act(failCheck), act(failCheck)]).state;
    expect(step(given, { type: 'healthFailed', id: 2, message: 'refused' }, aPolicy(), NOW).path).toEqual(['unhealthy', 'restarting']);
  });

  it('ignores every stale completion without changing anything', () => {
    const running = replay([...RUNNING, act(crash), act(fire), act(launched)]).state;
    for (const event of [
      { type: 'bindFailed', id: 1, failure: lost, port: 1, inUse: true }, { type: 'launchFailed', id: 2, failure: lost }, { type: 'exited', id: 2, failure: lost },
      { type: 'healthPassed', id: 2 }, { type: 'gateVerified', id: 3, open: false }, { type: 'timerFired', id: 3 },
    ] as const) {
      expect(step(running, event, aPolicy(), NOW)).toEqual({ state: running, effects: [], path: [] });
    }
  });
});
