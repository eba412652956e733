import type { RequestOptions, TestSandbox } from './sandbox.js';

/** The source pages' client, loaded from fixtures into every key's data. */
export const JANE_DOE_ID = '5eb04fcd0f3e360008035eb1';

/** A ComplyCube caller with its own key, and so its own data. */
export function complyCube(sandbox: TestSandbox, apiKey = `test_${Math.random().toString(36).slice(2)}`) {
  const headers = { Authorization: apiKey, 'Content-Type': 'application/json' };
  const call = (method: string, path: string, options: RequestOptions = {}) =>
    sandbox.request(method, `/v1${path}`, { ...options, headers: { ...headers, ...options.headers } });
  return {
    apiKey,
    get: (path: string, options?: RequestOptions) => call('GET', path, options),
    post: (path: string, json?: unknown, options?: RequestOptions) => call('POST', path, { json, ...options }),
    delete: (path: string, options?: RequestOptions) => call('DELETE', path, options),
    call,
  };
}

export const newPerson = (overrides: Record<string, unknown> = {}) => ({
  type: 'person',
  email: 'john.smith@example.com',
  mobile: '+44 7700 900123',
  joinedDate: '2024-05-01',
  personDetails: { firstName: 'John', lastName: 'Smith', dob: '1988-02-03', nationality: 'GB' },
  ...overrides,
});

export const newCompany = (overrides: Record<string, unknown> = {}) => ({
  type: 'company',
  email: 'kyc@acme.example.com',
  companyDetails: { name: 'Acme Ltd', registrationNumber: '01234567', incorporationCountry: 'GB', incorporationType: 'private_limited_company' },
  ...overrides,
});
