import { existsSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { Low, Memory } from 'lowdb';
import type { Logger } from '../logging/logger.js';
import { FileLock } from './file-lock.js';
import { readMutationLines } from './mutation-lines.js';
import { Partition, type DeferredGeneration, type Mutation, type PartitionData, type StoredRecord } from './partition.js';
import { vendorOfPartition } from './partition-id.js';
import { applyMutation, RecordLinesFile, type StoreData } from './record-lines-file.js';
import { WriteAheadLog } from './write-ahead-log.js';

export type { StoreData };

export interface StoreOptions {
  /** JSON file to persist to; in memory only when absent. */
  file?: string;
  /** Compact once the log outgrows this share of the snapshot (and `minCompactBytes`). */
  compactRatio?: number;
  minCompactBytes?: number;
  /** The wait before a failed snapshot is tried again; it doubles with each failure, up to a minute. */
  snapshotRetryMs?: number;
}

export interface StoreWatcher {
  /** A partition now held by the store: created, or brought back after an eviction. */
  admitted?(partition: Partition): void;
  /** A partition no longer held: dropped or evicted. */
  dropped?(id: string): void;
}

const MAX_SNAPSHOT_RETRY_MS = 60_000;

/** Longer texts (images as base64) are not worth a lookup: a vendor shares those itself. */
const MAX_SHARED_TEXT = 1024;

/**
 * The sandbox's data: lowdb holds the snapshot, and with a file every change is first appended to
 * a write-ahead log beside it (`FILE.wal`), then made. The snapshot is rewritten only when the log
 * has grown comparable to it, and on close, so a request never pays for rewriting the whole file,
 * and a crash loses nothing that was answered: start-up replays the log. One process at a time
 * holds a file (`FILE.lock`).
 */
export class Store {
  readonly #partitions = new Map<string, Partition>();
  /**
   * Evicted partitions that a request in flight may still hold: a change to one, or its tenant's next
   * request, brings that very object back, so no second copy of the partition can ever exist.
   */
  readonly #evicted = new Map<string, WeakRef<Partition>>();
  readonly #forgetCollected = new FinalizationRegistry<string>((id) => {
    if (this.#evicted.get(id)?.deref() === undefined) this.#evicted.delete(id);
  });
  readonly #watchers: StoreWatcher[] = [];
  /**
   * Per vendor, the text values of the first partition seeded: later seeds give many of the same
   * (fixtures, enumerations, dates), each as a copy of its own, and keep the first one instead;
   * and those of the first generation put off (`Partition.deferGeneration`) that ran.
   */
  readonly #seededTexts = new Map<string, Map<string, string>>();
  /** The vendors of which a generation put off has run, its texts learned. */
  readonly #generationsLearned = new Set<string>();
  #log: WriteAheadLog | undefined;
  #snapshotBytes = 0;
  #compaction: Promise<void> | undefined;
  #retry: { timer: NodeJS.Timeout | undefined; delayMs: number } | undefined;
  #closed = false;
  #failures: Pick<Logger, 'error'> = {
    error: (details: unknown, message?: string) => process.emitWarning(`${message}: ${(details as { err?: Error }).err?.message}`),
  };

  private constructor(
    private readonly db: Low<StoreData>,
    private readonly options: StoreOptions,
    private readonly lock: FileLock | undefined,
  ) {}

  static async open(options: StoreOptions = {}): Promise<Store> {
    const empty: StoreData = { partitions: {} };
    const { file } = options;
    if (!file) {
      const db = new Low<StoreData>(new Memory<StoreData>(), empty);
      await db.read();
      return new Store(db, options, undefined);
    }
    checkUsable(file);
    const lock = FileLock.acquire(file);
    try {
      const db = new Low<StoreData>(new RecordLinesFile(file), empty);
      await db.read();
      const store = new Store(db, options, lock);
      await store.#recover(file);
      return store;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Where failures that no request can answer (a snapshot that could not be written) are logged. */
  reportFailuresTo(logger: Pick<Logger, 'error'>): void {
    this.#failures = logger;
  }

  watch(watcher: StoreWatcher): void {
    this.#watchers.push(watcher);
  }

  partition(id: string): Partition | undefined {
    const existing = this.#partitions.get(id);
    if (existing) return existing;
    if (!Object.hasOwn(this.db.data.partitions, id)) return undefined;
    const partition = this.#partitionOver(id, this.db.data.partitions[id]!);
    this.#partitions.set(id, partition);
    return partition;
  }

  /**
   * A new partition (replacing any of that id), filled by `fill` and logged as one line before the
   * store holds it: a fill that throws, or a line that cannot be written, leaves nothing behind.
   * `fill` writes through a partition of its own, dropped once filled: the collections it opened and
   * the lists it read are made again only by the requests that need them, which most tenants never send.
   * What it put off (`deferGeneration`) goes on with the partition kept.
   */
  createPartition(id: string, fill?: (partition: Partition) => void): Partition {
    const data: PartitionData = { state: { draws: 0, seeded: false }, collections: {} };
    const filling: Mutation[] = [{ p: id, s: data.state }];
    const vendor = vendorOfPartition(id);
    let deferred: DeferredGeneration | undefined;
    if (fill) {
      const shareTexts = this.#textSharer(vendor, !this.#seededTexts.has(vendor));
      const filled = new Partition(id, data, (mutation) => {
        // Before the record is stored: from then on it may be frozen.
        if ('r' in mutation && mutation.r) shareTexts(mutation.r);
        filling.push(mutation);
      });
      fill(filled);
      deferred = filled.deferred;
      if (deferred && this.options.file !== undefined) {
        throw new Error(`${id}: a store kept in a file cannot put off generating records, which it never logs`);
      }
    }
    this.#append({ b: filling });
    const partition = this.#partitionOver(id, data);
    if (deferred) partition.deferGeneration(deferred, this.#generatedTextSharerOf(vendor));
    this.#hold(partition);
    return partition;
  }

  /**
   * The texts of the first generation put off and run, learned then: one that ran later shares them.
   * Made apart from `createPartition`, whose scope holds the whole seeding's lines: kept as long as the
   * tenant, a closure made there would keep them too.
   */
  #generatedTextSharerOf(vendor: string): () => (record: StoredRecord) => void {
    return () => {
      const learning = !this.#generationsLearned.has(vendor);
      this.#generationsLearned.add(vendor);
      return this.#textSharer(vendor, learning);
    };
  }

  /** Makes a seeded record hold the first seeded partition's copy of each text it shares with it. */
  #textSharer(vendor: string, learning: boolean): (record: StoredRecord) => void {
    let texts = this.#seededTexts.get(vendor);
    if (!texts) this.#seededTexts.set(vendor, (texts = new Map()));
    const known = texts;
    const share = (holder: Record<string, unknown> | unknown[]): void => {
      // A frozen record is one object shared by every partition already, its texts with it.
      if (Object.isFrozen(holder)) return;
      for (const key in holder) {
        const value = (holder as Record<string, unknown>)[key];
        if (typeof value === 'string') {
          if (value.length > MAX_SHARED_TEXT) continue;
          const first = known.get(value);
          if (first !== undefined) (holder as Record<string, unknown>)[key] = first;
          else if (learning) known.set(value, value);
        } else if (typeof value === 'object' && value !== null) share(value as Record<string, unknown>);
      }
    };
    return (record) => share(record as unknown as Record<string, unknown>);
  }

  /** Drops a partition for good (a reset): a request still holding it changes nothing stored. */
  dropPartition(id: string): void {
    this.#append({ p: id, drop: true });
    this.#evicted.delete(id);
    this.#release(id);
  }

  /**
   * Drops a partition to free its memory, when it can be had again: a pristine one, which seeding
   * gives again identically. Until it is collected, a request still holding it brings it back.
   */
  evictPartition(id: string): void {
    const partition = this.partition(id);
    if (!partition) return;
    this.#append({ p: id, drop: true });
    this.#release(id);
    this.#evicted.set(id, new WeakRef(partition));
    this.#forgetCollected.register(partition, id);
  }

  /** The evicted partition of that id, held again, if a request still holds it. */
  reclaimEvicted(id: string): Partition | undefined {
    const partition = this.#evicted.get(id)?.deref();
    if (partition) this.#readmit(partition);
    return partition;
  }

  partitionIds(): string[] {
    return Object.keys(this.db.data.partitions);
  }

  /** Writes the snapshot and empties the log. */
  async flush(): Promise<void> {
    if (!this.options.file) return;
    while (this.#compaction) await this.#compaction;
    await this.#compact(this.options.file);
  }

  /** Writes the snapshot and lets the file go; a snapshot that fails is logged, and the log keeps every change. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retry?.timer);
    if (this.options.file) {
      try {
        await this.flush();
      } catch (error) {
        this.#failures.error({ err: error, file: this.options.file }, `the snapshot was not written on close; ${this.options.file}.wal keeps every change and is replayed on next start`);
      }
    }
    this.#log?.close();
    this.#log = undefined;
    this.lock?.release();
  }

  #partitionOver(id: string, data: PartitionData): Partition {
    const partition: Partition = new Partition(id, data, (mutation) => this.#record(partition, mutation));
    return partition;
  }

  #hold(partition: Partition): void {
    this.db.data.partitions[partition.id] = partition.data;
    this.#partitions.set(partition.id, partition);
    this.#evicted.delete(partition.id);
    for (const watcher of this.#watchers) watcher.admitted?.(partition);
  }

  #release(id: string): void {
    this.#partitions.delete(id);
    delete this.db.data.partitions[id];
    for (const watcher of this.#watchers) watcher.dropped?.(id);
  }

  #record(partition: Partition, mutation: Mutation): void {
    if (this.#partitions.get(partition.id) !== partition) {
      if (this.#evicted.get(partition.id)?.deref() !== partition) return;
      this.#readmit(partition);
    }
    this.#append(mutation);
  }

  /** Holds an evicted partition again; the log gets its whole content back, since it logged the drop. */
  #readmit(partition: Partition): void {
    const { id, data } = partition;
    const content: Mutation[] = [{ p: id, s: data.state }];
    for (const [collection, records] of Object.entries(data.collections)) {
      for (const [recordId, record] of Object.entries(records)) content.push({ p: id, c: collection, i: recordId, r: record });
    }
    this.#append({ b: content });
    this.#hold(partition);
  }

  #append(mutation: Mutation): void {
    const file = this.options.file;
    if (file === undefined) return;
    if (!this.#log) throw new Error(`${file} is closed: the change was not made`);
    this.#log.append(JSON.stringify(mutation) + '\n');
    this.#compactIfLogOutgrown();
  }

  #compactIfLogOutgrown(): void {
    if (this.#closed || this.#compaction || this.#retry?.timer || !this.#log) return;
    const ratio = this.options.compactRatio ?? 1;
    const minimum = this.options.minCompactBytes ?? 8 * 1024 * 1024;
    if (this.#log.bytes <= minimum || this.#log.bytes <= this.#snapshotBytes * ratio) return;
    this.#compactInBackground();
  }

  /** A snapshot no request waits for: its failure is logged and tried again later, never thrown. */
  #compactInBackground(): void {
    const file = this.options.file!;
    this.#compaction = this.#compact(file)
      .then(
        () => (this.#retry = undefined),
        (error: unknown) => {
          const delayMs = this.#retry ? Math.min(this.#retry.delayMs * 2, MAX_SNAPSHOT_RETRY_MS) : (this.options.snapshotRetryMs ?? 1000);
          this.#failures.error(
            { err: error, file, retryInMs: delayMs },
            `the snapshot could not be written; ${file}.wal keeps every change, and the snapshot is tried again in ${delayMs} ms`,
          );
          const timer = setTimeout(() => {
            this.#retry!.timer = undefined;
            if (!this.#closed) this.#compactInBackground();
          }, delayMs);
          timer.unref();
          this.#retry = { timer, delayMs };
        },
      )
      .finally(() => {
        this.#compaction = undefined;
        // Writes that arrived while the snapshot was written may have outgrown it already.
        this.#compactIfLogOutgrown();
      });
  }

  async #recover(file: string): Promise<void> {
    // A compaction that died before deleting the rotated log left it behind: it is older than the live log.
    const logs = [`${file}.wal.old`, `${file}.wal`].filter((log) => existsSync(log));
    for (const log of logs) {
      await readMutationLines(log, (mutation) => applyMutation(this.db.data, mutation), { tornTailAllowed: true });
    }
    if (logs.length > 0) {
      // Fold the replayed logs into the snapshot before logging anew: a torn last line must not end up mid-log.
      await this.db.write();
      for (const log of logs) unlinkSync(log);
    }
    this.#snapshotBytes = existsSync(file) ? statSync(file).size : 0;
    this.#log = new WriteAheadLog(`${file}.wal`);
  }

  async #compact(file: string): Promise<void> {
    const rotated = `${file}.wal.old`;
    // A rotated log left by a failed snapshot is not in any snapshot yet: rotating again would replace
    // it. The snapshot taken now covers it, and the live log is replayed over that snapshot.
    if (!existsSync(rotated)) this.#log!.rotate(rotated);
    await this.db.write();
    this.#snapshotBytes = statSync(file).size;
    if (existsSync(rotated)) unlinkSync(rotated);
  }
}

/** Refuses a `--db` path that cannot hold a data file, naming the path as the user gave it. */
function checkUsable(file: string): void {
  const folder = dirname(file);
  if (!existsSync(folder)) throw new Error(`cannot keep data in ${file}: its folder ${folder} does not exist`);
  if (!statSync(folder).isDirectory()) throw new Error(`cannot keep data in ${file}: ${folder} is not a folder`);
  if (existsSync(file) && !statSync(file).isFile()) throw new Error(`cannot keep data in ${file}: it is not a file`);
}
