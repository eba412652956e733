import type { RateLimitPolicy } from '../vendors/contract.js';

interface KeyState {
  windowStartedAt: number;
  count: number;
  blockedUntil: number;
  violations: number;
  lastViolationAt: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const ALLOWED: RateDecision = Object.freeze({ allowed: true });

/**
 * Fixed windows per partition, opened by the first request after the previous one closed:
 * deterministic enough for a test to exhaust a window and then wait it out. With a penalty, each
 * violation blocks the key for twice as long as the one before, up to the policy's cap.
 */
export class RateLimiter {
  readonly #keys = new Map<string, KeyState>();

  take(key: string, policy: RateLimitPolicy, nowMs: number): RateDecision {
    if (policy.limit <= 0) return ALLOWED;
    let state = this.#keys.get(key);
    if (!state) {
      state = { windowStartedAt: nowMs, count: 0, blockedUntil: 0, violations: 0, lastViolationAt: 0 };
      this.#keys.set(key, state);
    }
    if (nowMs < state.blockedUntil) return refuse(state.blockedUntil - nowMs);
    if (nowMs - state.windowStartedAt >= policy.windowMs) {
      state.windowStartedAt = nowMs;
      state.count = 0;
    }
    if (state.count < policy.limit) {
      state.count++;
      return ALLOWED;
    }
    const { penalty } = policy;
    if (!penalty) return refuse(state.windowStartedAt + policy.windowMs - nowMs);
    if (nowMs - state.lastViolationAt >= penalty.resetAfterMs) state.violations = 0;
    state.violations++;
    const capped = penalty.maxFromViolation !== undefined && state.violations >= penalty.maxFromViolation;
    const blockMs = capped ? penalty.maxBlockMs : Math.min(penalty.firstBlockMs * 2 ** (state.violations - 1), penalty.maxBlockMs);
    state.lastViolationAt = nowMs;
    state.blockedUntil = nowMs + blockMs;
    // The block outlasts the window: quota starts afresh when it ends.
    state.count = 0;
    state.windowStartedAt = state.blockedUntil;
    return refuse(blockMs);
  }

  forget(key?: string): void {
    if (key === undefined) this.#keys.clear();
    else this.#keys.delete(key);
  }
}

function refuse(waitMs: number): RateDecision {
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}
