import { createHash } from 'node:crypto';
import { secretHash } from '../store/secret-hash.js';
import type { ResolvedOptions } from '../config/options.js';
import type { Logger } from '../logging/logger.js';
import { DeterministicRandom } from '../seeding/deterministic-random.js';
import { seedPartition } from '../seeding/seed-partition.js';
import type { Clock } from '../simulation/clock.js';
import { Scheduler } from '../simulation/scheduler.js';
import type { Partition } from '../store/partition.js';
import type { Store } from '../store/store.js';
import type { VendorModule, VendorServices } from '../vendors/contract.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';

/** The partition of a vendor's tenant; the tenant's secret is hashed so it is never stored. */
export function partitionId(vendor: string, tenantId: string): string {
  return `${vendor}:${secretHash(tenantId)}`;
}

/** What vendors share at run time: their partitions, the clock, the scheduler and the webhooks. */
export class VendorRuntime {
  readonly scheduler: Scheduler;
  readonly webhooks: WebhookDispatcher;
  readonly #vendors: Map<string, VendorModule>;
  /** Requests served per partition since start, for request ids; kept in memory only. */
  readonly #requestCounts = new Map<string, number>();

  constructor(
    vendors: VendorModule[],
    readonly store: Store,
    readonly clock: Clock,
    private readonly options: ResolvedOptions,
    logger: Logger,
  ) {
    this.#vendors = new Map(vendors.map((vendor) => [vendor.name, vendor]));
    this.webhooks = new WebhookDispatcher(
      { retryBaseMs: options.webhookRetryBaseMs, timeoutMs: options.webhookTimeoutMs },
      logger,
      (partitionId) => store.partition(partitionId) !== undefined,
    );
    this.scheduler = new Scheduler(store, clock, (partition, task) => this.#runTask(partition, task.task, task.payload), logger);
  }

  /** The tenant's partition, created and seeded the first time the tenant calls. */
  partitionFor(vendor: VendorModule, tenantId: string): Partition {
    const id = partitionId(vendor.name, tenantId);
    const existing = this.store.partition(id);
    if (existing?.state.seeded) return existing;
    return this.store.batch(() => {
      const partition = existing ?? this.store.createPartition(id);
      seedPartition(vendor, partition, { seed: this.options.seed, clients: this.options.clients });
      return partition;
    });
  }

  servicesFor(vendor: VendorModule, partition: Partition): VendorServices {
    return {
      partition,
      random: new DeterministicRandom(this.options.seed, partition),
      now: () => this.clock.now(),
      requestId: () => {
        const count = (this.#requestCounts.get(partition.id) ?? 0) + 1;
        this.#requestCounts.set(partition.id, count);
        return createHash('sha256').update(`${this.options.seed}\0${partition.id}\0request\0${count}`).digest('hex').slice(0, 32);
      },
      settings: this.options.vendorSettings[vendor.name] ?? {},
      checkDelayMs: this.options.checkDelayMs,
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
    const vendor = this.#vendors.get(partition.id.slice(0, partition.id.indexOf(':')));
    const handler = vendor?.tasks?.[task];
    if (!vendor || !handler) return;
    handler(this.servicesFor(vendor, partition), payload);
  }
}
