import { FakeKubeState } from './fake-kube-state';
import { KubeObject } from './kube-objects';
import { KubeResource } from './kube-resources';

/** One change to a served object, as a watch sends it. `previous` is the object before a MODIFIED or DELETED. */
export interface KubeChange {
  readonly resource: KubeResource;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: KubeObject;
  readonly previous?: KubeObject;
  readonly resourceVersion: number;
}

interface Known {
  readonly json: string;
  readonly object: KubeObject;
}

/** How many changes are kept for watches that resume from a resourceVersion; older ones get 410 Gone. */
const HISTORY_LIMIT = 10_000;

const keyOf = (r: KubeResource): string => `${r.group}/${r.plural}`;
const objectKey = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const stamped = (o: KubeObject, rv: number): KubeObject => ({ ...o, metadata: { ...o.metadata, resourceVersion: String(rv) } });

/**
 * Gives the fake's computed objects real resourceVersions and turns state mutations into watch events. The state is
 * plain data that tests mutate at will, so changes are found by diffing each resource's objects against the last
 * snapshot: on every request, and every {@link KubeWatchHub.tick} while watches are open.
 */
export class KubeWatchHub {
  private version = 1;
  private readonly snapshots = new Map<string, Map<string, Known>>();
  private readonly history: KubeChange[] = [];
  private readonly listeners = new Set<(change: KubeChange) => void>();
  private readonly watched = new Map<string, { resource: KubeResource; count: number }>();

  /** The current resourceVersion (of the newest change seen). */
  get resourceVersion(): number {
    return this.version;
  }

  /** The oldest resourceVersion a watch may resume from. */
  get oldestResumable(): number {
    return this.history.length === 0 ? this.version : this.history[0].resourceVersion - 1;
  }

  /** Diffs one resource against the state and records (and announces) what changed; returns its objects, stamped. */
  sync(resource: KubeResource, state: FakeKubeState): KubeObject[] {
    const key = keyOf(resource);
    const first = !this.snapshots.has(key);
    const before = this.snapshots.get(key) ?? new Map<string, Known>();
    const after = new Map<string, Known>();
    for (const object of resource.list(state)) {
      const k = objectKey(object);
      const json = JSON.stringify(object);
      const old = before.get(k);
      if (old && old.json === json) {
        after.set(k, old);
        continue;
      }
      const rv = first ? this.version : ++this.version;
      const known = { json, object: stamped(object, rv) };
      after.set(k, known);
      if (!first) this.record({ resource, type: old ? 'MODIFIED' : 'ADDED', object: known.object, previous: old?.object, resourceVersion: rv });
    }
    for (const [k, old] of before) {
      if (after.has(k)) continue;
      const rv = ++this.version;
      this.record({ resource, type: 'DELETED', object: stamped(old.object, rv), previous: old.object, resourceVersion: rv });
    }
    this.snapshots.set(key, after);
    return [...after.values()].map((k) => k.object);
  }

  /** Changes newer than `resourceVersion`, for a watch that resumes. */
  changesSince(resource: KubeResource, resourceVersion: number): KubeChange[] {
    return this.history.filter((c) => c.resource === resource && c.resourceVersion > resourceVersion);
  }

  /** Subscribes a watch on `resource`; the returned function unsubscribes. */
  subscribe(resource: KubeResource, listener: (change: KubeChange) => void): () => void {
    const key = keyOf(resource);
    const entry = this.watched.get(key) ?? { resource, count: 0 };
    entry.count++;
    this.watched.set(key, entry);
    const filtered = (c: KubeChange): void => {
      if (c.resource === resource) listener(c);
    };
    this.listeners.add(filtered);
    return () => {
      this.listeners.delete(filtered);
      if (--entry.count === 0) this.watched.delete(key);
    };
  }

  /** Re-diffs every watched resource (the server calls this on a short interval). */
  tick(state: FakeKubeState): void {
    for (const { resource } of [...this.watched.values()]) this.sync(resource, state);
  }

  private record(change: KubeChange): void {
    this.history.push(change);
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT);
    for (const listener of [...this.listeners]) listener(change);
  }
}
