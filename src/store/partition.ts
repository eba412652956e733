import { vendorOfPartition } from './partition-id.js';
import { forgetRecordJson } from './record-json.js';
/** A stored record: every collection is keyed by the record's `id`. */
export interface StoredRecord {
  id: string | number;
}

export interface PartitionState {
  /** Draws taken from the partition's deterministic random source; persisted so ids never repeat. */
  draws: number;
  seeded: boolean;
  /**
   * Set by seeding and gone with the first change after it: a pristine partition holds exactly what
   * seeding gives (seeding is deterministic), so it can be dropped and seeded again with nothing lost.
   */
  pristine?: true;
}

export interface PartitionData {
  state: PartitionState;
  collections: Record<string, Record<string, StoredRecord>>;
}

/** One change, as it is appended to the write-ahead log; replaying it twice gives the same data. */
export type Mutation =
  | { p: string; c: string; i: string; r: StoredRecord | null }
  | { p: string; s: PartitionState }
  | { p: string; drop: true }
  /** Many changes as one log line: a whole seeding. */
  | { b: Mutation[] };

export type MutationSink = (mutation: Mutation) => void;

/** Records a seeding put off: made on first need, into the partition they are then written to. */
export interface DeferredGeneration {
  /** The collections it fills: only their reads beyond a hit by id, and their changes, need it made. */
  collections: readonly string[];
  generate(partition: Partition): void;
}

/**
 * One tenant's data for one vendor. Records handed out are the stored objects themselves, frozen:
 * change them only through `put`, so that every change reaches the log. Each change is handed to
 * the sink before it is made: when the sink throws (the log could not be written), nothing changes.
 */
export class Partition {
  readonly #collections = new Map<string, Collection<StoredRecord>>();
  #deferred: DeferredGeneration | undefined;
  /** Makes what each record the deferred generation puts goes through before it is stored. */
  #preparerOfGenerated: (() => (record: StoredRecord) => void) | undefined;
  /** Set while the deferred generation runs: what its records go through, instead of the log. */
  #generating: ((record: StoredRecord) => void) | undefined;

  /** The vendor whose data this is. */
  readonly vendor: string;

  constructor(
    readonly id: string,
    readonly data: PartitionData,
    private readonly sink: MutationSink,
  ) {
    this.vendor = vendorOfPartition(id);
  }

  collection<T extends StoredRecord>(name: string): Collection<T> {
    let collection = this.#collections.get(name);
    if (!collection) {
      if (!Object.hasOwn(this.data.collections, name)) this.data.collections[name] = {};
      const generateFirst = this.#deferred?.collections.includes(name) ? () => this.generateDeferred() : undefined;
      collection = new Collection(this.id, name, this.data.collections[name]!, (mutation) => this.#recordChange(mutation), generateFirst);
      this.#collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  get state(): Readonly<PartitionState> {
    return this.data.state;
  }

  get pristine(): boolean {
    return this.data.state.pristine === true;
  }

  /** `pristine` holds only while a change sets it again: every other change ends it. */
  updateState(change: Partial<PartitionState>): void {
    if (this.#generating) throw new Error(`a deferred generation of ${this.id} changed its state: it may only put records`);
    // Written out rather than spread: every id a handler draws changes the state, a request's hot path.
    const { draws, seeded } = this.data.state;
    const next: PartitionState = { draws: change.draws ?? draws, seeded: change.seeded ?? seeded };
    if (change.pristine) next.pristine = true;
    this.sink({ p: this.id, s: next });
    this.data.state = next;
  }

  /**
   * Puts off records of the seeding until one of `generation.collections` is read beyond a hit by id
   * or changed: most tenants only ever fetch the documented records, and generated ones are most of a
   * tenant's memory. The generation must only add records, of ids of its own, and give the same records
   * whenever it runs. It is never logged and does not end `pristine`: only a store that logs nothing
   * may hold a partition with a generation put off, or a restart would find it without those records.
   * Each record it puts goes first through the function `preparer` makes when the generation runs.
   */
  deferGeneration(generation: DeferredGeneration, preparer?: () => (record: StoredRecord) => void): void {
    this.#deferred = generation;
    this.#preparerOfGenerated = preparer;
  }

  /** The generation put off and not yet run, if any. */
  get deferred(): DeferredGeneration | undefined {
    return this.#deferred;
  }

  /** Every collection's records by id, with any records put off made first: the partition's data read whole. */
  allCollections(): PartitionData['collections'] {
    this.generateDeferred();
    return this.data.collections;
  }

  /** Makes the records put off, if they are not yet. */
  generateDeferred(): void {
    const generation = this.#deferred;
    if (!generation) return;
    this.#deferred = undefined;
    this.#generating = this.#preparerOfGenerated?.() ?? (() => {});
    this.#preparerOfGenerated = undefined;
    try {
      generation.generate(this);
    } finally {
      this.#generating = undefined;
    }
  }

  #recordChange(mutation: Mutation): void {
    if (this.#generating) {
      if ('r' in mutation && mutation.r) this.#generating(mutation.r);
      return;
    }
    if (!this.pristine) return this.sink(mutation);
    // The first change after seeding: logged with the end of pristine in one line, so neither is replayed alone.
    const { pristine: _ended, ...written } = this.data.state;
    this.sink({ b: [{ p: this.id, s: written }, mutation] });
    this.data.state = written;
  }
}

/** Records by the value of one field, each list in insertion order; rebuilt after a delete or a changed value. */
interface EqualityIndex<T> {
  path: string[];
  byValue: Map<string, T[]> | undefined;
  /** Where each record stands in its value's list. */
  positions: Map<string, number>;
}

export class Collection<T extends StoredRecord> {
  /** The records in order, kept between changes so that listing does not copy them all every time. */
  #ordered: T[] | undefined;
  /** Made on first use, as the indexes are: most of a tenant's collections are never listed nor filtered. */
  #positions: Map<string, number> | undefined;
  #count: number;
  #indexes: Map<string, EqualityIndex<T>> | undefined;

  constructor(
    private readonly partitionId: string,
    readonly name: string,
    private readonly records: Record<string, T>,
    private readonly sink: MutationSink,
    /** The partition's deferred generation, when it fills this collection: run before anything but a hit by id. */
    private generateFirst?: () => void,
  ) {
    this.#count = Object.keys(records).length;
  }

  #makeDeferred(): void {
    if (!this.generateFirst) return;
    const generate = this.generateFirst;
    this.generateFirst = undefined;
    generate();
  }

  get(id: string | number): T | undefined {
    return this.has(id) ? this.records[id] : undefined;
  }

  /** A miss may be a record still to be made: the generation put off runs, and the lookup is made again. */
  has(id: string | number): boolean {
    if (Object.hasOwn(this.records, id)) return true;
    if (!this.generateFirst) return false;
    this.#makeDeferred();
    return Object.hasOwn(this.records, id);
  }

  /** Inserts or replaces the record with the same id; the record is frozen from then on. */
  put(record: T): T {
    this.#makeDeferred();
    const key = String(record.id);
    this.sink({ p: this.partitionId, c: this.name, i: key, r: record });
    Object.freeze(record);
    const existed = Object.hasOwn(this.records, key);
    // Only the record put again may have changed within: a shared record put by each partition's seeding keeps its text.
    if (existed && this.records[key] === record) forgetRecordJson(record);
    if (this.#indexes) for (const index of this.#indexes.values()) this.#index(index, key, existed ? this.records[key] : undefined, record);
    this.records[key] = record;
    if (existed) {
      if (this.#ordered) this.#ordered[this.#positions!.get(key)!] = record;
    } else {
      this.#count++;
      // A new id goes last, in creation order; numeric ids are allocated rising, so that holds for them too.
      if (this.#ordered) this.#positions!.set(key, this.#ordered.push(record) - 1);
    }
    return record;
  }

  delete(id: string | number): boolean {
    this.#makeDeferred();
    if (!Object.hasOwn(this.records, id)) return false;
    this.sink({ p: this.partitionId, c: this.name, i: String(id), r: null });
    delete this.records[id];
    this.#count--;
    this.#ordered = undefined;
    if (this.#indexes) for (const index of this.#indexes.values()) index.byValue = undefined;
    return true;
  }

  /** Records in insertion order (numeric ids in ascending order). Shared between calls: never change it. */
  values(): readonly T[] {
    this.#makeDeferred();
    if (!this.#ordered) {
      this.#ordered = Object.values(this.records);
      this.#positions = new Map(this.#ordered.map((record, index) => [String(record.id), index]));
    }
    return this.#ordered;
  }

  get size(): number {
    this.#makeDeferred();
    return this.#count;
  }

  /**
   * The records whose (dotted) field equals the value as text, in insertion order: an index built on
   * first use and kept up to date, so an exact-match filter does not visit every record. Shared: never change it.
   */
  where(field: string, value: string): readonly T[] {
    this.#makeDeferred();
    this.#indexes ??= new Map();
    let index = this.#indexes.get(field);
    if (!index) this.#indexes.set(field, (index = { path: field.split('.'), byValue: undefined, positions: new Map() }));
    if (!index.byValue) {
      index.byValue = new Map();
      index.positions.clear();
      for (const record of this.values()) this.#index(index, String(record.id), undefined, record);
    }
    return index.byValue.get(value) ?? [];
  }

  #index(index: EqualityIndex<T>, key: string, before: T | undefined, after: T): void {
    if (!index.byValue) return;
    const value = valueAt(after, index.path);
    if (before !== undefined) {
      if (valueAt(before, index.path) !== value) {
        // A changed value moves the record between lists, out of insertion order: rebuild on next use.
        index.byValue = undefined;
        return;
      }
      if (value !== undefined) index.byValue.get(value)![index.positions.get(key)!] = after;
      return;
    }
    if (value === undefined) return;
    let list = index.byValue.get(value);
    if (!list) index.byValue.set(value, (list = []));
    index.positions.set(key, list.push(after) - 1);
  }
}

/** A field's value as the text an exact-match filter compares, or undefined when absent. */
function valueAt(record: unknown, path: string[]): string | undefined {
  let value = record as Record<string, unknown> | undefined;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = value[segment] as Record<string, unknown>;
  }
  return value === undefined ? undefined : String(value);
}
