import { createHash } from 'node:crypto';
import { boundedMemo } from './bounded-memo.js';

/**
 * A short hash of a secret (an API key, a tenant), which is what the sandbox keeps and logs in its
 * place. Test suites reuse a handful of keys on every request, so hashes are remembered, up to a bound.
 */
export const secretHash: (secret: string) => string = boundedMemo(10_000, (secret) =>
  createHash('sha256').update(secret).digest('hex').slice(0, 24),
);
