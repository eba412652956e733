import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newCompany, newPerson } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

describe('the source page request', () => {
  it("updates Jane Doe's email as documented and leaves every other field as it was", async () => {
    const api = complyCube(sandbox, '<YOUR_API_KEY>');
    const before = await api.get(`/clients/${JANE_DOE_ID}`);
    expect(before.status).toBe(200);
    expect(before.body.email).toBe('jane@example.com');

    const updated = await api.post(`/clients/${JANE_DOE_ID}`, {
      email: 'jane.doe@example.com',
      personDetails: { firstName: 'Jane', lastName: 'Doe', dob: '1995-12-20', nationality: 'US' },
    });

    expect(updated.status).toBe(200);
    expect(updated.headers.get('content-type')).toMatch(/^application\/json/);
    const { email, updatedAt, ...rest } = updated.body;
    const { email: oldEmail, updatedAt: oldUpdatedAt, ...oldRest } = before.body;
    expect(email).toBe('jane.doe@example.com');
    expect(rest).toEqual(oldRest);
    expect(rest).toMatchObject({
      id: JANE_DOE_ID,
      type: 'person',
      entityName: 'Jane Doe',
      mobile: '+12 345678910',
      joinedDate: '2020-01-01',
      createdAt: '2020-01-04T17:13:10.712Z',
    });
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(oldUpdatedAt));
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).body).toEqual(updated.body);
  });
});

describe('client lifecycle', () => {
  it('creates, reads, updates, lists, deletes and then answers 404', async () => {
    const api = complyCube(sandbox);
    const created = await api.post('/clients', newPerson({ externalId: 'crm-1', metadata: { tier: 'gold' } }));
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      type: 'person',
      entityName: 'John Smith',
      email: 'john.smith@example.com',
      externalId: 'crm-1',
      metadata: { tier: 'gold' },
    });
    expect(created.body.id).toMatch(/^[0-9a-f]{24}$/);
    expect(created.body.createdAt).toBe(created.body.updatedAt);
    const id = created.body.id;

    expect((await api.get(`/clients/${id}`)).body).toEqual(created.body);
    // The SDK sends list and create paths with a trailing slash.
    expect((await api.get(`/clients/${id}/`)).status).toBe(200);

    const updated = await api.post(`/clients/${id}`, { mobile: '+44 7700 900999', personDetails: { middleName: 'Q' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      mobile: '+44 7700 900999',
      email: 'john.smith@example.com',
      entityName: 'John Q Smith',
      personDetails: { firstName: 'John', middleName: 'Q', lastName: 'Smith', dob: '1988-02-03', nationality: 'GB' },
      createdAt: created.body.createdAt,
    });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThan(Date.parse(created.body.updatedAt));

    const first = await api.get('/clients?pageSize=10');
    expect(first.body).toMatchObject({ page: 1, pageSize: 10, totalItems: 27, pages: 3 });
    expect(first.body.items).toHaveLength(10);
    expect(first.body.items[0].id).toBe(id);
    const second = await api.get('/clients/?page=2&pageSize=10');
    expect(second.body).toMatchObject({ page: 2, pageSize: 10, totalItems: 27, pages: 3 });
    expect(second.body.items).toHaveLength(10);
    const third = await api.get('/clients?page=3&pageSize=10');
    expect(third.body.items).toHaveLength(7);
    const all = [...first.body.items, ...second.body.items, ...third.body.items].map((c: { id: string }) => c.id);
    expect(new Set(all).size).toBe(27);
    const createdTimes = [...first.body.items, ...second.body.items].map((c: { createdAt: string }) => c.createdAt);
    expect(createdTimes).toEqual([...createdTimes].sort().reverse());

    const filtered = await api.get('/clients?externalId=crm-1');
    expect(filtered.body.totalItems).toBe(1);
    expect(filtered.body.items[0].id).toBe(id);
    const byName = await api.get(`/clients?personDetails.firstName=John&type=person&metadata.tier=gold`);
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([id]);

    const deleted = await api.delete(`/clients/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const gone = await api.get(`/clients/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ type: 'resource_not_found', message: `Invalid client id '${id}'` });
    expect((await api.get('/clients')).body.totalItems).toBe(26);
    expect((await api.delete(`/clients/${id}`)).status).toBe(404);
  });

  it('filters by type and by creation date, and a malformed filter matches nothing', async () => {
    const api = complyCube(sandbox);
    const companies = await api.get('/clients?type=company&pageSize=1000');
    expect(companies.body.totalItems).toBeGreaterThan(0);
    expect(companies.body.items.every((c: { type: string }) => c.type === 'company')).toBe(true);
    const persons = await api.get('/clients?type=person&pageSize=1000');
    expect(persons.body.totalItems + companies.body.totalItems).toBe(26);

    const since = await api.get('/clients?createdAfter=2025-06-01T00:00:00.000Z&pageSize=1000');
    expect(since.body.totalItems).toBeGreaterThan(0);
    expect(since.body.totalItems).toBeLessThan(26);
    expect(since.body.items.every((c: { createdAt: string }) => c.createdAt > '2025-06-01')).toBe(true);

    expect((await api.get('/clients?type=robot')).body).toMatchObject({ totalItems: 0, items: [] });
    expect((await api.get('/clients?createdAfter=yesterday')).body).toMatchObject({ totalItems: 0, items: [] });
  });

  it('creates a company, whose entityName is its name', async () => {
    const api = complyCube(sandbox);
    const created = await api.post('/clients', newCompany());
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: 'company', entityName: 'Acme Ltd', companyDetails: { name: 'Acme Ltd' } });
    const renamed = await api.post(`/clients/${created.body.id}`, { companyDetails: { name: 'Acme Holdings Ltd' } });
    expect(renamed.body).toMatchObject({
      entityName: 'Acme Holdings Ltd',
      companyDetails: { name: 'Acme Holdings Ltd', registrationNumber: '01234567' },
    });
  });

  it('removes a field sent as null and keeps the rest', async () => {
    const api = complyCube(sandbox);
    const { body: client } = await api.post('/clients', newPerson({ telephone: '+1 555 0100', metadata: { a: '1' } }));
    const updated = await api.post(`/clients/${client.id}`, { telephone: null, metadata: null });
    expect(updated.status).toBe(200);
    expect(updated.body.telephone).toBeUndefined();
    expect(updated.body.metadata).toBeUndefined();
    expect(updated.body.mobile).toBe(client.mobile);
  });
});

describe("the vendor's rules", () => {
  const expectInvalid = (response: { status: number; body: any }, param: string | undefined, message: RegExp | string) => {
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('invalid_request');
    expect(response.body.param).toBe(param);
    if (typeof message === 'string') expect(response.body.message).toBe(message);
    else expect(response.body.message).toMatch(message);
  };

  it('requires personDetails for a person and companyDetails for a company, with the documented message', async () => {
    const api = complyCube(sandbox);
    expectInvalid(
      await api.post('/clients', { type: 'person', email: 'a@example.com' }),
      'personDetails',
      "'personDetails' must be provided when client type is `person`",
    );
    expectInvalid(
      await api.post('/clients', { type: 'company', email: 'a@example.com' }),
      'companyDetails',
      "'companyDetails' must be provided when client type is `company`",
    );
    expectInvalid(await api.post('/clients', newPerson({ personDetails: { lastName: 'Smith' } })), 'personDetails.firstName', /required/);
  });

  it('refuses a change of type', async () => {
    const api = complyCube(sandbox);
    expectInvalid(await api.post(`/clients/${JANE_DOE_ID}`, { type: 'company' }), 'type', /cannot be amended/);
    expect((await api.post(`/clients/${JANE_DOE_ID}`, { type: 'person' })).status).toBe(200);
  });

  // Formerly refused with invalid_request: the real API answered the PHP SDK's testUpdatePersonWithUselessInformation
  // and testUpdateClientWithValidMetadataInline with 200, ignoring those fields.
  it("ignores the other type's details and unknown fields in an update (complycube-php tests/integration/ClientTest.php)", async () => {
    const api = complyCube(sandbox);
    const updated = await api.post(`/clients/${JANE_DOE_ID}`, {
      email: 'adifferent@email.com',
      companyDetails: { website: 'http://awebsite.com' },
      key1: 'value1',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.email).toBe('adifferent@email.com');
    expect(updated.body).not.toHaveProperty('companyDetails');
    expect(updated.body).not.toHaveProperty('key1');
  });

  it('checks the formats of email and joinedDate, and the types and enums of fields', async () => {
    const api = complyCube(sandbox);
    expectInvalid(await api.post('/clients', newPerson({ email: 'not-an-email' })), 'email', /valid email/);
    expectInvalid(await api.post('/clients', newPerson({ joinedDate: '01/02/2024' })), 'joinedDate', /YYYY-MM-DD/);
    expectInvalid(await api.post('/clients', newPerson({ joinedDate: '2024-02-30' })), 'joinedDate', /YYYY-MM-DD/);
    expectInvalid(await api.post('/clients', newPerson({ type: 'robot' })), 'type', /one of: person, company/);
    expectInvalid(await api.post('/clients', newPerson({ mobile: 12345 })), 'mobile', /type string/);
    expectInvalid(await api.post('/clients', newPerson({ nickname: 'JJ' })), 'nickname', "'nickname' is not allowed");
    expectInvalid(await api.post('/clients', { type: 'person', personDetails: newPerson().personDetails }), 'email', /required/);
  });

  // Formerly 20 keys (v1.7.2); the current Clients page allows 50.
  it('holds metadata to 50 keys, 40-character names and 500-character values (docs.complycube.com/api-reference/clients)', async () => {
    const api = complyCube(sandbox);
    const keys = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, 'v']));
    expect((await api.post('/clients', newPerson({ metadata: keys(50) }))).status).toBe(200);
    expectInvalid(await api.post('/clients', newPerson({ metadata: keys(51) })), 'metadata', /more than 50 keys/);
    expectInvalid(await api.post('/clients', newPerson({ metadata: { ['k'.repeat(41)]: 'v' } })), 'metadata', /40 characters/);
    expect((await api.post('/clients', newPerson({ metadata: { ['k'.repeat(40)]: 'v'.repeat(500) } }))).status).toBe(200);
    expectInvalid(await api.post('/clients', newPerson({ metadata: { k: 'v'.repeat(501) } })), 'metadata.k', /500 characters/);
  });

  it('changes nothing when an update is rejected', async () => {
    const api = complyCube(sandbox);
    const before = (await api.get(`/clients/${JANE_DOE_ID}`)).body;
    const rejections = [
      await api.post(`/clients/${JANE_DOE_ID}`, { email: 'jane.new@example.com', joinedDate: 'soon' }),
      await api.post(`/clients/${JANE_DOE_ID}`, { email: 'jane.new@example.com', type: 'company' }),
      await api.post(`/clients/${JANE_DOE_ID}`, { mobile: '1', metadata: { ['x'.repeat(50)]: '1' } }),
      await api.post(`/clients/${JANE_DOE_ID}`, undefined, { raw: '{"email": "jane.new@example.com",' }),
    ];
    expect(rejections.map((r) => r.status)).toEqual([400, 400, 400, 400]);
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).body).toEqual(before);
  });
});

describe('errors in ComplyCube’s envelope', () => {
  it('answers 401 without a key, with an empty key, and for every operation', async () => {
    const unauthorized = { type: 'unauthorized', message: "The 'Authorization' header is invalid" };
    for (const [method, path] of [
      ['GET', '/v1/clients'],
      ['POST', '/v1/clients'],
      ['GET', `/v1/clients/${JANE_DOE_ID}`],
      ['POST', `/v1/clients/${JANE_DOE_ID}`],
      ['DELETE', `/v1/clients/${JANE_DOE_ID}`],
    ]) {
      const response = await sandbox.request(method!, path!, { json: method === 'POST' ? newPerson() : undefined });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthorized);
    }
    const empty = await sandbox.request('GET', '/v1/clients', { headers: { Authorization: '  ' } });
    expect(empty.status).toBe(401);
  });

  it('answers 404 for an unknown id and an unknown route', async () => {
    const api = complyCube(sandbox);
    const unknown = await api.get('/clients/123456789');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ type: 'resource_not_found', message: "Invalid client id '123456789'" });
    const route = await api.get('/clientz');
    expect(route.status).toBe(404);
    expect(route.body.type).toBe('resource_not_found');
    const method = await api.call('PUT', `/clients/${JANE_DOE_ID}`, { json: {} });
    expect(method.status).toBe(404);
    expect(method.body.type).toBe('resource_not_found');
  });

  it('answers 400 for malformed JSON, a missing body and a bad query, naming the field', async () => {
    const api = complyCube(sandbox);
    const malformed = await api.post('/clients', undefined, { raw: '{"type": "person",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ type: 'invalid_request', message: 'The request body is not valid JSON' });
    const missing = await api.post('/clients');
    expect(missing.status).toBe(400);
    expect(missing.body.type).toBe('invalid_request');
    const array = await api.post('/clients', [newPerson()]);
    expect(array.status).toBe(400);
    const page = await api.get('/clients?page=0');
    expect(page.body).toEqual({ type: 'invalid_request', message: "'page' must be at least 1", param: 'page' });
    const size = await api.get('/clients?pageSize=1001');
    expect(size.body).toEqual({ type: 'invalid_request', message: "'pageSize' must be at most 1000", param: 'pageSize' });
    expect((await api.get('/clients?pageSize=ten')).body.param).toBe('pageSize');
  });

  it('accepts the SDK’s empty JSON bodies on GET and DELETE', async () => {
    const api = complyCube(sandbox);
    const { body: client } = await api.post('/clients', newPerson());
    // fetch sends no body with GET; the helper's Content-Type header is there, as the SDK's is.
    expect((await api.get(`/clients/${client.id}`)).status).toBe(200);
    expect((await api.delete(`/clients/${client.id}`, { raw: '' })).status).toBe(204);
  });
});

describe('tenants', () => {
  it('keeps each key’s clients to that key', async () => {
    const alice = complyCube(sandbox, 'test_alice');
    const bob = complyCube(sandbox, 'test_bob');
    const { body: client } = await alice.post('/clients', newPerson({ externalId: 'alice-only' }));
    expect((await bob.get(`/clients/${client.id}`)).status).toBe(404);
    expect((await bob.post(`/clients/${client.id}`, { mobile: '1' })).status).toBe(404);
    expect((await bob.delete(`/clients/${client.id}`)).status).toBe(404);
    expect((await bob.get('/clients?externalId=alice-only')).body.totalItems).toBe(0);
    const bobIds = (await bob.get('/clients?pageSize=1000')).body.items.map((c: { id: string }) => c.id);
    expect(bobIds).not.toContain(client.id);
    expect((await alice.get(`/clients/${client.id}`)).status).toBe(200);
    // Both see the documented fixture, each their own copy of it.
    await alice.post(`/clients/${JANE_DOE_ID}`, { mobile: '+1 000' });
    expect((await bob.get(`/clients/${JANE_DOE_ID}`)).body.mobile).toBe('+12 345678910');
  });
});
