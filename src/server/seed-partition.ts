// The English entry point alone: importing the package root loads every locale and doubles start-up time.
import { faker } from '@faker-js/faker/locale/en';
import type { SeedContext, VendorModule } from '../vendors/contract.js';
import type { DeferredGeneration, Partition } from '../store/partition.js';
import { DeterministicRandom, SetAsideDraws, seedNumber } from '../seeding/deterministic-random.js';

/** Seeded history ends here, whatever day the sandbox runs. */
export const SEED_REFERENCE_DATE = new Date('2026-01-01T00:00:00.000Z');

export interface SeedSettings {
  seed: string;
  clients: number;
  /**
   * Whether generation a vendor defers waits for its first need. Not with a data file: the log has no
   * form for a generation still to come, so a restart would find the partition without its records.
   */
  deferGeneration: boolean;
}

/**
 * What seeding, or a generation it deferred, is given. Faker is one shared instance, re-seeded for each
 * partition: seeding is synchronous, so nothing interleaves.
 */
function seedContext(
  partition: Partition,
  settings: SeedSettings,
  random: DeterministicRandom,
  defer: SeedContext['defer'],
): SeedContext {
  faker.seed(seedNumber(settings.seed, partition.id));
  faker.setDefaultRefDate(SEED_REFERENCE_DATE);
  return { partition, faker, random, clients: settings.clients, referenceDate: SEED_REFERENCE_DATE, defer };
}

/**
 * Fills a partition the first time its tenant calls: the vendor's fixtures, then faker data. The same
 * seed and partition always give the same data, ids included, so it ends pristine: evictable, and given back alike.
 */
export function seedPartition(vendor: VendorModule, partition: Partition, settings: SeedSettings): void {
  vendor.seed(
    seedContext(partition, settings, new DeterministicRandom(settings.seed, partition), (plan, generate) => {
      const firstDraw = partition.state.draws;
      partition.updateState({ draws: firstDraw + plan.draws });
      const generation = deferredGeneration(vendor.name, settings, firstDraw, plan, generate);
      if (settings.deferGeneration) partition.deferGeneration(generation);
      else generation.generate(partition);
    }),
  );
  partition.updateState({ seeded: true, pristine: true });
}

/**
 * Made apart from the seeding that defers it, so that what it keeps until it runs, as long as the
 * tenant, is only what it needs: not the partition seeding wrote through, with the collections it opened.
 */
function deferredGeneration(
  vendorName: string,
  settings: SeedSettings,
  firstDraw: number,
  plan: Parameters<SeedContext['defer']>[0],
  generate: Parameters<SeedContext['defer']>[1],
): DeferredGeneration {
  return {
    collections: plan.collections,
    generate: (partition) => {
      const random = new DeterministicRandom(settings.seed, new SetAsideDraws(partition.id, firstDraw, plan.draws));
      generate(
        seedContext(partition, settings, random, () => {
          throw new Error(`${vendorName}: a deferred generation cannot defer another`);
        }),
      );
    },
  };
}
