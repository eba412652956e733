import { secretHash } from '../store/secret-hash.js';
import type { RateLimitPolicy } from '../vendors/contract.js';
import type { RateLimiter } from '../simulation/rate-limiter.js';
import { FaultRegistry } from '../simulation/faults.js';
import { RequestJournal, redactBody } from '../simulation/journal.js';
import type { Clock } from '../simulation/clock.js';
import { TASKS_COLLECTION, type Scheduler } from '../simulation/scheduler.js';
import { partitionIdOf, partitionIdOfHash, tenantHashOf, vendorOfPartition } from '../store/partition-id.js';
import type { Store } from '../store/store.js';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

/** What the control plane reads and changes of the running sandbox. */
export interface SandboxState {
  store: Pick<Store, 'partitionIds' | 'partition' | 'dropPartition'>;
  scheduler: Pick<Scheduler, 'prune' | 'runAll' | 'runDue'>;
  clock: Pick<Clock, 'now' | 'advance' | 'offsetMs'>;
  webhooks: Pick<WebhookDispatcher, 'deliveries' | 'redeliver'>;
}

/**
 * A credential's fingerprint: what the journal, faults and overrides keep instead of the key. A
 * credential of several values (SEND's client id and secret) is fingerprinted whole, its values
 * joined by ':', so that one value alone matches nothing.
 */
export const fingerprint = secretHash;

/**
 * The tenant ids a whole credential may stand for: the key itself, or for two values sent as
 * `id:secret` those values joined by '\0' as a two-part tenant id joins them. Either value may hold
 * a ':', so each one is a candidate split.
 */
function tenantIdsOf(key: string): string[] {
  const ids = [key];
  for (let colon = key.indexOf(':'); colon !== -1; colon = key.indexOf(':', colon + 1)) {
    ids.push(`${key.slice(0, colon)}\0${key.slice(colon + 1)}`);
  }
  return ids;
}

/**
 * The sandbox's own state for tests: the request journal, faults, per-key rate-limit overrides,
 * extra latency, and which partitions each credential has used (so a reset by key finds them,
 * whatever the vendor makes of the key).
 */
export class ControlPlane {
  readonly journal: RequestJournal;
  readonly faults = new FaultRegistry(fingerprint);
  readonly #rateLimitOverrides = new Map<string, RateLimitPolicy>();
  readonly #partitionsByCredential = new Map<string, Set<string>>();
  #lastNoted: { credentialHashes: readonly string[]; partition: string } = { credentialHashes: [], partition: '' };
  latency: { minMs: number; maxMs: number } | undefined;

  constructor(
    readonly runtime: SandboxState,
    readonly vendorNames: string[],
    private readonly rateLimiter: RateLimiter,
    secretHeaders: Set<string>,
  ) {
    this.journal = new RequestJournal(secretHeaders);
  }

  notePartitionUse(credentialHashes: readonly string[], partition: string): void {
    // A suite sends request after request with one key to one partition: noted once is enough.
    if (credentialHashes === this.#lastNoted.credentialHashes && partition === this.#lastNoted.partition) return;
    this.#lastNoted = { credentialHashes, partition };
    for (const hash of credentialHashes) {
      let partitions = this.#partitionsByCredential.get(hash);
      if (!partitions) this.#partitionsByCredential.set(hash, (partitions = new Set()));
      partitions.add(partition);
    }
  }

  rateLimitOverride(credentialHashes: readonly string[]): RateLimitPolicy | undefined {
    if (this.#rateLimitOverrides.size === 0) return undefined;
    for (const hash of credentialHashes) {
      const policy = this.#rateLimitOverrides.get(hash);
      if (policy) return policy;
    }
    return undefined;
  }

  setRateLimit(key: string, policy: RateLimitPolicy): void {
    const hash = fingerprint(key);
    this.#rateLimitOverrides.set(hash, policy);
    this.#forgetWindowsOf(hash);
  }

  rateLimitOverrides(): ({ keyHash: string } & RateLimitPolicy)[] {
    return [...this.#rateLimitOverrides].map(([keyHash, policy]) => ({ keyHash, ...policy }));
  }

  /** Drops one key's override by its fingerprint; false when it has none. */
  removeRateLimit(keyHash: string): boolean {
    if (!this.#rateLimitOverrides.delete(keyHash)) return false;
    this.#forgetWindowsOf(keyHash);
    return true;
  }

  /** A window counted under one policy must not carry over to another. */
  #forgetWindowsOf(keyHash: string): void {
    for (const partition of this.#partitionsByCredential.get(keyHash) ?? []) this.rateLimiter.forget(partition);
  }

  clearRateLimits(): void {
    this.#rateLimitOverrides.clear();
    this.rateLimiter.forget();
  }

  /**
   * The partitions of one whole credential (every tenant it was used for), of one vendor, or all
   * vendors' — never the control API's own. A key is the credential as the dispatcher fingerprints
   * it: an API key, a bearer token, `id:secret`.
   */
  partitionsOf(scope: { key?: string; vendor?: string } = {}): string[] {
    const store = this.runtime.store;
    const inVendor = (id: string) => {
      const vendor = vendorOfPartition(id);
      return scope.vendor === undefined ? this.vendorNames.includes(vendor) : vendor === scope.vendor;
    };
    if (scope.key === undefined) return store.partitionIds().filter(inVendor);
    const used = this.#partitionsByCredential.get(fingerprint(scope.key)) ?? new Set<string>();
    // Partitions written before a restart are found by the key as tenant, the common case.
    const direct = tenantIdsOf(scope.key).flatMap((tenantId) => this.vendorNames.map((vendor) => partitionIdOf(vendor, tenantId)));
    return [...new Set([...used, ...direct])].filter((id) => inVendor(id) && store.partition(id) !== undefined);
  }

  /** A copy of the vendor data of those partitions, by partition and collection, for tests to inspect. */
  inspect(scope: { key?: string; vendor?: string } = {}): Record<string, Record<string, Record<string, unknown>>> {
    const copy: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const id of this.partitionsOf(scope)) copy[id] = structuredClone(this.#vendorCollections(id));
    return copy;
  }

  /** The vendors' tenants holding data, named by their hash, with how many records each collection holds. */
  tenants(vendor?: string): { vendor: string; tenant: string; collections: Record<string, number> }[] {
    return this.partitionsOf({ vendor }).map((id) => ({
      vendor: vendorOfPartition(id),
      tenant: tenantHashOf(id),
      collections: Object.fromEntries(Object.entries(this.#vendorCollections(id)).map(([name, records]) => [name, Object.keys(records).length])),
    }));
  }

  /** One tenant's records by collection, secret-named fields redacted as in the journal; undefined for no such tenant. */
  tenantRecords(vendor: string, tenantHash: string): Record<string, unknown> | undefined {
    const id = partitionIdOfHash(vendor, tenantHash);
    if (!this.vendorNames.includes(vendor) || this.runtime.store.partition(id) === undefined) return undefined;
    return redactBody(this.#vendorCollections(id)) as Record<string, unknown>;
  }

  /** The scheduler keeps a tenant's pending work beside its data; it is the engine's, not the vendor's. */
  #vendorCollections(id: string): Record<string, Record<string, unknown>> {
    const { [TASKS_COLLECTION]: _tasks, ...collections } = this.runtime.store.partition(id)!.allCollections();
    return collections;
  }

  /** Drops data so that it is seeded afresh on next use. Returns how many partitions were dropped. */
  reset(scope: { key?: string; vendor?: string } = {}): number {
    const targets = this.partitionsOf(scope);
    for (const id of targets) {
      this.runtime.store.dropPartition(id);
      this.rateLimiter.forget(id);
    }
    this.runtime.scheduler.prune();
    return targets.length;
  }
}
