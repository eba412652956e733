import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { b2core, DOCUMENTED_LIST_QUERY, isolatedCredentials, signedIn } from '../helpers/b2core.js';

/**
 * Every request example of B2Core's back-office documentation (and of the public client code that calls a real
 * B2Core), sent as written, with the documented answer compared field by field. Expected values are copied from
 * those pages, not from the sandbox.
 */

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ clients: 5 });
});
afterAll(() => sandbox.stop());

const jwtPart = (token: string, index: 0 | 1) => JSON.parse(Buffer.from(token.split('.')[index]!, 'base64url').toString());

describe('docs: Authorization in the Back Office (docs.b2copy.b2broker.com/api-documentation/authorization-in-the-back-office)', () => {
  /** The page's request example: curl `--data-raw` without a Content-Type, so it goes out labelled as a form. */
  const DOCUMENTED_REQUEST_BODY = '{\n  "email": "username@example.com",\n  "password": "Secret123"\n}';
  /** The page's response example, token as printed (its signature shortened here: only its header and claims are compared). */
  const DOCUMENTED_TOKEN =
    'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIiwiaWF0IjoxNjU2MDY3MTU0LCJleHAiOjE2NTYxMDMxNTQsImlzcyI6Imh0dHBzOlwvXC9hcC52ZW5kb3IuY29tIn0.u6HuS_oQ4udk2EEUa';

  it('signs in with the documented request as written and answers the documented response, field by field', async () => {
    const response = await sandbox.request('POST', '/api/v2/signin', {
      raw: DOCUMENTED_REQUEST_BODY,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['2faRequired', 'accessToken', 'refreshToken']);
    expect(response.body['2faRequired']).toBe(false);

    const documentedHeader = jwtPart(DOCUMENTED_TOKEN, 0);
    const documentedClaims = jwtPart(DOCUMENTED_TOKEN, 1);
    expect(documentedHeader).toEqual({ typ: 'JWT', alg: 'RS256' });
    expect(documentedClaims.exp - documentedClaims.iat).toBe(36000);

    for (const pair of [response.body.accessToken, response.body.refreshToken]) {
      expect(Object.keys(pair)).toEqual(['token', 'createdAt', 'expiresAt']);
      expect(pair.createdAt).toMatch(TIME);
      expect(pair.expiresAt).toMatch(TIME);
      expect(jwtPart(pair.token, 0)).toEqual(documentedHeader);
      const claims = jwtPart(pair.token, 1);
      expect(Object.keys(claims).sort()).toEqual(Object.keys(documentedClaims).sort());
      expect(claims.exp * 1000).toBe(Date.parse(pair.expiresAt));
      expect(claims.iat * 1000).toBe(Date.parse(pair.createdAt));
    }
    const access = jwtPart(response.body.accessToken.token, 1);
    expect(access.exp - access.iat).toBe(documentedClaims.exp - documentedClaims.iat);
  });

  it('gives an access token the back office then takes as the bearer', async () => {
    const signIn = await sandbox.request('POST', '/api/v2/signin', { json: { email: 'username@example.com', password: 'Secret123' } });
    const api = b2core(sandbox, signIn.body.accessToken.token);
    expect((await api.get('/clients/1')).status).toBe(200);
  });
});

describe('docs: Clients (docs.b2core.b2broker.com/en/rest-api-reference-back-clients.html)', () => {
  let admin: ReturnType<typeof b2core>;
  beforeAll(async () => {
    admin = await signedIn(sandbox, { email: 'username@example.com', password: 'Secret123' });
  });

  it('Get a client list: the documented request, as written, lists the client it describes', async () => {
    const response = await admin.get(`/clients?${DOCUMENTED_LIST_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(1);
    expect(response.body.data).toHaveLength(1);
    // Each documented filter value, read back from the client it matched.
    expect(response.body.data[0]).toMatchObject({
      clientId: 1,
      email: 'foo@bar.com',
      firstName: 'Sergey',
      nickname: 'Voronov',
      city: 'New York',
      company: { shortName: 'Company name', fullName: 'Company full name' },
      verificationLevel: { id: -96750485 },
    });
    for (const [field, documented] of [['manager', [1, 2, 3]], ['status', [1, 2, 3]], ['internalType', [1, 2, 3]], ['riskLevel', [1, 2, 3]], ['type', [1, 2, 3]]] as const) {
      expect(documented).toContain(response.body.data[0][field].id);
    }
    expect([1, 2, 3]).toContain(Number(response.body.data[0].country.numericCode));
  });

  it('Get client details: GET /api/v2/clients/1 answers the Client object of client 1', async () => {
    const response = await admin.get('/clients/1');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ clientId: 1, email: 'foo@bar.com', firstName: 'Sergey' });
  });

  it('Create a client profile: the documented request, as written, answers 201 with the new Client object', async () => {
    const response = await admin.call('POST', '/clients', {
      raw: `{
  "info": {
    "givenName": "John",
    "familyName": "Doe"
  },
  "addresses": {
    "0": {
      "country_code": "784"
    }
  },
  "phones": {
    "0": {
      "phone": "+971000000000"
    }
  },
  "email": "jdoe@example.com"
}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      email: 'jdoe@example.com',
      firstName: 'John',
      lastName: 'Doe',
      info: { firstName: 'John', lastName: 'Doe' },
      country: { numericCode: '784' },
      phones: [{ number: '+971000000000' }],
      addresses: [{ country: { numericCode: '784' } }],
    });
    expect((await admin.get(`/clients/${response.body.clientId}`)).body).toEqual(response.body);
  });

  it('Create a client profile: country_code is the numeric code of a country, so an alpha-2 code is refused', async () => {
    const response = await admin.post('/clients', {
      info: { givenName: 'Alpha', familyName: 'Two' },
      addresses: { '0': { country_code: 'AE' } },
      email: 'alpha.two@example.com',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 400,
      message: 'Validation failed',
      errors: { 'addresses.0.country_code': ['This value should be the three-digit numeric code of a country (ISO 3166), such as "784".'] },
    });
  });

  it('countryCodes: the numeric code of the country of residence, as per ISO 3166 (784 is the United Arab Emirates)', async () => {
    const response = await admin.get('/clients?limit=100&filter[countryCodes]=784');
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    for (const client of response.body.data) expect(client.country).toMatchObject({ numericCode: '784', countryName: 'United Arab Emirates' });
  });

  it('Update a client profile: PATCH /api/v2/clients/{clientId} changes the profile and answers it', async () => {
    const created = await admin.post('/clients', { info: { givenName: 'Ada', familyName: 'Lovelace' }, email: 'ada@example.com' });
    const response = await admin.patch(`/clients/${created.body.clientId}`, { nickname: 'ada', info: { middleName: 'King' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ clientId: created.body.clientId, nickname: 'ada', middleName: 'King', lastName: 'Lovelace' });
  });

  it('Remove a client profile: DELETE /api/v2/clients/{clientId} removes it', async () => {
    const created = await admin.post('/clients', { info: { givenName: 'Gone', familyName: 'Soon' }, email: 'gone@example.com' });
    const response = await admin.delete(`/clients/${created.body.clientId}`);
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await admin.get(`/clients/${created.body.clientId}`)).status).toBe(404);
  });
});

describe('docs: Client profiles, front office (docs.b2core.b2broker.com/en/rest-api-reference-front-client-profiles.html)', () => {
  /** The page's "Update client profile data" body, the only update body B2Core publishes. */
  const DOCUMENTED_UPDATE = {
    nickname: 'Nickname',
    locale: 'en_US',
    info: { firstName: 'James', lastName: 'Parker', middleName: 'William', birthday: '2022-01-01T00:00:00+00:00' },
  };
  let admin: ReturnType<typeof b2core>;
  beforeAll(async () => {
    admin = b2core(sandbox, (await isolatedCredentials(sandbox, 'front-office-update')).Authorization!.replace('Bearer ', ''));
  });

  it('its update body, sent to a back-office client, changes nickname, locale and names as written', async () => {
    const { birthday: _tooYoung, ...info } = DOCUMENTED_UPDATE.info;
    for (const method of ['PATCH', 'PUT']) {
      const response = await admin.call(method, '/clients/2', { json: { ...DOCUMENTED_UPDATE, info } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        clientId: 2,
        nickname: 'Nickname',
        locale: 'en_US',
        firstName: 'James',
        middleName: 'William',
        lastName: 'Parker',
        info: { firstName: 'James', middleName: 'William', lastName: 'Parker' },
      });
    }
  });

  it('its birthday of 2022-01-01 makes the client a child, which the 18+ rule refuses', async () => {
    const response = await admin.patch('/clients/2', DOCUMENTED_UPDATE);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual({ 'info.birthday': ['The client must be at least 18 years old.'] });
  });
});

describe('docs: API Overview (docs.b2core.b2broker.com/en/overview-api-reference.html)', () => {
  let admin: ReturnType<typeof b2core>;
  let token: string;
  beforeAll(async () => {
    const headers = await isolatedCredentials(sandbox, 'overview');
    token = headers.Authorization!.replace('Bearer ', '');
    admin = b2core(sandbox, token);
  });

  it('Bearer authentication: the access token goes in the Authorization header; without it the answer is 401', async () => {
    expect((await sandbox.request('GET', '/api/v2/clients/1', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await sandbox.request('GET', '/api/v2/clients/1')).status).toBe(401);
  });

  it('HTTP methods: POST creates (201 Created), PUT updates and PATCH is its alternative, DELETE removes (204 No Content)', async () => {
    const created = await admin.post('/clients', { info: { givenName: 'Put', familyName: 'Patch' }, email: 'put.patch@example.com' });
    expect(created.status).toBe(201);
    const id = created.body.clientId;
    const put = await admin.put(`/clients/${id}`, { city: 'Lisbon' });
    expect(put.status).toBe(200);
    expect(put.body.city).toBe('Lisbon');
    const patch = await admin.patch(`/clients/${id}`, { city: 'Porto' });
    expect(patch.status).toBe(200);
    expect(patch.body.city).toBe('Porto');
    const removed = await admin.delete(`/clients/${id}`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
  });

  it.each([
    ['malformed or syntactically incorrect', { raw: '{"info": {', headers: { 'Content-Type': 'application/json' } }, undefined],
    ['payload that cannot be converted to the underlying data type', { json: { info: 'John Doe', email: 'convert@example.com' } }, 'info'],
    ['data not in the expected format', { json: { info: { givenName: 'A', familyName: 'B' }, email: 'not-an-email' } }, 'email'],
    ['required fields not available', { json: { info: { givenName: 'A', familyName: 'B' } } }, 'email'],
    ['a data validation failed', { json: { info: { givenName: 'A', familyName: 'B', birthday: '2020-01-01' }, email: 'young@example.com' } }, 'info.birthday'],
  ])('400 Bad Request: %s', async (_case, options, field) => {
    const response = await admin.call('POST', '/clients', options);
    expect(response.status).toBe(400);
    expect(response.body.code).toBe(400);
    if (field === undefined) expect(response.body.errors).toBeUndefined();
    else expect(Object.keys(response.body.errors)).toEqual([field]);
  });
});

describe('observed: public client code that reads a real B2Core (github.com/Art-afk/HubDataExtractorToDB, src/main/java/org/klimov)', () => {
  it('GetAccessToken: signs in with JSON and reads 2faRequired, then token, createdAt and expiresAt of both tokens', async () => {
    const response = await sandbox.request('POST', '/api/v2/signin', {
      raw: '{"email": "username@example.com", "password": "Secret123"}',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    expect(typeof response.body['2faRequired']).toBe('boolean');
    for (const pair of [response.body.accessToken, response.body.refreshToken]) {
      for (const field of ['token', 'createdAt', 'expiresAt']) expect(typeof pair[field]).toBe('string');
    }
  });

  it('GetNumberOflClients and GetRequestToApi: counts clients by total of ?limit=1, then reads clients 1 to total, their phones and addresses', async () => {
    const api = b2core(sandbox, (await isolatedCredentials(sandbox, 'extractor')).Authorization!.replace('Bearer ', ''));
    const count = await api.get('/clients?limit=1');
    expect(count.status).toBe(200);
    expect(count.body.data).toHaveLength(1);
    const total = count.body.total;
    expect(total).toBe(10);
    for (let id = 1; id <= total; id++) {
      const client = await api.get(`/clients/${id}`);
      expect(client.status).toBe(200);
      for (const field of ['clientId', 'birthday', 'firstName', 'middleName', 'lastName', 'nickname', 'city', 'email', 'locale', 'status', 'createTime', 'updateTime']) {
        expect(client.body).toHaveProperty(field);
      }
      expect(client.body.company).toHaveProperty('fullName');
      expect(client.body.company).toHaveProperty('shortName');

      const phones = await api.get(`/phones?limit=10&filter[clientId]=${id}`);
      expect(phones.status).toBe(200);
      expect(phones.body.data).toHaveLength(phones.body.total);
      for (const phone of phones.body.data) {
        expect(typeof phone.confirmed).toBe('boolean');
        expect(typeof phone.number).toBe('string');
        expect(phone.createTime).toMatch(TIME);
        expect(phone.updateTime).toMatch(TIME);
      }

      const addresses = await api.get(`/addresses?limit=10&sort_by=createTime&filter[clientId]=${id}`);
      expect(addresses.status).toBe(200);
      expect(addresses.body.data).toHaveLength(addresses.body.total);
      for (const address of addresses.body.data) {
        expect(address.clientId).toBe(id);
        for (const field of ['address', 'postcode', 'state', 'city', 'createTime', 'updateTime']) expect(address).toHaveProperty(field);
        expect(address.country).toHaveProperty('countryName');
      }
    }
  });
});
