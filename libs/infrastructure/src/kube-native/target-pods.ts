import { Clock } from '@localport/application';
import { KubeApiFailure } from './kube-api-failure';
import { KubeItem } from './kube-items';
import { ListWatch } from './list-watch';
import { KubeApiClient } from './kube-api-client';
import { PodTarget, TargetPlan } from './target-plan';

/** How new connections spread over the Ready pods: stay on one while it is Ready, or take turns. */
export type Balance = 'sticky' | 'round-robin';

const keyOf = (i: KubeItem): string => `${i.metadata.namespace ?? ''}/${i.metadata.name}`;

/**
 * The Ready pods of one target, kept current by a {@link ListWatch}. `pick` hands out the pod for a new connection
 * (waiting for one if none is Ready); listeners hear which pods stopped being Ready.
 */
export class TargetPods {
  private readonly items = new Map<string, KubeItem>();
  private ready: PodTarget[] = [];
  private current: PodTarget | null = null;
  private turn = 0;
  private readonly waiters = new Set<() => void>();
  /** Pods the API server answered 404 for before the watch reported them gone; cleared by the next full list. */
  private readonly forgotten = new Set<string>();
  private readonly watch: ListWatch;

  constructor(
    client: KubeApiClient,
    private readonly plan: TargetPlan,
    private readonly balance: Balance,
    private readonly clock: Clock,
    private readonly onGone: (pods: PodTarget[]) => void,
    onFailure: (failure: KubeApiFailure) => void,
  ) {
    this.watch = new ListWatch(
      client,
      plan.listPath,
      {
        replace: (items) => {
          this.items.clear();
          this.forgotten.clear();
          for (const i of items) this.items.set(keyOf(i), i);
          this.recompute();
        },
        apply: (type, item) => {
          if (type === 'DELETED') this.items.delete(keyOf(item));
          else this.items.set(keyOf(item), item);
          this.recompute();
        },
        failed: onFailure,
      },
      clock,
    );
  }

  /** Lists the target once and starts following it; the first failure, if any. */
  start(): Promise<KubeApiFailure | null> {
    return this.watch.start();
  }

  /**
   * Drops a pod the API server says does not exist (a port-forward got 404) although no watch event said so yet,
   * then lists again: the list confirms it, or brings it back if the 404 meant something else.
   */
  forget(pod: PodTarget): void {
    this.forgotten.add(pod.uid);
    this.recompute();
    this.resync();
  }

  /** Lists again now; used when the API connection was found dead. */
  resync(): void {
    this.watch.restart();
  }

  stop(): void {
    this.watch.stop();
    for (const wake of [...this.waiters]) wake();
  }

  /** The pod the next {@link pick} returns (for status, and to open a spare to), or null when none is Ready. */
  get target(): PodTarget | null {
    return this.balance === 'sticky' ? this.current : (this.ready[this.turn % Math.max(1, this.ready.length)] ?? null);
  }

  /** Every Ready pod. */
  get readyPods(): readonly PodTarget[] {
    return this.ready;
  }

  /** A Ready pod for a new connection; waits up to `timeoutMs` for one; null if none came. */
  async pick(timeoutMs: number): Promise<PodTarget | null> {
    if (this.ready.length === 0) {
      const woke = await new Promise<boolean>((resolve) => {
        const wake = (): void => {
          timer.cancel();
          this.waiters.delete(wake);
          resolve(true);
        };
        const timer = this.clock.setTimer(Math.max(0, timeoutMs), () => {
          this.waiters.delete(wake);
          resolve(false);
        });
        this.waiters.add(wake);
      });
      if (!woke || this.ready.length === 0) return null;
    }
    if (this.balance === 'sticky') return this.current;
    return this.ready[this.turn++ % this.ready.length];
  }

  private recompute(): void {
    const before = this.ready;
    this.ready = this.plan.readyPods([...this.items.values()]).filter((p) => !this.forgotten.has(p.uid));
    const alive = new Set(this.ready.map((p) => `${p.uid}:${p.port}`));
    if (!this.current || !alive.has(`${this.current.uid}:${this.current.port}`)) this.current = this.ready[0] ?? null;
    const gone = before.filter((p) => !alive.has(`${p.uid}:${p.port}`));
    if (gone.length > 0) this.onGone(gone);
    if (this.ready.length > 0) for (const wake of [...this.waiters]) wake();
  }
}
