import { LifecycleEffect } from './lifecycle-effect';
import { LifecycleState } from './lifecycle-state';
import { step } from './step';
import { act, aPolicy, bound, exits, fire, gate, gateSays, launchFails, lost, rearm, refused, replay, restart, RUNNING, sshAuth, start, stop } from './testing/lifecycle-table';

type Policy = Parameters<typeof aPolicy>[0];
type Expect = { readonly effects: ReadonlyArray<LifecycleEffect['type'] | Partial<LifecycleEffect>>; readonly state?: Partial<LifecycleState> };

// An ssh service: its host gates it. In RUNNING the port is bind 1 and the first tunnel is launch 2.
const HOST: Policy = { gated: true, waitingState: 'waiting-for-host' };
const HOST_DOWN: Policy = { ...HOST, gateOpen: false };
const WAITING = [...RUNNING, act(exits(refused)), act(gateSays(false))];
// The host answered after the first loss; the relaunch failed again: a 1 s backoff timer is pending.
const BACKOFF = [...RUNNING, act(exits(lost)), act(gateSays(true)), act(fire), act(launchFails()), act(gateSays(true))];

describe(`${step.name} with a host gate (ssh)`, () => {
  const table: ReadonlyArray<[string, readonly ReturnType<typeof act>[], ReturnType<typeof act>, Expect, Policy?]> = [
    ['ssh exits with a connection error: the gate gets the evidence, no attempt spent', RUNNING, act(exits(refused)), { effects: ['stopHealth', 'dropConnections', { type: 'checkGate', id: 3, unreachable: true }], state: { status: 'restarting', attempts: 0, gateCheck: 3 } }],
    ['a launch refused by the host asks the gate with the evidence too', [act(start), act(bound)], act(launchFails(refused)), { effects: [{ type: 'checkGate', unreachable: true }], state: { status: 'restarting', attempts: 0 } }],
    ['another loss (no evidence) asks the gate to probe', RUNNING, act(exits(lost)), { effects: ['stopHealth', 'dropConnections', { type: 'checkGate', id: 3, unreachable: false }], state: { attempts: 0 } }],
    ['the gate says the host is down: waiting-for-host, no attempt spent, no timer', [...RUNNING, act(exits(refused))], act(gateSays(false)), { effects: [], state: { status: 'waiting-for-host', attempts: 0, timer: null, lastErrorCode: 'TUNNEL.UNREACHABLE' } }],
    ['the host answered meanwhile: restart per policy', [...RUNNING, act(exits(refused))], act(gateSays(true)), { effects: [{ type: 'scheduleTimer', delayMs: 0 }], state: { status: 'restarting', attempts: 1 } }],
    ['the host returns while waiting: relaunch at once, clean count', WAITING, act(gate(true)), { effects: ['launch'], state: { status: 'starting', attempts: 0, nextRestartAt: null } }],
    ['the host goes down during backoff: the timer is dropped, wait for the host', BACKOFF, act(gate(false)), { effects: ['cancelTimer'], state: { status: 'waiting-for-host', timer: null, nextRestartAt: null } }],
    ['the host returns during backoff: relaunch now, no leftover backoff', BACKOFF, act(gate(true)), { effects: ['cancelTimer', 'launch'], state: { status: 'starting', attempts: 0, nextRestartAt: null } }],
    ['the backoff ends while the host is known down: wait instead of launching', BACKOFF, act(fire, { policy: HOST_DOWN }), { effects: [], state: { status: 'waiting-for-host' } }],
    ['stop while waiting for the host releases the port; nothing is left pending', WAITING, act(stop), { effects: [{ type: 'releaseWaiters', tunnel: null }, { type: 'closeListener', id: 1 }], state: { status: 'stopped', listener: null, gateCheck: null, timer: null } }],
    ['the host opening after a stop changes nothing', [...WAITING, act(stop)], act(gate(true)), { effects: [], state: { status: 'stopped' } }],
    ['a reload that re-arms health while waiting keeps waiting', WAITING, act(rearm), { effects: [], state: { status: 'waiting-for-host' } }],
    ['a reload that rebuilds the service while the host is down: the new one binds, then waits', [act(start)], act(bound, { policy: HOST_DOWN }), { effects: [], state: { status: 'waiting-for-host', listener: 1, launching: null } }],
    ['restart while the host is still down keeps waiting', WAITING, act(restart, { policy: HOST_DOWN }), { effects: [], state: { status: 'waiting-for-host', attempts: 0 } }],
    ['an auth failure is not the host being down: normal backoff, at least initial_delay', RUNNING, act(exits(sshAuth)), { effects: ['stopHealth', 'dropConnections', { type: 'scheduleTimer', delayMs: 1_000 }], state: { status: 'restarting', attempts: 1, lastErrorCode: 'TUNNEL.AUTH' } }],
    ['an auth failure at launch does not wait either, even with the host known down', [act(start), act(bound)], act(launchFails(sshAuth), { policy: HOST_DOWN }), { effects: ['scheduleTimer'], state: { status: 'restarting', attempts: 1 } }],
  ];

  it.each(table)('%s', (_name, given, when, expected, extra = {}) => {
    const base = { ...HOST, ...extra };
    const before = replay(given, base).state;
    const { state, effects } = replay([...given, when], base);
    expect(effects).toEqual(expected.effects.map((e) => (typeof e === 'string' ? expect.objectContaining({ type: e }) : expect.objectContaining(e))));
    expect(state).toMatchObject(expected.state ?? {});
    if (expected.effects.length === 0 && !expected.state) expect(state).toEqual(before);
  });
});
