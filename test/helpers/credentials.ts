import type { LoadedSpec } from '../../src/spec/load-spec.js';
import { isolatedCredentials } from './b2core.js';
import type { TestSandbox } from './sandbox.js';

export interface TenantCredentials {
  /** Headers that authenticate as the tenant. */
  headers: Record<string, string>;
  /** The credential as the sandbox's `reset`, `inspect` and journal take it (a key, a bare token). */
  key: string;
}

/**
 * One tenant of the vendor per tag. API-key schemes get keys derived from the tag; vendors whose
 * tokens must be obtained first say how in `TOKEN_PROVIDERS`.
 */
type TokenProvider = (sandbox: TestSandbox, tag: string) => Promise<Record<string, string>>;

const TOKEN_PROVIDERS: Record<string, TokenProvider> = {
  b2core: isolatedCredentials,
};

export async function credentialsFor(sandbox: TestSandbox, spec: LoadedSpec, tag: string): Promise<TenantCredentials> {
  const provider = TOKEN_PROVIDERS[spec.vendor];
  if (provider) {
    const headers = await provider(sandbox, tag);
    return { headers, key: headers.Authorization!.replace(/^Bearer /, '') };
  }
  const headers: Record<string, string> = {};
  for (const [name, scheme] of Object.entries(spec.securitySchemes)) {
    if (scheme.type === 'apiKey' && scheme.in === 'header') headers[scheme.name] = `test_${tag}_${name}`;
  }
  // A credential of several parts is one key: its values joined by ':', in the document's order.
  return { headers, key: Object.values(headers).join(':') };
}
