import type { AuthenticationRequest, Credentials, Tenant } from '../contract.js';
import { unauthorized } from './errors.js';

export interface CryptoMatePrincipal {
  /** The key's access level, 1 to 3. */
  level: number;
}

// `level1_acme` is the level 1 key of the company `acme`; a key without the prefix has level 3.
const LEVEL_PREFIX = /^level([123])_(.*)$/;

/**
 * The company behind an `X-API-KEY`, refused with CryptoMate's 401 when its level is below the
 * operation's `x-access-level` (the document is the one place that states it). Keys of one company
 * at different levels share its data and its rate limit.
 */
export function authenticate(credentials: Credentials, request: AuthenticationRequest): Tenant {
  const key = credentials.apiKey ?? '';
  const prefixed = LEVEL_PREFIX.exec(key);
  const company = prefixed?.[2] ?? key;
  const level = prefixed ? Number(prefixed[1]) : 3;
  if (!company) throw unauthorized();
  const { operation } = request;
  const required = 'x-access-level' in operation && typeof operation['x-access-level'] === 'number' ? operation['x-access-level'] : 3;
  if (level < required) throw unauthorized();
  const principal: CryptoMatePrincipal = { level };
  return { id: company, principal };
}
