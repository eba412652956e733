/** A stored record: every collection is keyed by the record's `id`. */
export interface StoredRecord {
  id: string | number;
}

export interface PartitionState {
  /** Draws taken from the partition's deterministic random source; persisted so ids never repeat. */
  draws: number;
  seeded: boolean;
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

/**
 * One tenant's data for one vendor. Records handed out are the stored objects themselves:
 * change them only through `put`, so that every change reaches the log.
 */
export class Partition {
  readonly #collections = new Map<string, Collection<StoredRecord>>();

  constructor(
    readonly id: string,
    readonly data: PartitionData,
    private readonly sink: MutationSink,
  ) {}

  collection<T extends StoredRecord>(name: string): Collection<T> {
    let collection = this.#collections.get(name);
    if (!collection) {
      const records = (this.data.collections[name] ??= {});
      collection = new Collection(this.id, name, records, this.sink);
      this.#collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  get state(): Readonly<PartitionState> {
    return this.data.state;
  }

  updateState(change: Partial<PartitionState>): void {
    this.data.state = { ...this.data.state, ...change };
    this.sink({ p: this.id, s: this.data.state });
  }
}

export class Collection<T extends StoredRecord> {
  /** The records in order, kept between changes so that listing does not copy them all every time. */
  #ordered: T[] | undefined;
  #positions = new Map<string, number>();
  #count: number;

  constructor(
    private readonly partitionId: string,
    readonly name: string,
    private readonly records: Record<string, T>,
    private readonly sink: MutationSink,
  ) {
    this.#count = Object.keys(records).length;
  }

  get(id: string | number): T | undefined {
    return Object.hasOwn(this.records, id) ? this.records[id] : undefined;
  }

  has(id: string | number): boolean {
    return Object.hasOwn(this.records, id);
  }

  /** Inserts or replaces the record with the same id. */
  put(record: T): T {
    const key = String(record.id);
    const existed = Object.hasOwn(this.records, key);
    this.records[key] = record;
    if (existed) {
      if (this.#ordered) this.#ordered[this.#positions.get(key)!] = record;
    } else {
      this.#count++;
      // A new id goes last, in creation order; numeric ids are allocated rising, so that holds for them too.
      if (this.#ordered) this.#positions.set(key, this.#ordered.push(record) - 1);
    }
    this.sink({ p: this.partitionId, c: this.name, i: key, r: record });
    return record;
  }

  delete(id: string | number): boolean {
    if (!Object.hasOwn(this.records, id)) return false;
    delete this.records[id];
    this.#count--;
    this.#ordered = undefined;
    this.sink({ p: this.partitionId, c: this.name, i: String(id), r: null });
    return true;
  }

  /** Records in insertion order (numeric ids in ascending order). Shared between calls: never change it. */
  values(): readonly T[] {
    if (!this.#ordered) {
      this.#ordered = Object.values(this.records);
      this.#positions = new Map(this.#ordered.map((record, index) => [String(record.id), index]));
    }
    return this.#ordered;
  }

  get size(): number {
    return this.#count;
  }
}
