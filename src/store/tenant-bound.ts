import type { Partition } from './partition.js';
import type { Store } from './store.js';

/** No tenant can be evicted to make room for a new one: every one was written since its seeding. */
export class TenantLimitReached extends Error {
  constructor(readonly maxTenants: number) {
    super(`the sandbox holds its maximum of ${maxTenants} tenants, each written since its seeding`);
  }
}

/**
 * Holds the store to `max` tenant partitions. Room for a new one is made by evicting the least
 * recently used pristine tenant — nothing written since its seeding, so seeding gives it back
 * identically on its next use and nothing acknowledged is lost. Partitions that `isTenant` refuses
 * (the control API's own, those of vendors not served) are neither counted nor evicted.
 */
export class TenantBound {
  /** Tenants that were pristine when last seen, least recently used first (a Map keeps insertion order). */
  readonly #byUse = new Map<string, Partition>();
  /** Tenants written since seeding: never evicted, so the order of their use no longer matters. */
  readonly #written = new Set<string>();
  /** The tenant used last, already where a use would move it: a test sends its requests in runs of one key. */
  #lastUsed: string | undefined;

  constructor(
    private readonly store: Store,
    readonly max: number,
    isTenant: (partitionId: string) => boolean,
  ) {
    for (const id of store.partitionIds()) if (isTenant(id)) this.#admit(store.partition(id)!);
    store.watch({
      admitted: (partition) => {
        if (isTenant(partition.id)) this.#admit(partition);
      },
      dropped: (id) => {
        if (id === this.#lastUsed) this.#lastUsed = undefined;
        this.#byUse.delete(id);
        this.#written.delete(id);
      },
    });
  }

  get size(): number {
    return this.#byUse.size + this.#written.size;
  }

  /** Notes a request's use of the tenant's partition: it becomes the most recently used. */
  use(partition: Partition): void {
    if (partition.id === this.#lastUsed) return;
    this.#lastUsed = partition.id;
    if (this.#written.has(partition.id) || !this.#byUse.delete(partition.id)) return;
    this.#byUse.set(partition.id, partition);
  }

  /** Evicts pristine tenants, least recently used first, until one more fits; throws when none is pristine. */
  makeRoom(): void {
    while (this.size >= this.max) {
      const victim = this.#leastRecentlyUsedPristine();
      if (!victim) throw new TenantLimitReached(this.max);
      this.store.evictPartition(victim.id);
    }
  }

  #admit(partition: Partition): void {
    this.#lastUsed = undefined;
    this.#written.delete(partition.id);
    if (partition.pristine) {
      this.#byUse.delete(partition.id);
      this.#byUse.set(partition.id, partition);
    } else {
      this.#written.add(partition.id);
    }
  }

  #leastRecentlyUsedPristine(): Partition | undefined {
    for (const [id, partition] of this.#byUse) {
      if (partition.pristine) return partition;
      // Written once, written for good (a reset makes a new partition): each moves here at most once.
      this.#byUse.delete(id);
      this.#written.add(id);
    }
    return undefined;
  }
}
