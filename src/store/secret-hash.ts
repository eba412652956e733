import { createHash } from 'node:crypto';

const MEMO_LIMIT = 10_000;
const memo = new Map<string, string>();

/**
 * A short hash of a secret (an API key, a tenant), which is what the sandbox keeps and logs in its
 * place. Test suites reuse a handful of keys on every request, so hashes are remembered, up to a bound.
 */
export function secretHash(secret: string): string {
  let hash = memo.get(secret);
  if (hash === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    hash = createHash('sha256').update(secret).digest('hex').slice(0, 24);
    memo.set(secret, hash);
  }
  return hash;
}
