import { Clock, Timer } from '@localport/application';
import { KubeApiClient, WatchStream } from './kube-api-client';
import { KubeApiFailure } from './kube-api-failure';
import { KubeItem, KubeItemList } from './kube-items';

/** What a {@link ListWatch} reports. */
export interface ListWatchHandlers {
  /** The full set after a (re)list. */
  replace(items: KubeItem[]): void;
  /** One change from the watch. */
  apply(type: 'ADDED' | 'MODIFIED' | 'DELETED', item: KubeItem): void;
  /** A list or watch failed; it retries unless the failure is `auth` (then it stops). */
  failed(failure: KubeApiFailure): void;
}

const FIRST_RETRY_MS = 200;
const MAX_RETRY_MS = 5_000;
const LIST_TIMEOUT_MS = 10_000;

/**
 * Keeps a local copy of one list (pods by selector, a service's EndpointSlices) current: list, then watch from
 * the list's resourceVersion; on a 410, a closed watch or an error, list again (after a capped backoff on errors).
 */
export class ListWatch {
  private watch: WatchStream | null = null;
  private timer: Timer | null = null;
  private stopped = false;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly client: KubeApiClient,
    /** The list path with its query, e.g. `/api/v1/namespaces/default/pods?labelSelector=app%3Dweb`. */
    private readonly path: string,
    private readonly handlers: ListWatchHandlers,
    private readonly clock: Clock,
  ) {}

  /** Lists once and starts watching; resolves with the first list's failure, if any (nothing keeps running then). */
  async start(): Promise<KubeApiFailure | null> {
    const first = await this.client.getJson<KubeItemList>(this.path, LIST_TIMEOUT_MS);
    if (!first.ok) {
      this.stopped = true;
      return first.error;
    }
    this.listed(first.value);
    return null;
  }

  /** Drops the watch and lists again now (e.g. after the API connection was found dead). */
  restart(): void {
    if (this.stopped) return;
    this.watch?.stop();
    this.watch = null;
    this.timer?.cancel();
    this.relist();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.watch?.stop();
  }

  private listed(list: KubeItemList): void {
    if (this.stopped) return;
    this.retryMs = FIRST_RETRY_MS;
    this.handlers.replace(list.items ?? []);
    const sep = this.path.includes('?') ? '&' : '?';
    const rv = encodeURIComponent(list.metadata?.resourceVersion ?? '');
    this.watch = this.client.watch(
      `${this.path}${sep}watch=true&allowWatchBookmarks=true&resourceVersion=${rv}`,
      (event) => this.onEvent(event),
      (failure) => this.onWatchEnd(failure),
    );
  }

  private onEvent(event: { type: string; object: unknown }): void {
    if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
      this.handlers.apply(event.type, event.object as KubeItem);
    } else if (event.type === 'ERROR') {
      // 410 Expired (our resourceVersion is too old) or any other error: start over from a fresh list.
      this.restart();
    }
  }

  private onWatchEnd(failure: KubeApiFailure | null): void {
    this.watch = null;
    if (this.stopped) return;
    if (failure === null) return this.relist();
    this.retryLater(failure);
  }

  private retryLater(failure: KubeApiFailure): void {
    this.handlers.failed(failure);
    if (failure.kind === 'auth') return this.stop();
    this.timer = this.clock.setTimer(this.retryMs, () => this.relist());
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }

  private relist(): void {
    if (this.stopped) return;
    void this.client.getJson<KubeItemList>(this.path, LIST_TIMEOUT_MS).then((r) => {
      if (this.stopped) return;
      if (r.ok) this.listed(r.value);
      else this.retryLater(r.error);
    });
  }
}
