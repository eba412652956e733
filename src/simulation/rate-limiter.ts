import type { RateLimitPolicy } from '../vendors/contract.js';

interface Window {
  startedAt: number;
  count: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed windows per partition, opened by the first request after the previous one closed:
 * deterministic enough for a test to exhaust a window and then wait it out.
 */
export class RateLimiter {
  readonly #windows = new Map<string, Window>();

  take(key: string, policy: RateLimitPolicy, nowMs: number): RateDecision {
    if (policy.limit <= 0) return { allowed: true };
    let window = this.#windows.get(key);
    if (!window || nowMs - window.startedAt >= policy.windowMs) {
      window = { startedAt: nowMs, count: 0 };
      this.#windows.set(key, window);
    }
    if (window.count < policy.limit) {
      window.count++;
      return { allowed: true };
    }
    const waitMs = window.startedAt + policy.windowMs - nowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  forget(key?: string): void {
    if (key === undefined) this.#windows.clear();
    else this.#windows.delete(key);
  }
}
