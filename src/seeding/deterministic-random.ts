import * as crypto from 'node:crypto';

/** SHA-256 of a text in one call, without a Hash object, where Node has `crypto.hash` (20.12 and later). */
export const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'buffer') : (text) => crypto.createHash('sha256').update(text).digest();

/** Where draws are counted: a partition (persisted with it), or draws set aside in one (`SetAsideDraws`). */
export interface DrawCounter {
  readonly id: string;
  readonly state: { readonly draws: number };
  updateState(change: { draws: number }): void;
}

/** Draws a partition set aside earlier, to be taken later in the same order, and no more. */
export class SetAsideDraws implements DrawCounter {
  #state: { draws: number };
  readonly #lastDraw: number;

  constructor(
    readonly id: string,
    firstDraw: number,
    count: number,
  ) {
    this.#state = { draws: firstDraw };
    this.#lastDraw = firstDraw + count;
  }

  get state(): { readonly draws: number } {
    return this.#state;
  }

  updateState(change: { draws: number }): void {
    if (change.draws > this.#lastDraw) throw new Error(`${this.id}: more draws were taken than were set aside`);
    this.#state = { draws: change.draws };
  }
}

const DRAW_BYTES = 32;
/** Draws made by one hash: a hash call costs far more than the bytes it yields (9 µs in a loaded server). */
const DRAWS_PER_BLOCK = 16;

/**
 * Random values that depend only on the seed, the partition and how many were drawn before,
 * so the same seed and the same requests give the same ids. The draw count is kept in the
 * partition, so a restart with `--db` goes on where it stopped instead of repeating ids.
 */
export class DeterministicRandom {
  #blockNumber = -1;
  #block: Buffer | undefined;

  constructor(
    private readonly seed: string,
    private readonly partition: DrawCounter,
  ) {}

  /**
   * 32 bytes that no other draw of any partition or seed shares: draw n is the n-th 32 bytes of the
   * SHAKE256 stream of its seed, partition and block of draws, the last block kept for the next draw.
   */
  #draw(): Buffer {
    const draw = this.partition.state.draws;
    this.partition.updateState({ draws: draw + 1 });
    const blockNumber = Math.floor(draw / DRAWS_PER_BLOCK);
    if (blockNumber !== this.#blockNumber || !this.#block) {
      this.#block = crypto
        .createHash('shake256', { outputLength: DRAW_BYTES * DRAWS_PER_BLOCK })
        .update(`${this.seed}\0${this.partition.id}\0${blockNumber}`)
        .digest();
      this.#blockNumber = blockNumber;
    }
    const offset = (draw % DRAWS_PER_BLOCK) * DRAW_BYTES;
    return this.#block.subarray(offset, offset + DRAW_BYTES);
  }

  /** Lowercase hex of the given length (at most 64). */
  hex(length: number): string {
    return this.#draw().toString('hex', 0, Math.ceil(length / 2)).slice(0, length);
  }

  /** A version 4 UUID. */
  uuid(): string {
    // A copy: the version bits are set in it, and the block's bytes must stay as they were drawn.
    const bytes = Buffer.from(this.#draw().subarray(0, 16));
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
  return sha256(parts.join('\0')).readUInt32BE(0);
}
