import type { TestResponse, TestSandbox } from './sandbox.js';
import { vendorClient } from './vendor-client.js';

/** The source page's individual user, loaded from fixtures into every client's data. */
export const TENZIN_ID = 'f45680e1-014d-42c7-be86-3b2899e911c3';
/** The source page's business user (its id is `{{UUID}}` there). */
export const MACHNET_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

let counter = 0;
/** A number no other user of a test run has, for unique emails and phones. */
export const unique = () => `${process.pid % 1000}${String(++counter).padStart(5, '0')}`;
/** A 10-digit phone no other user has. */
export const uniquePhone = () => `2${unique().padStart(9, '0').slice(-9)}`;

export const IMAGE = 'data:image/jpg;base64,SUQs==';
export const PDF = 'data:application/pdf;base64,SUQs==';

export type SendApi = ReturnType<typeof sendApi>;

/** A SEND PaaS client with its own id and secret, and so its own users. */
export function sendApi(sandbox: TestSandbox, clientId = `client-${unique()}`, clientSecret = `secret-${unique()}`) {
  const headers = { 'X-Client-Id': clientId, 'X-Client-Secret': clientSecret, 'Content-Type': 'application/json' };
  return { clientId, clientSecret, ...vendorClient(sandbox, '', headers) };
}

export const newIndividual = (overrides: Record<string, unknown> = {}) => ({
  first_name: 'Pema',
  last_name: 'Sherpa',
  email: `pema.${unique()}@example.com`,
  gender: 'female',
  date_of_birth: '1990-04-12',
  address_line1: '1 Market St',
  city: 'San Francisco',
  state: 'CA',
  country: 'US',
  zipcode: '94105',
  mobile_phone: uniquePhone(),
  ip_address: '73.85.79.9',
  type: 'SEND',
  physical_documents: [{ document_value: IMAGE, document_type: 'STATE_ID', country: 'US', expiry_date: '2030-03-09', state: 'CA' }],
  virtual_documents: [
    { document_value: '123456789', document_type: 'SSN', country: 'US', state: 'CA' },
    { document_value: 'X1234567', document_type: 'PASSPORT', expiry_date: '2031-01-01', id_issuing_authority: 'US', country: 'US' },
  ],
  ...overrides,
});

export const newBusiness = (overrides: Record<string, unknown> = {}) => ({
  business: true,
  first_name: 'Acme Payments Inc',
  email: `kyb.${unique()}@acme.example.com`,
  mobile_phone: uniquePhone(),
  date_of_birth: '2015-06-01',
  address_line1: '2 Market St',
  city: 'San Francisco',
  state: 'CA',
  country: 'US',
  zipcode: '94105',
  business_type: 'LLC',
  user_scope: 'COMPUTER_TECHNOLOGY',
  company_website: 'www.acme.example.com',
  number_of_employee: 'BETWEEN_25_TO_50',
  mailing_address: { address_line1: 'PO Box 1', city: 'San Francisco', state: 'CA', country: 'US', zipcode: '94105' },
  user_relationship: 'CUSTOMER',
  number_of_transaction_per_month: 40,
  transaction_frequency: 'WEEKLY',
  physical_documents: [
    { document_value: PDF, document_type: 'EIN' },
    { document_value: PDF, document_type: 'CERTIFICATION_OF_INCORPORATION' },
    { document_value: IMAGE, document_type: 'BANK_STATEMENT' },
  ],
  virtual_documents: [{ document_value: '123456789', document_type: 'EIN' }],
  ...overrides,
});

/** A representative with every field the Business Representatives Object requires, as an account operator. */
export const accountOperator = {
  first_name: 'Rin',
  last_name: 'Tamang',
  email: 'rin.tamang@example.com',
  date_of_birth: '1984-03-02',
  address_line1: '2 Market St',
  city: 'San Francisco',
  state: 'CA',
  country: 'US',
  zipcode: '94105',
  br_type: { account_operator: true, beneficial_owner: false, compliance: false, primary_controller: false },
};

export function expectOk<T>(response: TestResponse<T>, status = 200): T {
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
  return response.body;
}

/** Registers a user (with an account operator when a business) and returns it. */
export async function register(api: SendApi, body: Record<string, unknown>): Promise<any> {
  const user = expectOk(await api.post('/users', body));
  if (body.business === true) expectOk(await api.post(`/users/${user.id}/business-representative`, accountOperator));
  return user;
}

/** Initiates verification and lets every pending check finish. */
export async function verify(sandbox: TestSandbox, api: SendApi, id: string): Promise<any> {
  expect(expectOk(await api.post(`/users/${id}/kyc`))).toEqual({ success: true, status: 'INITIATED' });
  sandbox.sandbox.completePendingTasks();
  return expectOk(await api.get(`/users/${id}`));
}

export async function cipOf(api: SendApi, id: string): Promise<Record<string, string>> {
  const { result } = expectOk(await api.get(`/users/${id}/cip-info`));
  return Object.fromEntries(result.map(({ tag, status }: { tag: string; status: string }) => [tag, status]));
}
