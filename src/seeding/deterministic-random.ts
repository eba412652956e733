import * as crypto from 'node:crypto';

/** SHA-256 of a text in one call, without a Hash object, where Node has `crypto.hash` (20.12 and later): half the time of a draw. */
const sha256: (text: string) => Buffer =
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

/**
 * Random values that depend only on the seed, the partition and how many were drawn before,
 * so the same seed and the same requests give the same ids. The draw count is kept in the
 * partition, so a restart with `--db` goes on where it stopped instead of repeating ids.
 */
export class DeterministicRandom {
  constructor(
    private readonly seed: string,
    private readonly partition: DrawCounter,
  ) {}

  /** 32 bytes that no other draw of any partition or seed shares. */
  #draw(): Buffer {
    const draw = this.partition.state.draws + 1;
    this.partition.updateState({ draws: draw });
    return sha256(`${this.seed}\0${this.partition.id}\0${draw}`);
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
  return sha256(parts.join('\0')).readUInt32BE(0);
}
