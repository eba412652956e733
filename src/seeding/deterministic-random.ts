import { createHash } from 'node:crypto';
import type { Partition } from '../store/partition.js';

/**
 * Random values that depend only on the seed, the partition and how many were drawn before,
 * so the same seed and the same requests give the same ids. The draw count is kept in the
 * partition, so a restart with `--db` goes on where it stopped instead of repeating ids.
 */
export class DeterministicRandom {
  constructor(
    private readonly seed: string,
    private readonly partition: Partition,
  ) {}

  /** 32 bytes that no other draw of any partition or seed shares. */
  #draw(): Buffer {
    const draw = this.partition.state.draws + 1;
    this.partition.updateState({ draws: draw });
    return createHash('sha256').update(`${this.seed}\0${this.partition.id}\0${draw}`).digest();
  }

  /** Lowercase hex of the given length (at most 64). */
  hex(length: number): string {
    return this.#draw().toString('hex').slice(0, length);
  }

  /** A version 4 UUID. */
  uuid(): string {
    const bytes = this.#draw().subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + (this.#draw().readUInt32BE(0) % (max - min + 1));
  }
}

/** A 32-bit integer from any text, to seed faker. */
export function seedNumber(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\0')).digest().readUInt32BE(0);
}
