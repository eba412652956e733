// The English entry point alone: importing the package root loads every locale and doubles start-up time.
import { faker } from '@faker-js/faker/locale/en';
import type { VendorModule } from '../vendors/contract.js';
import type { Partition } from '../store/partition.js';
import { DeterministicRandom, seedNumber } from '../seeding/deterministic-random.js';

/** Seeded history ends here, whatever day the sandbox runs. */
export const SEED_REFERENCE_DATE = new Date('2026-01-01T00:00:00.000Z');

export interface SeedSettings {
  seed: string;
  clients: number;
}

/**
 * Fills a partition the first time its tenant calls: the vendor's fixtures, then faker data. The same
 * seed and partition always give the same data, ids included, so it ends pristine: evictable, and given back alike.
 */
export function seedPartition(vendor: VendorModule, partition: Partition, settings: SeedSettings): void {
  // One shared instance, re-seeded for each partition: seeding is synchronous, so nothing interleaves.
  faker.seed(seedNumber(settings.seed, partition.id));
  faker.setDefaultRefDate(SEED_REFERENCE_DATE);
  vendor.seed({
    partition,
    faker,
    random: new DeterministicRandom(settings.seed, partition),
    clients: settings.clients,
    referenceDate: SEED_REFERENCE_DATE,
  });
  partition.updateState({ seeded: true, pristine: true });
}
