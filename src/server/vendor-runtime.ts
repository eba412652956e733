import { partitionIdOf, vendorOfPartition } from '../store/partition-id.js';
import type { ResolvedOptions } from '../config/options.js';
import type { Logger } from '../logging/logger.js';
import { DeterministicRandom, sha256 } from '../seeding/deterministic-random.js';
import { seedPartition } from './seed-partition.js';
import type { Clock } from '../simulation/clock.js';
import { Scheduler } from '../simulation/scheduler.js';
import type { Partition } from '../store/partition.js';
import type { Store } from '../store/store.js';
import { TenantBound, TenantLimitReached } from '../store/tenant-bound.js';
import { VendorError, type VendorModule, type VendorResponse, type VendorServices } from '../vendors/contract.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

/**
 * The Retry-After of a refusal for want of room: documents require one on every 429, and room comes
 * only when tests reset tenants, so clients that honour it wait a while rather than spin.
 */
const TENANT_LIMIT_RETRY_AFTER_SECONDS = 5;

/** What vendors share at run time: their partitions, the clock, the scheduler and the webhooks. */
export class VendorRuntime {
  readonly scheduler: Scheduler;
  readonly webhooks: WebhookDispatcher;
  readonly #vendors: Map<string, VendorModule>;
  /** Requests served per partition while it is held, for request ids; kept in memory only. */
  readonly #requestCounts = new Map<string, number>();
  /**
   * The tenants of the vendors served. The control API's own partition is none (it is one, and the
   * engine's); B2Core's shared back office is one like any other, written from its first sign-in.
   */
  readonly #tenants: TenantBound;

  constructor(
    vendors: VendorModule[],
    readonly store: Store,
    readonly clock: Clock,
    private readonly options: ResolvedOptions,
    private readonly logger: Logger,
  ) {
    this.#vendors = new Map(vendors.map((vendor) => [vendor.name, vendor]));
    store.reportFailuresTo(logger);
    store.watch({ dropped: (id) => this.#requestCounts.delete(id) });
    const tenantVendors = new Set(vendors.filter((vendor) => !vendor.internal).map((vendor) => vendor.name));
    this.#tenants = new TenantBound(store, options.maxTenants, (id) => tenantVendors.has(vendorOfPartition(id)));
    this.webhooks = new WebhookDispatcher(
      { retryBaseMs: options.webhookRetryBaseMs, timeoutMs: options.webhookTimeoutMs },
      logger,
      (partitionId) => store.partition(partitionId) !== undefined,
    );
    this.scheduler = new Scheduler(store, clock, (partition, task) => this.#runTask(partition, task.task, task.payload), logger);
  }

  /**
   * The tenant's partition, created and seeded the first time the tenant calls (or after its eviction).
   * Refused with the vendor's 429 when the sandbox holds `maxTenants` tenants and none can be evicted.
   */
  partitionFor(vendor: VendorModule, tenantId: string): Partition {
    const id = partitionIdOf(vendor.name, tenantId);
    const existing = this.store.partition(id);
    if (existing?.state.seeded) {
      this.#tenants.use(existing);
      return existing;
    }
    if (!existing) this.#makeRoomForTenant(vendor);
    return (
      this.store.reclaimEvicted(id) ??
      this.store.createPartition(id, (partition) =>
        seedPartition(vendor, partition, { seed: this.options.seed, clients: this.options.clients, deferGeneration: this.options.db === undefined }),
      )
    );
  }

  #makeRoomForTenant(vendor: VendorModule): void {
    if (vendor.internal) return;
    try {
      this.#tenants.makeRoom();
    } catch (error) {
      if (!(error instanceof TenantLimitReached)) throw error;
      this.logger.warn({ vendor: vendor.name, maxTenants: error.maxTenants }, `a new tenant was refused: ${error.message}; reset some or raise --max-tenants`);
      const refusal: VendorResponse = vendor.errorResponse({
        kind: 'tenant_limit',
        maxTenants: error.maxTenants,
        retryAfterSeconds: TENANT_LIMIT_RETRY_AFTER_SECONDS,
      });
      throw new VendorError({ ...refusal, headers: { ...refusal.headers, 'retry-after': String(TENANT_LIMIT_RETRY_AFTER_SECONDS) } });
    }
  }

  /**
   * The next request id of a partition, or of a vendor for requests not yet in a tenant's partition:
   * 32 hex characters from the seed and a count, so the same seed and requests give the same ids.
   */
  requestId(scope: string): string {
    const count = (this.#requestCounts.get(scope) ?? 0) + 1;
    this.#requestCounts.set(scope, count);
    return sha256(`${this.options.seed}\0${scope}\0request\0${count}`).toString('hex', 0, 16);
  }

  /** A partition's services, made once: every one of them depends only on the vendor and the partition. */
  readonly #services = new WeakMap<Partition, VendorServices>();

  servicesFor(vendor: VendorModule, partition: Partition): VendorServices {
    let services = this.#services.get(partition);
    if (!services) this.#services.set(partition, (services = this.#makeServices(vendor, partition)));
    return services;
  }

  #makeServices(vendor: VendorModule, partition: Partition): VendorServices {
    return {
      partition,
      random: new DeterministicRandom(this.options.seed, partition),
      now: () => this.clock.now(),
      nowIso: () => this.clock.nowIso(),
      requestId: () => this.requestId(partition.id),
      settings: this.options.vendorSettings[vendor.name] ?? {},
      pendingWorkDelayMs: this.options.checkDelayMs,
      schedule: (task, delayMs, payload) => {
        if (!vendor.tasks?.[task]) throw new Error(`${vendor.name} has no task '${task}'`);
        this.scheduler.add(partition, task, delayMs, payload);
      },
      webhooks: this.webhooks.senderFor(vendor.name, partition.id),
    };
  }

  async stop(): Promise<void> {
    this.scheduler.stop();
    await this.webhooks.stop();
  }

  #runTask(partition: Partition, task: string, payload: unknown): void {
    const vendor = this.#vendors.get(partition.vendor);
    const handler = vendor?.tasks?.[task];
    if (!vendor || !handler) return;
    handler(this.servicesFor(vendor, partition), payload);
  }
}
