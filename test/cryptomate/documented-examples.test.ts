import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launch, type TestResponse, type TestSandbox } from '../helpers/sandbox.js';
import { cryptoMate, DOCUMENTED_BUSINESS_ID, DOCUMENTED_CLIENT_ID, TRACE_ID, UNKNOWN_CLIENT_ID } from '../helpers/cryptomate.js';

/**
 * Every request example of CryptoMate's client pages (crypto-mate/docs at 0e38407, served at
 * docs.cryptomate.me/api-reference/management/clients/…), sent as written, its documented response
 * compared field by field. The examples' client `client_a1b2c3d4-…` is seeded in every company as the
 * get-client page shows John Doe, with the provider pages' Bridge link `cpc_abc123` and the bank pages'
 * Chase account `ba_abc123`, so each example is sent as written and meets its documented 200; a
 * documented 404 is met once the record it names is gone, or for one the company never had. The fields
 * the sandbox cannot know in advance (its company id, new ids and times) are compared by form.
 */

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const DOCS = 'docs.cryptomate.me/api-reference/management/clients';
const CLIENT_ID = /^client_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const COMPANY_ID = /^comp_[0-9a-f-]{36}$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;

/** The documented error body: exactly `{code, message}` plus the optional `trace_id` of the newer errors page. */
function expectDocumentedError(response: TestResponse, status: number, documented: { code: string; message: string }) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ ...documented, trace_id: expect.stringMatching(TRACE_ID) });
  expect(response.headers.get('x-trace-id')).toBe(response.body.trace_id);
}

/** A company of its own per example, called with the docs' lower-case `x-api-key` header. */
function company() {
  const apiKey = `docs_${Math.random().toString(36).slice(2)}`;
  return cryptoMate(sandbox, apiKey);
}

const asDocumented = (api: ReturnType<typeof company>) => ({ headers: { 'x-api-key': api.apiKey, 'Content-Type': 'application/json' } });

// The create-client page's request body, as written.
const CREATE_CLIENT_EXAMPLE = {
  phone_country_code: 1,
  phone_number: 4155551234,
  username: 'johndoe123',
  first_name: 'John',
  last_name: 'Doe',
  email: 'john.doe@example.com',
  birth_date: '1990-05-15',
  otp: true,
  sms: true,
  address: { street_line_1: '123 Main Street', city: 'San Francisco', postal_code: '94102', state: 'CA', country: 'US' },
  individual_identification: '123-45-6789',
  individual_identification_type: 'SSN',
};

// The same request with the address written as the live create-client page's field notes ask:
// `state` in ISO 3166-2 `{COUNTRY}-{SUBDIVISION}` form, `country` in alpha-3.
const CREATE_CLIENT_VALID = {
  ...CREATE_CLIENT_EXAMPLE,
  address: { ...CREATE_CLIENT_EXAMPLE.address, state: 'USA-CA', country: 'USA' },
};

// The create-business-client page's request body, as written.
const CREATE_BUSINESS_EXAMPLE = {
  email: 'business@techstartup.io',
  business_legal_name: 'TechStartup Solutions Inc.',
  business_trade_name: 'TechStartup',
  business_description: 'Software development company specializing in fintech solutions',
  business_type: 'corporation',
  business_industry: ['541511'],
  registered_address: { street_line_1: '123 Main Street', city: 'San Francisco', postal_code: '94102', state: 'CA', country: 'US' },
  associated_persons: [
    {
      first_name: 'Jane',
      last_name: 'Smith',
      email: 'jane.smith@techstartup.io',
      birth_date: '1985-02-20',
      residential_address: { street_line_1: '456 Oak Ave', city: 'San Francisco', postal_code: '94102', country: 'US' },
      has_ownership: true,
      has_control: true,
      is_signer: true,
      identifying_information: [{ type: 'ssn', issuing_country: 'USA', number: '123-45-6789' }],
    },
  ],
  identifying_information: [{ type: 'ein', issuing_country: 'USA', number: '12-3456789' }],
  high_risk_activities: [],
  primary_website: 'https://www.techstartup.io',
};

const CREATE_BUSINESS_VALID = {
  ...CREATE_BUSINESS_EXAMPLE,
  registered_address: { ...CREATE_BUSINESS_EXAMPLE.registered_address, state: 'USA-CA', country: 'USA' },
};

/** John Doe made by the create-client example, screened to ACTIVE as the get-client example shows him. */
async function johnDoe(api: ReturnType<typeof company>) {
  const created = await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api));
  expect(created.status).toBe(200);
  sandbox.sandbox.completePendingTasks();
  return created.body as { id: string; company_id: string; created_at: string };
}

describe(`docs: Create client (${DOCS}/create-client)`, () => {
  it('answers the documented 412 Address Invalid for the example as written (state CA, country US)', async () => {
    const api = company();
    const response = await api.post('/clients', CREATE_CLIENT_EXAMPLE, asDocumented(api));
    expectDocumentedError(response, 412, { code: 'VAL', message: "Address validation failed: state 'CA' does not belong to country 'US'" });
  });

  it('answers the documented 200 for the example with the address in the documented form', async () => {
    const api = company();
    const response = await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(CLIENT_ID),
      company_id: expect.stringMatching(COMPANY_ID),
      type: 'individual',
      status: 'PENDING',
      first_name: 'John',
      last_name: 'Doe',
      email: 'john.doe@example.com',
      phone_country_code: 1,
      phone_number: 4155551234,
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expect(response.body.updated_at).toBe(response.body.created_at);
    // The page's 412 Duplicate Client: the same phone number again.
    expectDocumentedError(await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api)), 412, {
      code: 'VAL',
      message: 'Company client already exists for this company and phone number',
    });
  });
});

describe(`docs: Create business client (${DOCS}/create-business-client)`, () => {
  it('answers the documented 412 Address Invalid for the example as written', async () => {
    const api = company();
    const response = await api.post('/clients/business', CREATE_BUSINESS_EXAMPLE, asDocumented(api));
    expectDocumentedError(response, 412, {
      code: 'VAL',
      message: "Registered address validation failed: state 'CA' does not belong to country 'US'",
    });
  });

  it('answers the documented 200 for the example with the registered address in the documented form', async () => {
    const api = company();
    const response = await api.post('/clients/business', CREATE_BUSINESS_VALID, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(CLIENT_ID),
      company_id: expect.stringMatching(COMPANY_ID),
      type: 'business',
      status: 'PENDING',
      business_legal_name: 'TechStartup Solutions Inc.',
      business_trade_name: 'TechStartup',
      email: 'business@techstartup.io',
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
    });
  });

  it.each([
    ['Invalid Business Type', { business_type: 'foo' }, 'Invalid business type: foo. Valid values are: corporation, llc, partnership, sole_proprietorship, non_profit, trust, other'],
    ['Missing Industry', { business_industry: [] }, 'At least one business industry is required'],
    ['Invalid Industry Code', { business_industry: ['999999'] }, 'Invalid business industry code: 999999'],
    ['Missing High Risk', { high_risk_activities: null }, 'High risk activities selection is required'],
    [
      'Missing Associated Person Control',
      { associated_persons: [{ ...CREATE_BUSINESS_EXAMPLE.associated_persons[0], has_control: false }] },
      'At least one associated person must have control',
    ],
    [
      'Missing Associated Person Signer',
      { associated_persons: [{ ...CREATE_BUSINESS_EXAMPLE.associated_persons[0], is_signer: false }] },
      'At least one associated person must be a signer',
    ],
    ['Missing Legal Name', { business_legal_name: null }, 'Business legal name is required for business clients'],
  ])('answers the documented 412 %s', async (_label, change, message) => {
    const api = company();
    const response = await api.post('/clients/business', { ...CREATE_BUSINESS_VALID, ...change }, asDocumented(api));
    expectDocumentedError(response, 412, { code: 'VAL', message });
  });
});

describe(`docs: Get client by ID (${DOCS}/get-client)`, () => {
  it('answers the documented 200 for the example as written', async () => {
    const api = company();
    const response = await api.get(`/clients/${DOCUMENTED_CLIENT_ID}`, asDocumented(api));
    expect(response.status).toBe(200);
    // The documented body but its phone, which the seeded John leaves to the create-client example.
    expect(response.body).toEqual({
      id: DOCUMENTED_CLIENT_ID,
      company_id: expect.stringMatching(COMPANY_ID),
      type: 'individual',
      status: 'ACTIVE',
      first_name: 'John',
      last_name: 'Doe',
      email: 'john.doe@example.com',
      username: 'johndoe123',
      otp: true,
      sms: true,
      whatsapp: false,
      telegram: false,
      created_at: '2026-04-15T10:30:00',
      updated_at: '2026-04-15T10:30:00',
    });
  });

  it('answers the documented 404 for a client the company does not have', async () => {
    const api = company();
    expectDocumentedError(await api.get(`/clients/${UNKNOWN_CLIENT_ID}`, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: `Company client not found with id: ${UNKNOWN_CLIENT_ID}`,
    });
  });

  it('answers the documented 200 for John Doe once screened', async () => {
    const api = company();
    const john = await johnDoe(api);
    const response = await api.get(`/clients/${john.id}`, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: john.id,
      company_id: john.company_id,
      type: 'individual',
      status: 'ACTIVE',
      first_name: 'John',
      last_name: 'Doe',
      email: 'john.doe@example.com',
      phone_country_code: 1,
      phone_number: 4155551234,
      username: 'johndoe123',
      otp: true,
      sms: true,
      whatsapp: false,
      telegram: false,
      created_at: john.created_at,
      updated_at: expect.stringMatching(TIMESTAMP),
    });
  });
});

describe(`docs: List all clients (${DOCS}/get-all-clients)`, () => {
  it('answers the documented array for ?otp=true', async () => {
    const api = company();
    const john = await johnDoe(api);
    const response = await api.get('/clients?otp=true', asDocumented(api));
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect(response.body.every((client: { otp: boolean }) => client.otp === true)).toBe(true);
    expect(response.body.find((client: { id: string }) => client.id === john.id)).toMatchObject({
      company_id: john.company_id,
      type: 'individual',
      status: 'ACTIVE',
      first_name: 'John',
      last_name: 'Doe',
      email: 'john.doe@example.com',
      otp: true,
      sms: true,
    });
  });
});

describe(`docs: Update client (${DOCS}/update-client)`, () => {
  const UPDATE_EXAMPLE = { first_name: 'John', last_name: 'Doe', email: 'john.doe.new@example.com', sms: false };

  it('answers the updated John Doe for the example as written', async () => {
    const api = company();
    const response = await api.put(`/clients/${DOCUMENTED_CLIENT_ID}`, UPDATE_EXAMPLE, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: DOCUMENTED_CLIENT_ID, ...UPDATE_EXAMPLE, username: 'johndoe123', otp: true, created_at: '2026-04-15T10:30:00' });
  });

  it('answers the documented 404 for a client the company does not have', async () => {
    const api = company();
    expectDocumentedError(await api.put(`/clients/${UNKNOWN_CLIENT_ID}`, UPDATE_EXAMPLE, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: `Company client not found with id: ${UNKNOWN_CLIENT_ID}`,
    });
  });

  it('answers the updated client for an existing one, and the documented 412 Duplicate Client for a taken phone', async () => {
    const api = company();
    const john = await johnDoe(api);
    const updated = await api.put(`/clients/${john.id}`, UPDATE_EXAMPLE, asDocumented(api));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: john.id, ...UPDATE_EXAMPLE, otp: true, username: 'johndoe123' });
    const other = await api.post('/clients', { ...CREATE_CLIENT_VALID, phone_number: 4155559876 }, asDocumented(api));
    expectDocumentedError(await api.put(`/clients/${other.body.id}`, { phone_number: 4155551234 }, asDocumented(api)), 412, {
      code: 'VAL',
      message: 'Company client already exists for this company and phone number',
    });
  });
});

describe(`docs: Delete client (${DOCS}/delete-client)`, () => {
  it('deletes John Doe for the example as written, then answers the documented 404 for it', async () => {
    const api = company();
    const deleted = await api.delete(`/clients/${DOCUMENTED_CLIENT_ID}`, asDocumented(api));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    const documented404 = { code: 'NOT_FOUND', message: `Company client not found with id: ${DOCUMENTED_CLIENT_ID}` };
    expectDocumentedError(await api.delete(`/clients/${DOCUMENTED_CLIENT_ID}`, asDocumented(api)), 404, documented404);
    expectDocumentedError(await api.get(`/clients/${DOCUMENTED_CLIENT_ID}`, asDocumented(api)), 404, documented404);
    expectDocumentedError(await api.put(`/clients/${DOCUMENTED_CLIENT_ID}`, { sms: false }, asDocumented(api)), 404, documented404);
    expectDocumentedError(await api.patch(`/clients/${DOCUMENTED_CLIENT_ID}/enable-otp`, undefined, asDocumented(api)), 404, documented404);
    // "All associated data" goes with it: his Bridge link and his bank account.
    expectDocumentedError(await api.get(`/clients/${DOCUMENTED_CLIENT_ID}/providers/by-provider/BRIDGE`, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: 'Client does not have a customer ID for provider BRIDGE',
    });
    expect((await api.get(`/clients/${DOCUMENTED_CLIENT_ID}/banks`, asDocumented(api))).body).toEqual([]);
  });
});

describe(`docs: Enable OTP for client (${DOCS}/enable-otp)`, () => {
  it('answers the documented fields for the example as written, for a new client, and the documented 404 for an unknown one', async () => {
    const api = company();
    const john = await api.patch(`/clients/${DOCUMENTED_CLIENT_ID}/enable-otp`, undefined, asDocumented(api));
    expect(john.status).toBe(200);
    expect(john.body).toMatchObject({ id: DOCUMENTED_CLIENT_ID, otp: true });
    expectDocumentedError(await api.patch(`/clients/${UNKNOWN_CLIENT_ID}/enable-otp`, undefined, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: `Company client not found with id: ${UNKNOWN_CLIENT_ID}`,
    });
    const { body: client } = await api.post('/clients', { ...CREATE_CLIENT_VALID, otp: false }, asDocumented(api));
    const enabled = await api.patch(`/clients/${client.id}/enable-otp`, undefined, asDocumented(api));
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ id: client.id, otp: true });
  });
});

describe(`docs: Get client by phone (WhatsApp) (${DOCS}/get-by-phone-whatsapp)`, () => {
  it('answers the documented 404 for the example as written, and finds the client once WhatsApp is on', async () => {
    const api = company();
    const example = '/clients/by-phone-whatsapp?fullPhoneNumber=14155551234';
    expectDocumentedError(await api.get(example, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: 'Company client not found with phone number and WhatsApp enabled',
    });
    const { body: client } = await api.post('/clients', { ...CREATE_CLIENT_VALID, whatsapp: true }, asDocumented(api));
    const found = await api.get(example, asDocumented(api));
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: client.id, phone_country_code: 1, phone_number: 4155551234, whatsapp: true });
  });
});

describe(`docs: List associated persons (${DOCS}/list-associated-persons)`, () => {
  it("answers the documented Jane Smith, by the docs' id, for the seeded TechStartup", async () => {
    const api = company();
    const response = await api.get(`/clients/${DOCUMENTED_BUSINESS_ID}/associated-persons`, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      {
        id: 'ap_abc123',
        business_client_id: DOCUMENTED_BUSINESS_ID,
        first_name: 'Jane',
        last_name: 'Smith',
        email: 'jane.smith@techstartup.io',
        birth_date: '1985-02-20',
        residential_address: { street_line_1: '456 Oak Ave', city: 'San Francisco', postal_code: '94102', country: 'US' },
        has_ownership: true,
        has_control: true,
        is_signer: true,
        is_director: false,
        identifying_information: [{ type: 'ssn', issuing_country: 'USA', number: '123-45-6789' }],
        created_at: '2026-04-15T10:30:00',
        updated_at: '2026-04-15T10:30:00',
      },
    ]);
  });

  it("answers the documented person for the create-business example's Jane Smith", async () => {
    const api = company();
    const { body: business } = await api.post('/clients/business', CREATE_BUSINESS_VALID, asDocumented(api));
    const response = await api.get(`/clients/${business.id}/associated-persons`, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(1);
    expect(response.body[0]).toMatchObject({
      id: expect.stringMatching(/^ap_[0-9a-f-]{36}$/),
      business_client_id: business.id,
      first_name: 'Jane',
      last_name: 'Smith',
      email: 'jane.smith@techstartup.io',
      birth_date: '1985-02-20',
      has_ownership: true,
      has_control: true,
      is_signer: true,
      is_director: false,
      created_at: business.created_at,
      updated_at: business.created_at,
    });
    // Identifying information is listed "without images".
    expect(response.body[0].identifying_information).toEqual([{ type: 'ssn', issuing_country: 'USA', number: '123-45-6789' }]);
  });
});

describe(`docs: Get client pending documents (${DOCS}/get-pending-documents)`, () => {
  it("answers the documented 412 No Pending for the example as written, John Doe being ACTIVE, and the documented 404 once he is gone", async () => {
    const api = company();
    const example = `/clients/${DOCUMENTED_CLIENT_ID}/pending-documents`;
    expectDocumentedError(await api.get(example, asDocumented(api)), 412, {
      code: 'VAL',
      message: 'No pending documents for client, due to status: ACTIVE',
    });
    await api.delete(`/clients/${DOCUMENTED_CLIENT_ID}`, asDocumented(api));
    expectDocumentedError(await api.get(example, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: `Client not found: ${DOCUMENTED_CLIENT_ID}`,
    });
  });

  it('answers the documented fields for the seeded TechStartup, still pending', async () => {
    const api = company();
    const response = await api.get(`/clients/${DOCUMENTED_BUSINESS_ID}/pending-documents`, asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body.documents[0]).toMatchObject({ provider: 'BRIDGE', type: 'PASSPORT', name: 'Passport', issue_reasons: [] });
  });

  it('answers the documented fields while a new client is pending, then the 412 No Pending', async () => {
    const api = company();
    const { body: client } = await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api));
    const pending = await api.get(`/clients/${client.id}/pending-documents`, asDocumented(api));
    expect(pending.status).toBe(200);
    expect(pending.body.documents[0]).toMatchObject({
      provider: 'BRIDGE',
      type: 'PASSPORT',
      name: 'Passport',
      description: 'A valid government-issued passport',
      require_image: true,
      require_back_image: false,
      require_number: true,
      require_expiration: true,
      issue_reasons: expect.any(Array),
    });
    sandbox.sandbox.completePendingTasks();
    expectDocumentedError(await api.get(`/clients/${client.id}/pending-documents`, asDocumented(api)), 412, {
      code: 'VAL',
      message: 'No pending documents for client, due to status: ACTIVE',
    });
  });
});

describe(`docs: Get supported countries (${DOCS}/get-countries)`, () => {
  it('answers the documented envelope with the United States as written', async () => {
    const api = company();
    const response = await api.get('/clients/countries', asDocumented(api));
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['count', 'data']);
    expect(response.body.count).toBe(response.body.data.length);
    expect(response.body.data[0]).toEqual({ name: 'United States', alpha3: 'USA', postal_code_format: '#####', subdivisions: expect.any(Array) });
  });
});

describe(`docs: Get documentation checklist (${DOCS}/get-documentation-checklist)`, () => {
  it('answers the documented checklist for the example as written', async () => {
    const api = company();
    const response = await api.get('/clients/documentation/checklist_abc123', asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: 'checklist_abc123',
      name: 'Standard KYC Verification',
      description: 'Documents required for individual verification',
      document_groups: [
        {
          id: 'dg_identity',
          name: 'Identity Documents',
          description: 'Government-issued identification documents',
          required: true,
          valid_documents: [],
        },
      ],
    });
  });
});

describe(`docs: Get identification types by country (${DOCS}/get-identifications-by-country)`, () => {
  it('answers the documented list for US as written', async () => {
    const api = company();
    const response = await api.get('/clients/identifications/US', asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual({ type: 'SSN', description: 'Social Security Number' });
  });
});

describe(`docs: Get business identification types by country (${DOCS}/get-business-identifications-by-country)`, () => {
  it('answers the documented list for US as written', async () => {
    const api = company();
    const response = await api.get('/clients/business-identifications/US', asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual({ type: 'EIN', description: 'Employer Identification Number' });
  });
});

describe(`docs: List occupation codes (${DOCS}/get-occupation-codes)`, () => {
  it('answers the documented list as written', async () => {
    const api = company();
    const response = await api.get('/clients/occupation-codes', asDocumented(api));
    expect(response.status).toBe(200);
    expect(response.body[0]).toEqual({ code: '11-1011', description: 'Chief Executives' });
  });
});

describe(`docs: List business industries (${DOCS}/get-business-industries)`, () => {
  // The page's example item is `TECH`; the page and create-business call the codes NAICS and send `541511`,
  // so the sandbox serves NAICS codes (see the ledger).
  it('answers a list of codes with descriptions, holding the NAICS code the create-business example sends', async () => {
    const api = company();
    const response = await api.get('/clients/business-industries', asDocumented(api));
    expect(response.status).toBe(200);
    for (const industry of response.body) expect(Object.keys(industry)).toEqual(['code', 'description']);
    expect(response.body.map((industry: { code: string }) => industry.code)).toContain('541511');
  });
});

describe(`docs: provider customer links (${DOCS}/create-provider-customer, list-provider-customers, get-provider-customer-by-provider, update-provider-customer, delete-provider-customer)`, () => {
  it('answers each example as written for John Doe, whose documented link the create example made, then the documented 404s', async () => {
    const api = company();
    const base = `/clients/${DOCUMENTED_CLIENT_ID}/providers`;
    // The create page's 200, as seeded.
    const documented = {
      id: 'cpc_abc123',
      client_id: DOCUMENTED_CLIENT_ID,
      provider: 'BRIDGE',
      customer_id: 'cust_ext_xyz789',
      status: 'active',
      created_at: '2026-04-15T10:30:00',
      updated_at: '2026-04-15T10:30:00',
    };
    expect((await api.get(base, asDocumented(api))).body).toEqual([documented]);
    expect((await api.get(`${base}/by-provider/BRIDGE`, asDocumented(api))).body).toEqual(documented);
    expectDocumentedError(await api.post(base, { provider: 'BRIDGE', customer_id: 'cust_ext_xyz789' }, asDocumented(api)), 412, {
      code: 'VAL',
      message: 'Client already has a customer ID for provider BRIDGE',
    });
    const updated = await api.put(`${base}/cpc_abc123`, { customer_id: 'cust_ext_updated_123' }, asDocumented(api));
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...documented, customer_id: 'cust_ext_updated_123', updated_at: expect.stringMatching(TIMESTAMP) });
    const deleted = await api.delete(`${base}/cpc_abc123`, asDocumented(api));
    expect(deleted.status).toBe(200);
    expectDocumentedError(await api.get(`${base}/by-provider/BRIDGE`, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: 'Client does not have a customer ID for provider BRIDGE',
    });
    expectDocumentedError(await api.put(`${base}/cpc_abc123`, { customer_id: 'cust_ext_updated_123' }, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: 'ClientProviderCustomer not found',
    });
  });

  it("answers the create example's link for the seeded TechStartup, which has none yet", async () => {
    const api = company();
    const created = await api.post(`/clients/${DOCUMENTED_BUSINESS_ID}/providers`, { provider: 'BRIDGE', customer_id: 'cust_ext_xyz789' }, asDocumented(api));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ client_id: DOCUMENTED_BUSINESS_ID, provider: 'BRIDGE', customer_id: 'cust_ext_xyz789', status: 'active' });
  });

  it('answers the documented link, then the 412 Precondition Failed, the update and the removal', async () => {
    const api = company();
    const { body: client } = await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api));
    const base = `/clients/${client.id}/providers`;
    const created = await api.post(base, { provider: 'BRIDGE', customer_id: 'cust_ext_xyz789' }, asDocumented(api));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^cpc_[0-9a-f-]{36}$/),
      client_id: client.id,
      provider: 'BRIDGE',
      customer_id: 'cust_ext_xyz789',
      status: 'active',
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
    });
    expectDocumentedError(await api.post(base, { provider: 'BRIDGE', customer_id: 'cust_ext_xyz789' }, asDocumented(api)), 412, {
      code: 'VAL',
      message: 'Client already has a customer ID for provider BRIDGE',
    });
    expect((await api.get(base, asDocumented(api))).body).toEqual([created.body]);
    expect((await api.get(`${base}/by-provider/BRIDGE`, asDocumented(api))).body).toEqual(created.body);
    const updated = await api.put(`${base}/${created.body.id}`, { customer_id: 'cust_ext_updated_123' }, asDocumented(api));
    expect(updated.body).toMatchObject({ id: created.body.id, customer_id: 'cust_ext_updated_123' });
    expect((await api.delete(`${base}/${created.body.id}`, asDocumented(api))).status).toBe(200);
    expect((await api.get(base, asDocumented(api))).body).toEqual([]);
  });
});

const BANK_DOCS = `${DOCS}/bank-accounts`;

const BANK_EXAMPLES = {
  us: {
    request: {
      bank_name: 'Chase Bank',
      account_alias: 'Primary Checking',
      bank_holder_name: 'John Michael Doe',
      account_number: '123456789',
      routing_number: '021000021',
      account_type: 'CHECKING',
      address: { streetLine1: '123 Main Street', city: 'San Francisco', postal_code: '94102', state: 'CA', country: 'US' },
    },
    response: {
      bank_name: 'Chase Bank',
      bank_holder_name: 'John Michael Doe',
      account_alias: 'Primary Checking',
      type: 'ACH',
      currency: 'USD',
      account_number: '123456789',
      routing_number: '021000021',
      account_type: 'checking',
    },
  },
  spei: {
    request: {
      bank_name: 'BBVA Bancomer',
      account_alias: 'Primary SPEI Account',
      bank_holder_name: 'Juan Carlos Rodriguez',
      account_number: '012180001234567897',
      address: { streetLine1: 'Av. Insurgentes Sur 1602', city: 'Ciudad de México', postal_code: '03940', country: 'MX' },
    },
    response: { bank_name: 'BBVA Bancomer', bank_holder_name: 'Juan Carlos Rodriguez', type: 'SPEI', currency: 'MXN', clabe: '012180001234567897' },
  },
  sepa: {
    request: {
      bank_name: 'Deutsche Bank',
      account_alias: 'Primary SEPA Account',
      bank_holder_first_name: 'Hans',
      bank_holder_last_name: 'Mueller',
      account_number: 'DE89370400440532013000',
      bic: 'DEUTDEFF',
      country: 'DE',
      address: { streetLine1: 'Friedrichstrasse 100', city: 'Berlin', postal_code: '10117', country: 'DE' },
    },
    response: { bank_name: 'Deutsche Bank', type: 'SEPA', currency: 'EUR', iban: 'DE89370400440532013000', bic: 'DEUTDEFF' },
  },
  pix: {
    request: {
      bank_name: 'Banco do Brasil',
      account_alias: 'Primary PIX Account',
      bank_holder_first_name: 'João',
      bank_holder_last_name: 'Silva',
      pix_key: 'customer@example.com',
      document_number: '12345678900',
      country: 'BR',
      address: { streetLine1: 'Av. Paulista 1000', city: 'São Paulo', postal_code: '01310-100', country: 'BR' },
    },
    response: { bank_name: 'Banco do Brasil', type: 'PIX', currency: 'BRL', pix_key: 'customer@example.com', document_number: '12345678900' },
  },
};

describe.each([
  ['us', 'Create US bank account', 'create-us-bank-account'],
  ['spei', 'Create SPEI bank account', 'create-spei-bank-account'],
  ['sepa', 'Create SEPA bank account', 'create-sepa-bank-account'],
  ['pix', 'Create PIX bank account', 'create-pix-bank-account'],
] as const)('docs: %s', (rail, title, page) => {
  it(`${title} (${BANK_DOCS}/${page}): the documented 200 as written, the documented 404 for a client without a Bridge customer`, async () => {
    const api = company();
    const { request, response: documented } = BANK_EXAMPLES[rail];
    const created = await api.post(`/clients/${DOCUMENTED_CLIENT_ID}/banks/${rail}`, request, asDocumented(api));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^ba_[0-9a-f-]{36}$/), client_id: DOCUMENTED_CLIENT_ID, ...documented });
    const { body: client } = await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api));
    expectDocumentedError(await api.post(`/clients/${client.id}/banks/${rail}`, request, asDocumented(api)), 404, {
      code: 'NOT_FOUND',
      message: 'Client does not have a customer ID for provider BRIDGE',
    });
  });
});

describe(`docs: List, Get and Delete bank account (${BANK_DOCS}/list-bank-accounts, get-bank-account, delete-bank-account)`, () => {
  it("answers the documented account for the examples as written, then the documented 404 once it is deleted", async () => {
    const api = company();
    const example = `/clients/${DOCUMENTED_CLIENT_ID}/banks/ba_abc123`;
    const listed = await api.get(`/clients/${DOCUMENTED_CLIENT_ID}/banks`, asDocumented(api));
    const companyId = listed.body[0].company_id;
    expect(companyId).toMatch(COMPANY_ID);
    const seeded = { id: 'ba_abc123', company_id: companyId, client_id: DOCUMENTED_CLIENT_ID, ...BANK_EXAMPLES.us.response };
    expect(listed.body).toEqual([seeded]);
    expect((await api.get(example, asDocumented(api))).body).toEqual(seeded);
    const removed = await api.delete(example, asDocumented(api));
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual(seeded);
    const notFound = { code: 'NOT_FOUND', message: `Bank account ba_abc123 for company ${companyId} not found` };
    expectDocumentedError(await api.get(example, asDocumented(api)), 404, notFound);
    expectDocumentedError(await api.delete(example, asDocumented(api)), 404, notFound);
  });

  it('answers the documented account for one created the documented way', async () => {
    const api = company();
    const { body: client } = await api.post('/clients', CREATE_CLIENT_VALID, asDocumented(api));
    await api.post(`/clients/${client.id}/providers`, { provider: 'BRIDGE', customer_id: 'cust_ext_xyz789' }, asDocumented(api));
    const { body: account } = await api.post(`/clients/${client.id}/banks/us`, BANK_EXAMPLES.us.request, asDocumented(api));
    const documented = { id: account.id, company_id: client.company_id, client_id: client.id, ...BANK_EXAMPLES.us.response };
    expect((await api.get(`/clients/${client.id}/banks`, asDocumented(api))).body).toEqual([documented]);
    expect((await api.get(`/clients/${client.id}/banks/${account.id}`, asDocumented(api))).body).toEqual(documented);
    const deleted = await api.delete(`/clients/${client.id}/banks/${account.id}`, asDocumented(api));
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual(documented);
  });
});

describe('docs: Errors (docs.cryptomate.me/integration/errors)', () => {
  it("answers the page's 401 example for a request without a key", async () => {
    const response = await sandbox.request('GET', '/management/clients');
    expectDocumentedError(response, 401, { code: 'API_ERROR', message: 'Access denied. The API Key is not authorized to do this operation.' });
  });

  it("answers the page's 500 as SERVER_ERROR, CryptoMate's code for an unhandled exception, when a test forces it", async () => {
    const api = company();
    const response = await api.get(`/clients/${DOCUMENTED_CLIENT_ID}`, { headers: { Prefer: 'code=500' } });
    expect(response.status).toBe(500);
    expect(response.body).toMatchObject({ code: 'SERVER_ERROR', trace_id: expect.stringMatching(TRACE_ID) });
  });

  it("answers the newer page's 404 example, with its trace_id, for a resource that does not exist", async () => {
    const api = company();
    expectDocumentedError(await api.get('/clients/nowhere/at/all'), 404, { code: 'NOT_FOUND', message: 'Resource not found' });
  });
});

describe('docs: API keys (docs.cryptomate.me/authentication)', () => {
  it('takes the key in x-api-key, however the header name is written', async () => {
    const api = company();
    for (const header of ['x-api-key', 'X-API-KEY', 'X-Api-Key']) {
      const response = await sandbox.request('GET', '/management/clients/occupation-codes', { headers: { [header]: api.apiKey } });
      expect(response.status).toBe(200);
    }
  });
});

interface Received {
  headers: IncomingHttpHeaders;
  body: any;
}

describe('docs: Webhooks, client_status (docs.cryptomate.me/integration/webhooks)', () => {
  let server: Server;
  const received: Received[] = [];
  let hooked: TestSandbox;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => (text += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: JSON.parse(text) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ response_code: 'OK' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    hooked = await launch({ vendorSettings: { cryptomate: { webhookUrl: url, webhookKey: 'my-webhook-key' } } });
  });
  afterAll(async () => {
    await hooked.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("sends the documented envelope and headers for Jane Doe's rejection", async () => {
    const api = cryptoMate(hooked);
    const jane = { ...CREATE_CLIENT_VALID, first_name: 'Jane', last_name: 'Sanctioned', email: 'jane@example.com' };
    const { body: client } = await api.post('/clients', jane);
    const sentAt = Date.now();
    hooked.sandbox.completePendingTasks();
    const deadline = Date.now() + 2000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));

    const [event] = received;
    expect(event!.headers['x-webhook-key']).toBe('my-webhook-key');
    expect(event!.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(event!.headers['x-request-timestamp']) - sentAt)).toBeLessThan(2000);
    expect(event!.headers['x-trace-id']).toMatch(TRACE_ID);
    expect(event!.body).toMatchObject({
      product: 'company_activity',
      event_type: 'client_status',
      operation_id: client.id,
      status: 'failed',
      data: {
        id: client.id,
        company_id: client.company_id,
        type: 'individual',
        email: 'jane@example.com',
        first_name: 'Jane',
        last_name: 'Sanctioned',
        status: 'rejected',
        rejection_code: 'REJECTED_BY_PROVIDER',
        rejection_description: 'Sanctions match',
        created_at: `${client.created_at}Z`,
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      },
    });
    expect(Object.keys(event!.body)).toEqual(['product', 'event_type', 'operation_id', 'status', 'data']);
  });
});
