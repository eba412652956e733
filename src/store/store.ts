import { closeSync, createReadStream, existsSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Low, Memory } from 'lowdb';
import { Partition, type Mutation, type PartitionData } from './partition.js';
import { applyMutation, RecordLinesFile, type StoreData } from './record-lines-file.js';

export type { StoreData };

export interface StoreOptions {
  /** JSON file to persist to; in memory only when absent. */
  file?: string;
  /** Compact once the log outgrows this share of the snapshot (and `minCompactBytes`). */
  compactRatio?: number;
  minCompactBytes?: number;
}

/**
 * The sandbox's data: lowdb holds the snapshot, and with a file every acknowledged change is
 * first appended to a write-ahead log beside it (`FILE.wal`). The snapshot is rewritten only when
 * the log has grown comparable to it, and on close, so a request never pays for rewriting the
 * whole file, and a crash loses nothing that was answered: start-up replays the log.
 */
export class Store {
  readonly #partitions = new Map<string, Partition>();
  #walFd: number | undefined;
  #walBytes = 0;
  #snapshotBytes = 0;
  #compaction: Promise<void> | undefined;
  #batch: Mutation[] | undefined;

  private constructor(
    private readonly db: Low<StoreData>,
    private readonly options: StoreOptions,
  ) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const empty: StoreData = { partitions: {} };
    const adapter = options.file ? new RecordLinesFile(options.file) : new Memory<StoreData>();
    const db = new Low<StoreData>(adapter, empty);
    await db.read();
    const store = new Store(db, options);
    if (options.file) await store.#recover(options.file);
    return store;
  }

  get persistent(): boolean {
    return this.options.file !== undefined;
  }

  partition(id: string): Partition | undefined {
    const existing = this.#partitions.get(id);
    if (existing) return existing;
    const data = this.db.data.partitions[id];
    if (!data) return undefined;
    return this.#wrap(id, data);
  }

  createPartition(id: string): Partition {
    const data: PartitionData = { state: { draws: 0, seeded: false }, collections: {} };
    this.db.data.partitions[id] = data;
    this.#append({ p: id, s: data.state });
    return this.#wrap(id, data);
  }

  dropPartition(id: string): void {
    this.#partitions.delete(id);
    delete this.db.data.partitions[id];
    this.#append({ p: id, drop: true });
  }

  partitionIds(): string[] {
    return Object.keys(this.db.data.partitions);
  }

  /** Writes the snapshot and empties the log. */
  async flush(): Promise<void> {
    if (!this.options.file) return;
    while (this.#compaction) await this.#compaction;
    this.#compaction = this.#compact(this.options.file).finally(() => (this.#compaction = undefined));
    await this.#compaction;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.#walFd !== undefined) closeSync(this.#walFd);
    this.#walFd = undefined;
  }

  #wrap(id: string, data: PartitionData): Partition {
    const partition = new Partition(id, data, (mutation) => this.#append(mutation));
    this.#partitions.set(id, partition);
    return partition;
  }

  /** Runs `work` and logs all its changes as one line, so that seeding many records costs one write. */
  batch<T>(work: () => T): T {
    if (this.#batch || this.#walFd === undefined) return work();
    this.#batch = [];
    try {
      return work();
    } finally {
      const mutations = this.#batch;
      this.#batch = undefined;
      if (mutations.length > 0) this.#append({ b: mutations });
    }
  }

  #append(mutation: Mutation): void {
    if (this.#walFd === undefined) return;
    if (this.#batch) {
      this.#batch.push(mutation);
      return;
    }
    const line = JSON.stringify(mutation) + '\n';
    this.#walBytes += writeSync(this.#walFd, line);
    this.#compactIfLogOutgrown();
  }

  #compactIfLogOutgrown(): void {
    const ratio = this.options.compactRatio ?? 1;
    const minimum = this.options.minCompactBytes ?? 8 * 1024 * 1024;
    if (this.#compaction || this.#walBytes <= minimum || this.#walBytes <= this.#snapshotBytes * ratio) return;
    this.#compaction = this.#compact(this.options.file!).finally(() => {
      this.#compaction = undefined;
      // Writes that arrived while the snapshot was written may have outgrown it already.
      this.#compactIfLogOutgrown();
    });
  }

  async #recover(file: string): Promise<void> {
    // A compaction that died before deleting the rotated log left it behind: it is older than the live log.
    const logs = [`${file}.wal.old`, `${file}.wal`].filter((log) => existsSync(log));
    for (const log of logs) {
      const lines = createInterface({ input: createReadStream(log, 'utf8'), crlfDelay: Infinity });
      for await (const line of lines) {
        if (!line) continue;
        let mutation: Mutation;
        try {
          mutation = JSON.parse(line) as Mutation;
        } catch {
          // Only the last line can be torn, by a kill in the middle of a write that was never answered.
          continue;
        }
        applyMutation(this.db.data, mutation);
      }
    }
    if (logs.length > 0) {
      // Fold the replayed logs into the snapshot before logging anew, so no later rotation can lose them.
      await this.db.write();
      for (const log of logs) unlinkSync(log);
    }
    this.#snapshotBytes = existsSync(file) ? statSync(file).size : 0;
    this.#walFd = openSync(`${file}.wal`, 'a');
    this.#walBytes = 0;
  }

  async #compact(file: string): Promise<void> {
    const wal = `${file}.wal`;
    const rotated = `${file}.wal.old`;
    if (this.#walFd !== undefined) closeSync(this.#walFd);
    // Changes from here on go to a fresh log; the rotated one is covered by the snapshot taken now.
    if (existsSync(wal)) renameSync(wal, rotated);
    this.#walFd = openSync(wal, 'a');
    this.#walBytes = 0;
    await this.db.write();
    this.#snapshotBytes = statSync(file).size;
    if (existsSync(rotated)) unlinkSync(rotated);
  }
}
