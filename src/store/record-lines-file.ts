import { existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { readMutationLines } from './mutation-lines.js';
import type { Mutation, PartitionData } from './partition.js';

export interface StoreData {
  partitions: Record<string, PartitionData>;
}

/** Records are written in slices of about this many characters, each its own task: ~2 ms of work, which a request waits for at most. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Applies one logged change to the data; the snapshot and the write-ahead log share this form.
 * Names are looked up as own properties only, so a name such as `constructor` is a name like any other.
 */
export function applyMutation(data: StoreData, mutation: Mutation): void {
  const partitions = data.partitions;
  if ('b' in mutation) {
    for (const part of mutation.b) applyMutation(data, part);
  } else if ('drop' in mutation) {
    delete partitions[mutation.p];
  } else if ('s' in mutation) {
    if (Object.hasOwn(partitions, mutation.p)) partitions[mutation.p]!.state = mutation.s;
    else partitions[mutation.p] = { state: mutation.s, collections: {} };
  } else {
    // A record of a partition whose state was never logged: not known to be as seeded, so never pristine.
    if (!Object.hasOwn(partitions, mutation.p)) partitions[mutation.p] = { state: { draws: 0, seeded: true }, collections: {} };
    const collections = partitions[mutation.p]!.collections;
    if (!Object.hasOwn(collections, mutation.c)) collections[mutation.c] = {};
    const records = collections[mutation.c]!;
    if (mutation.r === null) delete records[mutation.i];
    else records[mutation.i] = mutation.r;
  }
}

/**
 * lowdb's adapter for the snapshot: one record a line, in the write-ahead log's own form. Read
 * as a stream and written in slices that let requests through, so a large store is never one
 * string in memory and a snapshot never stalls the server for long. Records that change while a
 * snapshot is written may land in it old or new: the log written meanwhile is replayed over it.
 */
export class RecordLinesFile implements Adapter<StoreData> {
  constructor(private readonly file: string) {}

  async read(): Promise<StoreData | null> {
    if (!existsSync(this.file)) return null;
    const data: StoreData = { partitions: {} };
    // Written whole and renamed into place, a snapshot has no torn line to forgive.
    await readMutationLines(this.file, (mutation) => applyMutation(data, mutation), { tornTailAllowed: false });
    return data;
  }

  async write(data: StoreData): Promise<void> {
    const temporary = `${this.file}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      let chunk = '';
      const flush = async () => {
        await handle.write(chunk);
        chunk = '';
      };
      for (const [partitionId, partition] of Object.entries(data.partitions)) {
        chunk += JSON.stringify({ p: partitionId, s: partition.state }) + '\n';
        for (const [collection, records] of Object.entries(partition.collections)) {
          for (const id of Object.keys(records)) {
            const record = records[id];
            if (record === undefined) continue;
            chunk += JSON.stringify({ p: partitionId, c: collection, i: id, r: record }) + '\n';
            if (chunk.length >= CHUNK_CHARS) await flush();
          }
        }
      }
      await flush();
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }
}
