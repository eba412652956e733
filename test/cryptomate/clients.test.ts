import { launch, type TestResponse, type TestSandbox } from '../helpers/sandbox.js';
import {
  associatedPerson,
  cryptoMate,
  DOCUMENTED_CLIENT_ID,
  newBusiness,
  newIndividual,
  TRACE_ID,
  UNAUTHORIZED_MESSAGE,
  UNKNOWN_CLIENT_ID,
} from '../helpers/cryptomate.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

/** A CryptoMate error: the status, `{code, message}`, and a `trace_id` that is the `X-Trace-Id` header. */
function expectError(response: TestResponse, status: number, code: string, message: string | RegExp) {
  expect(response.status).toBe(status);
  expect(response.body.code).toBe(code);
  if (typeof message === 'string') expect(response.body.message).toBe(message);
  else expect(response.body.message).toMatch(message);
  expect(response.body.trace_id).toMatch(TRACE_ID);
  expect(response.headers.get('x-trace-id')).toBe(response.body.trace_id);
}

const SOURCE_PAGE_BODY = { first_name: 'John', last_name: 'Doe', email: 'john.doe.new@example.com', sms: false };

describe('the source page request', () => {
  it("updates the example's John Doe, seeded in every company, as written", async () => {
    const api = cryptoMate(sandbox, 'source-page-key');
    const response = await api.put(`/clients/${DOCUMENTED_CLIENT_ID}`, SOURCE_PAGE_BODY, {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: DOCUMENTED_CLIENT_ID, ...SOURCE_PAGE_BODY, username: 'johndoe123', otp: true, status: 'ACTIVE' });
  });

  it('answers the documented 404 for a client the company does not have', async () => {
    const api = cryptoMate(sandbox, 'my-company-key');
    const response = await api.put(`/clients/${UNKNOWN_CLIENT_ID}`, SOURCE_PAGE_BODY, {
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      code: 'NOT_FOUND',
      message: `Company client not found with id: ${UNKNOWN_CLIENT_ID}`,
      trace_id: response.headers.get('x-trace-id'),
    });
  });

  it('updates a seeded client with those four fields and leaves the rest as they were', async () => {
    const api = cryptoMate(sandbox, 'my-company-key');
    const [seeded] = (await api.get('/clients')).body.filter((client: { type: string }) => client.type === 'individual');
    const updated = await api.put(`/clients/${seeded.id}`, SOURCE_PAGE_BODY);
    expect(updated.status).toBe(200);
    expect(updated.headers.get('x-trace-id')).toMatch(TRACE_ID);
    const { first_name, last_name, email, sms, updated_at, ...rest } = updated.body;
    const { first_name: _f, last_name: _l, email: _e, sms: _s, updated_at: _u, ...before } = seeded;
    expect({ first_name, last_name, email, sms }).toEqual(SOURCE_PAGE_BODY);
    expect(rest).toEqual(before);
    expect(updated_at >= seeded.updated_at).toBe(true);
    expect((await api.get(`/clients/${seeded.id}`)).body).toEqual(updated.body);
  });
});

describe('client lifecycle', () => {
  it('creates, reads, updates, enables OTP, deletes and then answers 404', async () => {
    const api = cryptoMate(sandbox);
    const seededCompany = (await api.get('/clients')).body[0].company_id;
    const created = await api.post('/clients', newIndividual({ otp: false, whatsapp: true, bank_ramp: true, occupation: 'Engineer' }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      company_id: seededCompany,
      type: 'individual',
      status: 'PENDING',
      first_name: 'John',
      last_name: 'Doe',
      phone_country_code: 1,
      otp: false,
      sms: true,
      whatsapp: true,
      telegram: false,
      address: { state: 'USA-CA', country: 'USA' },
    });
    // Request-only fields are kept but not shown: CryptoMate's client object does not list them.
    expect(created.body.bank_ramp).toBeUndefined();
    expect(created.body.occupation).toBeUndefined();
    expect(created.body.id).toMatch(/^client_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const id = created.body.id;

    expect((await api.get(`/clients/${id}`)).body).toEqual(created.body);
    const list = await api.get('/clients');
    expect(Array.isArray(list.body)).toBe(true);
    // The 25 generated clients, the docs' John Doe and TechStartup, and this one.
    expect(list.body).toHaveLength(28);
    expect(list.body.at(-1).id).toBe(id);

    const updated = await api.put(`/clients/${id}`, { second_name: 'Q', telegram: true, last_name: null, company_id: 'comp_other' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ second_name: 'Q', telegram: true, last_name: 'Doe', company_id: seededCompany });

    const otp = await api.patch(`/clients/${id}/enable-otp`);
    expect(otp.status).toBe(200);
    expect(otp.body).toMatchObject({ id, otp: true, second_name: 'Q' });

    const deleted = await api.delete(`/clients/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expectError(await api.get(`/clients/${id}`), 404, 'NOT_FOUND', `Company client not found with id: ${id}`);
    expectError(await api.delete(`/clients/${id}`), 404, 'NOT_FOUND', `Company client not found with id: ${id}`);
    expectError(await api.patch(`/clients/${id}/enable-otp`), 404, 'NOT_FOUND', `Company client not found with id: ${id}`);
    expect((await api.get('/clients')).body).toHaveLength(27);
  });

  it('filters the list by each channel flag, combined with AND', async () => {
    const api = cryptoMate(sandbox);
    const all = (await api.get('/clients')).body as Record<string, boolean>[];
    for (const channel of ['otp', 'sms', 'whatsapp', 'telegram']) {
      const on = (await api.get(`/clients?${channel}=true`)).body as Record<string, boolean>[];
      const off = (await api.get(`/clients?${channel}=false`)).body as Record<string, boolean>[];
      expect(on.every((client) => client[channel] === true)).toBe(true);
      expect(off.every((client) => client[channel] === false)).toBe(true);
      expect(on.length + off.length).toBe(all.length);
    }
    const both = (await api.get('/clients?otp=true&sms=false')).body as Record<string, boolean>[];
    expect(both).toEqual(all.filter((client) => client.otp && !client.sms));
    expectError(await api.get('/clients?otp=maybe'), 400, 'BAD_REQUEST', 'otp: must be of type boolean');
  });

  it('finds a client with WhatsApp on by full phone number, under either documented parameter name', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual({ phone_number: 4155551234, whatsapp: true }));
    expect((await api.get('/clients/by-phone-whatsapp?full_phone_number=14155551234')).body.id).toBe(client.id);
    expect((await api.get('/clients/by-phone-whatsapp?fullPhoneNumber=%2B1%20415%20555%201234')).body.id).toBe(client.id);
    await api.put(`/clients/${client.id}`, { whatsapp: false });
    expectError(
      await api.get('/clients/by-phone-whatsapp?full_phone_number=14155551234'),
      404,
      'NOT_FOUND',
      'Company client not found with phone number and WhatsApp enabled',
    );
    expectError(
      await api.get('/clients/by-phone-whatsapp'),
      400,
      'BAD_REQUEST',
      "Required request parameter 'full_phone_number' is not present",
    );
  });
});

describe('business clients', () => {
  it('creates a business with its associated persons, its pending documents and provider links', async () => {
    const api = cryptoMate(sandbox);
    const created = await api.post('/clients/business', newBusiness({ associated_persons: [associatedPerson(), associatedPerson({ first_name: 'Ann', has_control: false, is_signer: false })] }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      type: 'business',
      status: 'PENDING',
      business_legal_name: 'TechStartup Solutions Inc.',
      business_type: 'corporation',
      business_industry: ['541511'],
      identifying_information: [{ type: 'ein', issuing_country: 'USA', number: '12-3456789' }],
      high_risk_activities: [],
    });
    const id = created.body.id;

    const persons = await api.get(`/clients/${id}/associated-persons`);
    expect(persons.status).toBe(200);
    expect(persons.body).toHaveLength(2);
    expect(persons.body[0]).toMatchObject({
      business_client_id: id,
      first_name: 'Jane',
      has_control: true,
      is_signer: true,
      is_director: false,
      identifying_information: [{ type: 'ssn', issuing_country: 'USA', number: '123-45-6789' }],
    });
    expect(persons.body[0].identifying_information[0].image_front).toBeUndefined();
    expect(persons.body[1]).toMatchObject({ first_name: 'Ann', has_control: false, is_signer: false });

    const pending = await api.get(`/clients/${id}/pending-documents`);
    expect(pending.status).toBe(200);
    expect(pending.body.documents[0]).toEqual({
      provider: 'BRIDGE',
      type: 'PASSPORT',
      name: 'Passport',
      description: 'A valid government-issued passport',
      require_image: true,
      require_back_image: false,
      require_number: true,
      require_expiration: true,
      issue_reasons: [],
    });
    sandbox.sandbox.completePendingTasks();
    expect((await api.get(`/clients/${id}`)).body.status).toBe('ACTIVE');
    expectError(await api.get(`/clients/${id}/pending-documents`), 412, 'VAL', 'No pending documents for client, due to status: ACTIVE');

    expect((await api.delete(`/clients/${id}`)).status).toBe(200);
    expectError(await api.get(`/clients/${id}/associated-persons`), 404, 'NOT_FOUND', `Company client not found with id: ${id}`);
    expectError(await api.get(`/clients/${id}/pending-documents`), 404, 'NOT_FOUND', `Client not found: ${id}`);
  });

  it('has no associated persons for an individual', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual());
    expect((await api.get(`/clients/${client.id}/associated-persons`)).body).toEqual([]);
  });

  it.each([
    ['a missing legal name', { business_legal_name: undefined }, 'Business legal name is required for business clients'],
    ['a blank legal name', { business_legal_name: '  ' }, 'Business legal name is required for business clients'],
    ['an unknown business type', { business_type: 'foo' }, 'Invalid business type: foo. Valid values are: corporation, llc, partnership, sole_proprietorship, non_profit, trust, other'],
    ['an empty industry list', { business_industry: [] }, 'At least one business industry is required'],
    ['a missing industry list', { business_industry: undefined }, 'At least one business industry is required'],
    ['an unknown industry code', { business_industry: ['541511', '999999'] }, 'Invalid business industry code: 999999'],
    ['a missing high-risk selection', { high_risk_activities: undefined }, 'High risk activities selection is required'],
    ['no person with control', { associated_persons: [associatedPerson({ has_control: false })] }, 'At least one associated person must have control'],
    ['no signer', { associated_persons: [associatedPerson({ is_signer: false })] }, 'At least one associated person must be a signer'],
    [
      'a registered state outside its country',
      { registered_address: { street_line_1: '1 Rua', city: 'São Paulo', postal_code: '01000-000', state: 'USA-CA', country: 'BR' } },
      "Registered address validation failed: state 'USA-CA' does not belong to country 'BR'",
    ],
  ])('refuses %s with the documented 412', async (_label, overrides, message) => {
    const api = cryptoMate(sandbox);
    const before = (await api.get('/clients')).body.length;
    expectError(await api.post('/clients/business', newBusiness(overrides)), 412, 'VAL', message);
    expect((await api.get('/clients')).body).toHaveLength(before);
  });

  it('refuses a business without the fields its schema requires', async () => {
    const api = cryptoMate(sandbox);
    expectError(await api.post('/clients/business', newBusiness({ primary_website: undefined })), 400, 'BAD_REQUEST', 'primary_website: must not be null');
    expectError(await api.post('/clients/business', newBusiness({ associated_persons: [] })), 400, 'BAD_REQUEST', 'associated_persons: must not be empty');
  });
});

describe('individual rules', () => {
  it('holds one client per phone number in a company, on create and on update', async () => {
    const api = cryptoMate(sandbox);
    const first = (await api.post('/clients', newIndividual())).body;
    const duplicate = 'Company client already exists for this company and phone number';
    expectError(await api.post('/clients', newIndividual({ phone_number: first.phone_number })), 412, 'VAL', duplicate);
    const second = (await api.post('/clients', newIndividual())).body;
    expectError(await api.put(`/clients/${second.id}`, { phone_number: first.phone_number }), 412, 'VAL', duplicate);
    // A client keeps its own number through an update, and another company may use it.
    expect((await api.put(`/clients/${first.id}`, { phone_number: first.phone_number, first_name: 'Jo' })).status).toBe(200);
    expect((await cryptoMate(sandbox).post('/clients', newIndividual({ phone_number: first.phone_number }))).status).toBe(200);
  });

  it('checks that the state belongs to the country, with the documented message', async () => {
    const api = cryptoMate(sandbox);
    const address = { street_line_1: '123 Main Street', city: 'San Francisco', postal_code: '94102', state: 'CA', country: 'US' };
    const message = "Address validation failed: state 'CA' does not belong to country 'US'";
    expectError(await api.post('/clients', newIndividual({ address })), 412, 'VAL', message);
    const { body: client } = await api.post('/clients', newIndividual());
    expectError(await api.put(`/clients/${client.id}`, { address }), 412, 'VAL', message);
    expect((await api.get(`/clients/${client.id}`)).body.address.state).toBe('USA-CA');
  });

  it('answers the screening 412s for the magic last names and email', async () => {
    const api = cryptoMate(sandbox);
    expectError(
      await api.post('/clients', newIndividual({ last_name: 'Blocked' })),
      412,
      'VAL',
      'Client registration could not be completed due to compliance requirements. Please contact support for more information.',
    );
    expectError(
      await api.post('/clients', newIndividual({ last_name: 'Review' })),
      412,
      'VAL',
      'Client requires manual screening review. The account creation is temporarily on hold pending compliance team verification. You will be notified once the review is complete and your account is activated.',
    );
    expectError(
      await api.post('/clients', newIndividual({ email: 'bridge-error@example.com' })),
      412,
      'VAL',
      /^Error creating Bridge customer: .+/,
    );
    expectError(
      await api.post('/clients/business', newBusiness({ email: 'bridge-error@example.com' })),
      412,
      'VAL',
      /^Error creating Bridge business customer: .+/,
    );
  });

  it('answers 400 BAD_REQUEST naming the field for malformed values and bodies', async () => {
    const api = cryptoMate(sandbox);
    expectError(await api.post('/clients', newIndividual({ email: 'nope' })), 400, 'BAD_REQUEST', 'email: must be a well-formed email address');
    expectError(await api.post('/clients', newIndividual({ phone_number: '415' })), 400, 'BAD_REQUEST', 'phone_number: must be of type integer');
    expectError(await api.post('/clients', newIndividual({ birth_date: '15/05/1990' })), 400, 'BAD_REQUEST', 'birth_date: must be a valid date (yyyy-mm-dd)');
    expectError(await api.post('/clients', undefined, { raw: '{"first_name": "John",', headers: { 'Content-Type': 'application/json' } }), 400, 'BAD_REQUEST', /JSON parse error/);
    expectError(await api.post('/clients'), 400, 'BAD_REQUEST', 'Required request body is missing');
    expectError(await api.put(`/clients/${DOCUMENTED_CLIENT_ID}`, []), 400, 'BAD_REQUEST', /JSON parse error/);
  });

  it('changes nothing when a request is refused', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual());
    const before = (await api.get('/clients')).body;
    await api.put(`/clients/${client.id}`, { first_name: 'X', address: { state: 'CA', country: 'US' } });
    await api.put(`/clients/${client.id}`, { first_name: 'X', email: 'bad' });
    await api.post('/clients', newIndividual({ last_name: 'Blocked' }));
    expect((await api.get('/clients')).body).toEqual(before);
  });
});

describe('provider customer links', () => {
  it('links, finds, changes and removes a provider customer id', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual());
    const base = `/clients/${client.id}/providers`;
    const created = await api.post(base, { provider: 'BRIDGE', customer_id: 'cust_ext_xyz789' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ client_id: client.id, provider: 'BRIDGE', customer_id: 'cust_ext_xyz789', status: 'active' });
    expect(created.body.id).toMatch(/^cpc_/);
    expectError(await api.post(base, { provider: 'BRIDGE', customer_id: 'other' }), 412, 'VAL', 'Client already has a customer ID for provider BRIDGE');
    await api.post(base, { provider: 'REAP', customer_id: 'reap_1' });
    expect((await api.get(base)).body.map((link: { provider: string }) => link.provider)).toEqual(['BRIDGE', 'REAP']);
    expect((await api.get(`${base}/by-provider/BRIDGE`)).body).toEqual(created.body);
    expectError(await api.get(`${base}/by-provider/PAXOS`), 404, 'NOT_FOUND', 'Client does not have a customer ID for provider PAXOS');

    const updated = await api.put(`${base}/${created.body.id}`, { customer_id: 'cust_ext_updated_123' });
    expect(updated.body).toMatchObject({ id: created.body.id, customer_id: 'cust_ext_updated_123' });
    expectError(await api.put(`${base}/cpc_abc123`, { customer_id: 'x' }), 404, 'NOT_FOUND', 'ClientProviderCustomer not found');
    expectError(await api.put(`${base}/${created.body.id}`, {}), 400, 'BAD_REQUEST', 'customer_id: must not be null');

    expect((await api.delete(`${base}/${created.body.id}`)).body).toEqual({});
    expectError(await api.delete(`${base}/${created.body.id}`), 404, 'NOT_FOUND', 'ClientProviderCustomer not found');
    expectError(await api.get(`/clients/${UNKNOWN_CLIENT_ID}/providers`), 404, 'NOT_FOUND', `Company client not found with id: ${UNKNOWN_CLIENT_ID}`);
  });
});

describe('lookups', () => {
  it('serves the identification types, codes, industries, countries and checklists', async () => {
    const api = cryptoMate(sandbox, 'level1_lookups');
    // The identification lists take alpha-2 codes (`US`), unlike addresses and the country list.
    expect((await api.get('/clients/identifications/US')).body).toContainEqual({ type: 'SSN', description: 'Social Security Number' });
    expect((await api.get('/clients/identifications/mx')).body).toContainEqual({ type: 'CURP', description: 'Clave Única de Registro de Población' });
    expect((await api.get('/clients/identifications/USA')).body).toEqual([]);
    expect((await api.get('/clients/identifications/ZZ')).body).toEqual([]);
    expect((await api.get('/clients/business-identifications/US')).body).toContainEqual({ type: 'EIN', description: 'Employer Identification Number' });
    expect((await api.get('/clients/occupation-codes')).body).toContainEqual({ code: '11-1011', description: 'Chief Executives' });
    expect((await api.get('/clients/business-industries')).body).toContainEqual({ code: '541511', description: 'Custom Computer Programming Services' });
    const countries = await api.get('/clients/countries');
    expect(countries.body.count).toBe(countries.body.data.length);
    expect(countries.body.data[0]).toMatchObject({ name: 'United States', alpha3: 'USA', postal_code_format: '#####' });
    expect(countries.body.data[0].subdivisions).toContainEqual({ code: 'USA-CA', name: 'California' });
    const checklist = await api.get('/clients/documentation/checklist_abc123');
    expect(checklist.body).toMatchObject({ id: 'checklist_abc123', name: 'Standard KYC Verification' });
    expect(checklist.body.document_groups[0]).toMatchObject({ id: 'dg_identity', name: 'Identity Documents', required: true });
    expectError(
      await api.get('/clients/documentation/checklist_nope'),
      404,
      'NOT_FOUND',
      "Checklist 'checklist_nope' not found in CheckDoc service. Please ensure the checklist is configured.",
    );
  });
});

describe('keys and access levels', () => {
  it('answers the documented 401 without a key', async () => {
    for (const [method, path] of [
      ['GET', '/management/clients'],
      ['POST', '/management/clients'],
      ['GET', `/management/clients/${DOCUMENTED_CLIENT_ID}`],
      ['GET', '/management/clients/countries'],
    ] as const) {
      const response = await sandbox.request(method, path, { json: method === 'POST' ? newIndividual() : undefined });
      expectError(response, 401, 'API_ERROR', UNAUTHORIZED_MESSAGE);
    }
    expectError(await cryptoMate(sandbox, 'level1_').get('/clients'), 401, 'API_ERROR', UNAUTHORIZED_MESSAGE);
  });

  it('lets a level 1 key read and refuses it every write; a level 2 key too', async () => {
    const owner = cryptoMate(sandbox, 'acme');
    const { body: client } = await owner.post('/clients', newIndividual());
    for (const key of ['level1_acme', 'level2_acme']) {
      const api = cryptoMate(sandbox, key);
      expect((await api.get(`/clients/${client.id}`)).body).toEqual(client);
      expect((await api.get('/clients')).status).toBe(200);
      expect((await api.get(`/clients/${client.id}/providers`)).status).toBe(200);
      const writes = [
        await api.post('/clients', newIndividual()),
        await api.post('/clients/business', newBusiness()),
        await api.put(`/clients/${client.id}`, { first_name: 'Nope' }),
        await api.patch(`/clients/${client.id}/enable-otp`),
        await api.delete(`/clients/${client.id}`),
        await api.post(`/clients/${client.id}/providers`, { provider: 'BRIDGE', customer_id: 'c' }),
        await api.put(`/clients/${client.id}/providers/cpc_x`, { customer_id: 'c' }),
        await api.delete(`/clients/${client.id}/providers/cpc_x`),
      ];
      for (const response of writes) expectError(response, 401, 'API_ERROR', UNAUTHORIZED_MESSAGE);
    }
    expect((await owner.get(`/clients/${client.id}`)).body).toEqual(client);
    // The level 3 prefix names the same company, with write access.
    expect((await cryptoMate(sandbox, 'level3_acme').put(`/clients/${client.id}`, { first_name: 'Yes' })).body.first_name).toBe('Yes');
  });

  it("keeps each company's clients to its keys", async () => {
    const alice = cryptoMate(sandbox, 'alice-co');
    const bob = cryptoMate(sandbox, 'bob-co');
    const { body: client } = await alice.post('/clients', newIndividual({ whatsapp: true, phone_number: 4155559999 }));
    const missing = `Company client not found with id: ${client.id}`;
    expectError(await bob.get(`/clients/${client.id}`), 404, 'NOT_FOUND', missing);
    expectError(await bob.put(`/clients/${client.id}`, { first_name: 'B' }), 404, 'NOT_FOUND', missing);
    expectError(await bob.delete(`/clients/${client.id}`), 404, 'NOT_FOUND', missing);
    expect((await bob.get('/clients/by-phone-whatsapp?full_phone_number=14155559999')).status).toBe(404);
    const bobClients = (await bob.get('/clients')).body;
    expect(bobClients.map((c: { id: string }) => c.id)).not.toContain(client.id);
    expect(bobClients[0].company_id).not.toBe(client.company_id);
    expect((await alice.get(`/clients/${client.id}`)).status).toBe(200);
  });
});

describe('trace ids and unknown routes', () => {
  it('puts X-Trace-Id on every response, and answers unknown routes with the documented 404', async () => {
    const api = cryptoMate(sandbox);
    for (const response of [await api.get('/clients'), await api.get('/clients/countries'), await api.post('/clients', newIndividual())]) {
      expect(response.headers.get('x-trace-id')).toMatch(TRACE_ID);
    }
    expectError(await api.get('/clientz'), 404, 'NOT_FOUND', 'Resource not found');
    expectError(await api.call('PATCH', '/clients'), 404, 'NOT_FOUND', 'Resource not found');
  });

  it('gives the same ids and trace ids for the same seed and requests', async () => {
    const run = async () => {
      const other = await launch({ seed: 'trace' });
      try {
        const api = cryptoMate(other, 'same-key');
        const list = await api.get('/clients');
        const created = await api.post('/clients', newIndividual({ phone_number: 4150000001 }));
        return [list.headers.get('x-trace-id'), list.body[0].id, created.headers.get('x-trace-id'), created.body.id];
      } finally {
        await other.stop();
      }
    };
    expect(await run()).toEqual(await run());
  });
});
