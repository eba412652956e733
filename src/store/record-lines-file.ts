import { createReadStream, existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Adapter } from 'lowdb';
import type { Mutation, PartitionData } from './partition.js';

export interface StoreData {
  partitions: Record<string, PartitionData>;
}

const CHUNK_CHARS = 1 << 20;

/** Applies one logged change to the data; the snapshot and the write-ahead log share this form. */
export function applyMutation(data: StoreData, mutation: Mutation): void {
  const partitions = data.partitions;
  if ('b' in mutation) {
    for (const part of mutation.b) applyMutation(data, part);
  } else if ('drop' in mutation) {
    delete partitions[mutation.p];
  } else if ('s' in mutation) {
    const partition = (partitions[mutation.p] ??= { state: mutation.s, collections: {} });
    partition.state = mutation.s;
  } else {
    const partition = (partitions[mutation.p] ??= { state: { draws: 0, seeded: true }, collections: {} });
    const records = (partition.collections[mutation.c] ??= {});
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
    const lines = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line) applyMutation(data, JSON.parse(line) as Mutation);
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
