import { isoTime } from '../store/iso-time.js';

/**
 * The furthest the clock may be moved ahead, in all: 3650 days. Dates then keep four-digit years,
 * which `date-time` strings need, and vendors' arithmetic on them (token expiries, due dates) stays
 * far inside what a `Date` can hold.
 */
export const MAX_CLOCK_OFFSET_MS = 3650 * 24 * 60 * 60 * 1000;

/** The sandbox's idea of now: wall time, moved forward on request by tests that need time to pass. */
export class Clock {
  #offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }

  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  /** `now().toISOString()`, without a Date made and formatted each call. */
  nowIso(): string {
    return isoTime(Date.now() + this.#offsetMs);
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Throws a RangeError, and leaves the clock as it was, for a move back, a fraction or one past the bound. */
  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) {
      throw new RangeError(`the clock moves forward by a whole number of milliseconds, not ${ms}`);
    }
    if (ms > MAX_CLOCK_OFFSET_MS - this.#offsetMs) {
      throw new RangeError(
        `the clock goes at most ${MAX_CLOCK_OFFSET_MS} ms (3650 days) ahead in all; it is ${this.#offsetMs} ms ahead, ` +
          `so it can move ${MAX_CLOCK_OFFSET_MS - this.#offsetMs} ms more`,
      );
    }
    this.#offsetMs += ms;
  }
}
