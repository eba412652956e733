// The rate limiter's rules, at the millisecond, with the policies written out from the vendors' pages:
// ComplyCube 5 a second in the sandbox (docs.complycube.com/api-reference/rate-limits) with Retry-After
// the time left in the window; CryptoMate 15 a second per company and its penalty table (docs.cryptomate.me
// /integration/rate-limiting: blocks of 1 s, 2 s, 4 s … 128 s, 5 minutes from the 9th violation, the count
// forgotten after an hour clean); a limit of 0 turns limiting off (README, --rate-limit).
import { RateLimiter, type RateDecision } from '../../src/simulation/rate-limiter.js';
import type { RateLimitPolicy } from '../../src/vendors/contract.js';

const COMPLYCUBE_SANDBOX: RateLimitPolicy = { limit: 5, windowMs: 1000 };
const CRYPTOMATE: RateLimitPolicy = {
  limit: 15,
  windowMs: 1000,
  penalty: { firstBlockMs: 1000, maxBlockMs: 300_000, maxFromViolation: 9, resetAfterMs: 3_600_000 },
};
const ALLOWED: RateDecision = { allowed: true };
const wait = (seconds: number): RateDecision => ({ allowed: false, retryAfterSeconds: seconds });

/** `count` requests at `at`, the decisions. */
const burst = (limiter: RateLimiter, key: string, policy: RateLimitPolicy, at: number, count: number) =>
  Array.from({ length: count }, () => limiter.take(key, policy, at));

describe('a plain limit (ComplyCube)', () => {
  it('allows the limit in a window, refuses the next with the time left, rounded up, and opens the next window on time', () => {
    const limiter = new RateLimiter();
    const start = 1_000_000;
    expect(burst(limiter, 'k', COMPLYCUBE_SANDBOX, start, 5)).toEqual(Array(5).fill(ALLOWED));
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, start)).toEqual(wait(1));
    // 1 ms left is still a whole second to wait; so is 999 ms.
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, start + 1)).toEqual(wait(1));
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, start + 999)).toEqual(wait(1));
    // The window closes 1000 ms after it opened.
    expect(burst(limiter, 'k', COMPLYCUBE_SANDBOX, start + 1000, 5)).toEqual(Array(5).fill(ALLOWED));
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, start + 1000)).toEqual(wait(1));
  });

  it('opens a window with the first request after the last one closed, not on the clock’s second', () => {
    const limiter = new RateLimiter();
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, 500)).toEqual(ALLOWED);
    expect(burst(limiter, 'k', COMPLYCUBE_SANDBOX, 1200, 4)).toEqual(Array(4).fill(ALLOWED));
    // The window opened at 500 has room for five: the sixth is refused until 1500.
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, 1499)).toEqual(wait(1));
    expect(limiter.take('k', COMPLYCUBE_SANDBOX, 1500)).toEqual(ALLOWED);
  });

  it('says the seconds left in a long window, part-way through it', () => {
    const limiter = new RateLimiter();
    const policy = { limit: 2, windowMs: 10_000 };
    burst(limiter, 'k', policy, 0, 2);
    expect(limiter.take('k', policy, 6000)).toEqual(wait(4));
    expect(limiter.take('k', policy, 5999)).toEqual(wait(5));
    expect(limiter.take('k', policy, 9500)).toEqual(wait(1));
    expect(limiter.take('k', policy, 10_000)).toEqual(ALLOWED);
  });

  it('counts each key on its own, and forgets one key or all', () => {
    const limiter = new RateLimiter();
    burst(limiter, 'a', COMPLYCUBE_SANDBOX, 0, 5);
    burst(limiter, 'b', COMPLYCUBE_SANDBOX, 0, 5);
    expect(limiter.take('a', COMPLYCUBE_SANDBOX, 0).allowed).toBe(false);
    expect(limiter.take('c', COMPLYCUBE_SANDBOX, 0)).toEqual(ALLOWED);
    limiter.forget('a');
    expect(limiter.take('a', COMPLYCUBE_SANDBOX, 0)).toEqual(ALLOWED);
    expect(limiter.take('b', COMPLYCUBE_SANDBOX, 0).allowed).toBe(false);
    limiter.forget();
    expect(limiter.take('b', COMPLYCUBE_SANDBOX, 0)).toEqual(ALLOWED);
  });

  it('is off with a limit of 0', () => {
    const limiter = new RateLimiter();
    expect(burst(limiter, 'k', { limit: 0, windowMs: 1000 }, 0, 100)).toEqual(Array(100).fill(ALLOWED));
  });
});

describe('a penalty (CryptoMate)', () => {
  /** Fills the window opened at `at`, then asks once more: the refusal of that violation. */
  const violate = (limiter: RateLimiter, at: number) => {
    expect(burst(limiter, 'co', CRYPTOMATE, at, 15)).toEqual(Array(15).fill(ALLOWED));
    return limiter.take('co', CRYPTOMATE, at);
  };

  it('blocks 1 s, 2 s, 4 s … 128 s, then 5 minutes from the 9th violation on', () => {
    const limiter = new RateLimiter();
    let now = 0;
    const blocks: number[] = [];
    for (let violation = 1; violation <= 11; violation++) {
      const decision = violate(limiter, now);
      expect(decision.allowed).toBe(false);
      const seconds = (decision as { retryAfterSeconds: number }).retryAfterSeconds;
      blocks.push(seconds);
      now += seconds * 1000;
    }
    expect(blocks).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 300, 300, 300]);
  });

  it('refuses every request while blocked without using quota, and gives a full window once the block ends', () => {
    const limiter = new RateLimiter();
    expect(violate(limiter, 0)).toEqual(wait(1));
    expect(limiter.take('co', CRYPTOMATE, 999)).toEqual(wait(1));
    expect(limiter.take('co', CRYPTOMATE, 1)).toEqual(wait(1));
    // At the block's end, 15 again, though the window that was full opened only 1 s before.
    expect(violate(limiter, 1000)).toEqual(wait(2));
    // Part-way through the 2 s block the time left is said.
    expect(limiter.take('co', CRYPTOMATE, 2000)).toEqual(wait(1));
    expect(limiter.take('co', CRYPTOMATE, 2999)).toEqual(wait(1));
    expect(limiter.take('co', CRYPTOMATE, 3000)).toEqual(ALLOWED);
  });

  it('forgets the violations after an hour without one, and not a millisecond before', () => {
    const limiter = new RateLimiter();
    expect(violate(limiter, 0)).toEqual(wait(1));
    expect(violate(limiter, 1000)).toEqual(wait(2));
    // The last violation was at 1000: one hour after it, less 1 ms, the count stands.
    expect(violate(limiter, 1000 + 3_600_000 - 1)).toEqual(wait(4));
    const last = 1000 + 3_600_000 - 1;
    expect(violate(limiter, last + 3_600_000)).toEqual(wait(1));
  });

  it('caps a table without a jump at its longest block', () => {
    const limiter = new RateLimiter();
    const policy: RateLimitPolicy = { limit: 1, windowMs: 1000, penalty: { firstBlockMs: 1000, maxBlockMs: 3000, resetAfterMs: 3_600_000 } };
    let now = 0;
    const blocks: number[] = [];
    for (let violation = 1; violation <= 4; violation++) {
      expect(limiter.take('k', policy, now)).toEqual(ALLOWED);
      const decision = limiter.take('k', policy, now) as { retryAfterSeconds: number };
      blocks.push(decision.retryAfterSeconds);
      now += decision.retryAfterSeconds * 1000;
    }
    expect(blocks).toEqual([1, 2, 3, 3]);
  });
});
