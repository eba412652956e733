import { launch, type TestSandbox } from '../helpers/sandbox.js';
import {
  IMAGE,
  accountOperator,
  MACHNET_ID,
  TENZIN_ID,
  expectOk,
  newBusiness,
  newIndividual,
  register,
  sendApi,
  uniquePhone,
  verify,
} from '../helpers/send.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'] });
});
afterAll(() => sandbox.stop());

describe('registration', () => {
  it('registers an individual with the documented sample fields, UNVERIFIED, with a UUID', async () => {
    const api = sendApi(sandbox);
    const body = newIndividual({ gender: 'Female' });
    const user = expectOk(await api.post('/users', body));
    expect(user.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(user).toMatchObject({
      first_name: 'Pema',
      last_name: 'Sherpa',
      email: body.email,
      gender: 'female',
      mobile_phone: body.mobile_phone,
      country: 'US',
      status: 'UNVERIFIED',
    });
    expect(user.type).toBeUndefined();
    expect(user.business).toBeUndefined();
    expect(user.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(user.physical_documents).toEqual([
      { id: expect.any(String), document_type: 'STATE_ID', country: 'US', expiry_date: '2030-03-09', state: 'CA' },
    ]);
    expect(expectOk(await api.get(`/users/${user.id}`))).toEqual(user);
  });

  it('registers a business, answering the monthly count as a number', async () => {
    const api = sendApi(sandbox);
    const user = expectOk(await api.post('/users', newBusiness({ number_of_transaction_per_month: '122' })));
    expect(user).toMatchObject({ first_name: 'Acme Payments Inc', business_type: 'LLC', number_of_transaction_per_month: 122 });
    expect(user.last_name).toBeUndefined();
    expect(user.virtual_documents).toEqual([{ id: expect.any(String), document_type: 'EIN', document_value: '123456789' }]);
  });

  it('answers 409 for an email (in any case) or a mobile phone another user of the client has', async () => {
    const api = sendApi(sandbox);
    const first = expectOk(await api.post('/users', newIndividual()));
    const sameEmail = await api.post('/users', newIndividual({ email: first.email.toUpperCase() }));
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body).toEqual({
      success: false,
      error: { code: 'USER_ALREADY_EXISTS', message: 'A user with this email already exists', field: 'email' },
    });
    const samePhone = await api.post('/users', newIndividual({ mobile_phone: first.mobile_phone }));
    expect(samePhone.status).toBe(409);
    expect(samePhone.body.error.field).toBe('mobile_phone');
    const tenzinsPhone = await api.post('/users', newIndividual({ mobile_phone: '2106603032' }));
    expect(tenzinsPhone.status).toBe(409);

    const second = expectOk(await api.post('/users', newIndividual()));
    const takeEmail = await api.patch(`/users/${second.id}`, { email: first.email });
    expect(takeEmail.status).toBe(409);
    expect(expectOk(await api.get(`/users/${second.id}`))).toEqual(second);
    expect((await api.patch(`/users/${second.id}`, { email: second.email })).status).toBe(200);
  });

  // Changed to the documented fact: the User Object requires mobile_phone too, and type RECEIVE is Add a Receive User.
  it("requires the User Object's mobile_phone, email and first_name, and checks formats, naming the field", async () => {
    const api = sendApi(sandbox);
    const cases: [Record<string, unknown>, string, string][] = [
      [newIndividual({ email: undefined }), 'email', 'email is required'],
      [newIndividual({ first_name: undefined }), 'first_name', 'first_name is required'],
      [newIndividual({ mobile_phone: undefined }), 'mobile_phone', 'mobile_phone is required'],
      [newIndividual({ mobile_phone: '555-0100' }), 'mobile_phone', 'mobile_phone must be 10 to 15 digits, without spaces, dashes or a leading +'],
      [newIndividual({ state: 'California' }), 'state', 'state must be a 2-letter state code in capital letters, such as CA'],
      [newIndividual({ date_of_birth: '01/01/2000' }), 'date_of_birth', 'date_of_birth must be a date in the format yyyy-MM-dd'],
      [newIndividual({ gender: 'unknown' }), 'gender', 'gender must be one of: male, female, other'],
      [newIndividual({ type: 'RECEIVE' }), 'send_user_id', 'send_user_id is required'],
      [newIndividual({ nickname: 'T' }), 'nickname', 'nickname is not a recognised field'],
      [newIndividual({ business_type: 'LLC' }), 'business_type', 'business_type is not a field of individual users'],
      [newBusiness({ gender: 'male' }), 'gender', 'gender is not a field of business users'],
    ];
    for (const [body, field, message] of cases) {
      const response = await api.post('/users', body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message, field } });
    }
  });

  it('accepts physical documents only as Base64 data URIs', async () => {
    const api = sendApi(sandbox);
    const document = (document_value: string) => ({ document_type: 'STATE_ID', document_value });
    for (const value of ['SUQs==', 'https://example.com/id.jpg', 'data:image/jpg,SUQs', 'data:image/jpg;base64,not base64!']) {
      const response = await api.post('/users', newIndividual({ physical_documents: [document(value)] }));
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        code: 'VALIDATION_ERROR',
        field: 'physical_documents.0.document_value',
        message: 'physical_documents.0.document_value must be a Base64 data URI such as data:image/jpg;base64,SUQs==',
      });
    }
    const ok = await api.post('/users', newIndividual({ physical_documents: [document('data:application/pdf;base64,JVBERi0xLjQK')] }));
    expect(ok.status).toBe(200);
    const back = await api.patch(`/users/${ok.body.id}`, {
      physical_documents: [{ ...document(IMAGE), document_value_back: 'back.jpg' }],
    });
    expect(back.body.error.field).toBe('physical_documents.0.document_value_back');
  });

  it('registers send users only in the enabled originating corridors', async () => {
    const api = sendApi(sandbox);
    const response = await api.post('/users', newIndividual({ country: 'IN' }));
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: 'CORRIDOR_NOT_ENABLED',
      message: 'IN is not an originating corridor enabled for this client (enabled: US)',
      field: 'country',
    });
  });
});

describe('SSN masking', () => {
  const fullSsn = /"document_value":"\d{9}"[^}]*"document_type":"SSN"|"document_type":"SSN"[^}]*"document_value":"\d{9}"/;

  it('answers an SSN as ***** and its last four digits in every response that carries it', async () => {
    const api = sendApi(sandbox);
    const body = newIndividual();
    const created = await api.post('/users', body);
    const read = await api.get(`/users/${created.body.id}`);
    const updated = await api.patch(`/users/${created.body.id}`, { city: 'Oakland' });
    const replaced = await api.patch(`/users/${created.body.id}`, {
      virtual_documents: [{ document_type: 'SSN', document_value: '987654321' }],
    });
    const verified = await verify(sandbox, api, created.body.id);
    const ssnOf = (user: { virtual_documents: { document_type: string; document_value: string }[] }) =>
      user.virtual_documents.find((d) => d.document_type === 'SSN')!.document_value;
    expect([created, read, updated].map((r) => ssnOf(r.body))).toEqual(['*****6789', '*****6789', '*****6789']);
    expect(ssnOf(replaced.body)).toBe('*****4321');
    expect(ssnOf(verified)).toBe('*****4321');
    for (const response of [created, read, updated, replaced]) {
      expect(response.text).not.toMatch(fullSsn);
      expect(response.text).not.toContain('123456789');
      expect(response.text).not.toContain('987654321');
    }
    // Other virtual documents are answered as sent.
    expect(read.body.virtual_documents).toContainEqual(expect.objectContaining({ document_type: 'PASSPORT', document_value: 'X1234567' }));
  });

  it("masks the fixture's and every seeded user's SSN", async () => {
    const api = sendApi(sandbox);
    expect(expectOk(await api.get(`/users/${TENZIN_ID}`)).virtual_documents[1].document_value).toBe('*****1111');
    const [data] = Object.values(sandbox.sandbox.inspect(`${api.clientId}:${api.clientSecret}`));
    const seeded = Object.values(data!.users!) as { id: string; virtual_documents: { document_type: string }[] }[];
    const withSsn = seeded.filter((user) => user.virtual_documents.some((d) => d.document_type === 'SSN'));
    expect(withSsn.length).toBeGreaterThan(3);
    for (const { id } of withSsn) {
      const response = await api.get(`/users/${id}`);
      expect(response.status).toBe(200);
      expect(response.text).not.toMatch(fullSsn);
      expect(response.body.virtual_documents.find((d: { document_type: string }) => d.document_type === 'SSN').document_value).toMatch(
        /^\*{5}\d{4}$/,
      );
    }
  });
});

describe('physical document archive', () => {
  it('keeps each replaced copy in archived_physical_documents, newest last, and never answers images', async () => {
    const api = sendApi(sandbox);
    const user = await register(api, newIndividual());
    const first = user.physical_documents[0];
    const second = expectOk(await api.patch(`/users/${user.id}`, { physical_documents: [{ document_type: 'STATE_ID', document_value: IMAGE, state: 'NY' }] }));
    const third = expectOk(await api.patch(`/users/${user.id}`, { physical_documents: [{ document_type: 'STATE_ID', document_value: IMAGE, state: 'NJ' }] }));
    expect(third.physical_documents).toEqual([{ id: expect.any(String), document_type: 'STATE_ID', state: 'NJ' }]);
    expect(third.archived_physical_documents).toEqual([
      { ...first, archived_at: expect.any(String), replaced_by: second.physical_documents[0].id },
      { ...second.physical_documents[0], archived_at: expect.any(String), replaced_by: third.physical_documents[0].id },
    ]);
    expect(JSON.stringify(third)).not.toContain('base64');
  });

  it('adds a document of a new type without archiving anything', async () => {
    const api = sendApi(sandbox);
    const user = await register(api, newIndividual());
    const updated = expectOk(await api.patch(`/users/${user.id}`, { physical_documents: [{ document_type: 'BANK_STATEMENT', document_value: IMAGE }] }));
    expect(updated.physical_documents.map((d: { document_type: string }) => d.document_type)).toEqual(['STATE_ID', 'BANK_STATEMENT']);
    expect(updated.archived_physical_documents).toBeUndefined();
  });
});

describe("errors in the sandbox's SEND envelope", () => {
  const unauthorized = {
    success: false,
    error: { code: 'UNAUTHORIZED', message: 'Invalid or missing X-Client-Id or X-Client-Secret' },
  };

  it('answers 401 when either header is missing or blank, for every operation', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/users', newIndividual()],
      ['GET', `/users/${TENZIN_ID}`],
      ['PATCH', `/users/${TENZIN_ID}`, { city: 'Oakland' }],
      ['POST', `/users/${TENZIN_ID}/kyc`],
      ['GET', `/users/${TENZIN_ID}/cip-info`],
      ['GET', `/users/${MACHNET_ID}/business-representative`],
      ['POST', `/users/${MACHNET_ID}/business-representative`, accountOperator],
      ['PATCH', `/users/${MACHNET_ID}/business-representative/c4f2b8a1-9d3e-4a6b-8c5d-2e1f0a9b8c7d`, { city: 'Oakland' }],
    ];
    const partial: Record<string, string>[] = [
      {},
      { 'X-Client-Id': 'client' },
      { 'X-Client-Secret': 'secret' },
      { 'X-Client-Id': ' ', 'X-Client-Secret': 'secret' },
    ];
    for (const headers of partial) {
      for (const [method, path, json] of routes) {
        const response = await sandbox.request(method, path, { headers, json });
        expect(response.status).toBe(401);
        expect(response.body).toEqual(unauthorized);
      }
    }
  });

  it('answers 404 for an unknown user on every user operation, and for routes Machnet does not document', async () => {
    const api = sendApi(sandbox);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const notFound = { success: false, error: { code: 'USER_NOT_FOUND', message: 'User not found' } };
    for (const response of [
      await api.get(`/users/${unknown}`),
      await api.patch(`/users/${unknown}`, { city: 'Oakland' }),
      await api.post(`/users/${unknown}/kyc`),
      await api.get(`/users/${unknown}/cip-info`),
      await api.get(`/users/${unknown}/business-representative`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(notFound);
    }
    const deleted = await api.call('DELETE', `/users/${TENZIN_ID}`);
    expect(deleted.status).toBe(404);
    expect(deleted.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: `DELETE /users/${TENZIN_ID} does not exist` } });
    expect((await api.get('/users')).status).toBe(404);
    expect((await api.get(`/users/${TENZIN_ID}`)).status).toBe(200);
  });

  it('answers 429 with Retry-After when --rate-limit is set (no limit otherwise)', async () => {
    const api = sendApi(sandbox);
    const unlimited = await Promise.all(Array.from({ length: 12 }, () => api.get(`/users/${TENZIN_ID}`)));
    expect(unlimited.every((response) => response.status === 200)).toBe(true);

    const limited = await launch({ vendors: ['send'], rateLimit: 2 });
    try {
      const client = sendApi(limited);
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(await client.get(`/users/${TENZIN_ID}`));
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
      const refused = statuses[2]!;
      expect(refused.headers.get('retry-after')).toMatch(/^[1-9][0-9]*$/);
      expect(refused.body).toEqual({
        success: false,
        error: { code: 'TOO_MANY_REQUESTS', message: `Too many requests; retry after ${refused.headers.get('retry-after')} seconds` },
      });
      // Another client pair has its own allowance.
      expect((await sendApi(limited).get(`/users/${TENZIN_ID}`)).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});

describe('client pairs', () => {
  it("keeps each id and secret pair's users to that pair, the same id with another secret included", async () => {
    const alice = sendApi(sandbox, 'client-alice', 'secret-1');
    const sameIdOtherSecret = sendApi(sandbox, 'client-alice', 'secret-2');
    const bob = sendApi(sandbox, 'client-bob', 'secret-1');
    const body = newIndividual();
    const user = expectOk(await alice.post('/users', body));
    for (const other of [sameIdOtherSecret, bob]) {
      expect((await other.get(`/users/${user.id}`)).status).toBe(404);
      expect((await other.patch(`/users/${user.id}`, { city: 'Oakland' })).status).toBe(404);
      expect((await other.post(`/users/${user.id}/kyc`)).status).toBe(404);
      // The email is free in the other pair's data.
      expect((await other.post('/users', { ...body, mobile_phone: uniquePhone() })).status).toBe(200);
    }
    await alice.patch(`/users/${TENZIN_ID}`, { city: 'Oakland' });
    expect(expectOk(await bob.get(`/users/${TENZIN_ID}`)).city).toBe('Santa Clara');
    expect(expectOk(await alice.get(`/users/${TENZIN_ID}`)).city).toBe('Oakland');
  });
});
