import type { LoadedSpec } from '../../src/spec/load-spec.js';
import type { TestSandbox } from './sandbox.js';

/**
 * Headers that authenticate as one tenant of the vendor. API-key schemes get a key derived from the
 * tag; vendors whose tokens must be obtained first register how in `TOKEN_PROVIDERS`.
 */
export type CredentialProvider = (sandbox: TestSandbox, tag: string) => Promise<Record<string, string>>;

export const TOKEN_PROVIDERS: Record<string, CredentialProvider> = {};

export async function credentialsFor(sandbox: TestSandbox, spec: LoadedSpec, tag: string): Promise<Record<string, string>> {
  const provider = TOKEN_PROVIDERS[spec.vendor];
  if (provider) return provider(sandbox, tag);
  const headers: Record<string, string> = {};
  for (const [name, scheme] of Object.entries(spec.securitySchemes)) {
    if (scheme.type === 'apiKey' && scheme.in === 'header') headers[scheme.name] = `test_${tag}_${name}`;
  }
  return headers;
}
