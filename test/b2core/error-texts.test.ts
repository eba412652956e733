import { connect } from 'node:net';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { b2core, EU_DESK, isolatedCredentials, signedIn } from '../helpers/b2core.js';

/**
 * Issue 14, item 9: each error names the field or key at fault, says what is wrong and what is expected. B2Core
 * publishes none of its error texts, so all of these are the sandbox's own wording, written out here in full.
 */

let sandbox: TestSandbox;
let admin: ReturnType<typeof b2core>;
beforeAll(async () => {
  sandbox = await launch({ clients: 3 });
  admin = b2core(sandbox, (await isolatedCredentials(sandbox, 'error-texts')).Authorization!.replace('Bearer ', ''));
});
afterAll(() => sandbox.stop());

const NEW_CLIENT = { info: { givenName: 'Error', familyName: 'Texts' }, email: 'error.texts@example.com' };

describe('field errors say what the field should hold', () => {
  it.each([
    ['a country code that is not three digits', { ...NEW_CLIENT, addresses: { '0': { country_code: '78' } } }, 'addresses.0.country_code', 'This value should be the three-digit numeric code of a country (ISO 3166), such as "784".'],
    ['a phone number with letters', { ...NEW_CLIENT, phones: { '0': { phone: 'call me' } } }, 'phones.0.phone', 'This value is not a valid phone number: an optional "+", then 5 to 20 digits, spaces, brackets or dashes starting with a digit, such as "+971000000000".'],
    ['a birthday written day first', { ...NEW_CLIENT, info: { ...NEW_CLIENT.info, birthday: '17/05/1990' } }, 'info.birthday', 'This value should be a date such as "1990-05-17", or a date-time such as "1990-05-17T00:00:00+00:00".'],
    ['addresses keyed by a name instead of a form index', { ...NEW_CLIENT, addresses: { home: { country_code: '784' } } }, 'addresses', 'Each key of this object should be a form index such as "0"; one is not.'],
    ['phones keyed by a name instead of a form index', { ...NEW_CLIENT, phones: { mobile: { phone: '+971000000000' } } }, 'phones', 'Each key of this object should be a form index such as "0"; one is not.'],
  ])('create: %s', async (_case, body, field, message) => {
    const response = await admin.post('/clients', body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 400, message: 'Validation failed', errors: { [field]: [message] } });
  });

  it.each([
    ['a locale without its country', { locale: 'en' }, 'locale', 'This value should be a locale such as "en_US": a language, an underscore and a country.'],
    ['a tag that does not exist', { tagIds: [9] }, 'tagIds', 'Tag 9 does not exist. Choose from: 1 (EU), 2 (VIP), 3 (Affiliate).'],
    ['the same tag twice', { tagIds: [1, 1] }, 'tagIds', 'This collection should contain only unique elements: those at indexes 0 and 1 are the same.'],
    ['a risk level that does not exist', { riskLevelId: 7 }, 'riskLevelId', 'The value you selected is not a valid choice. Choose one of: 1 (Low), 2 (Medium), 3 (High).'],
    ['a manager that does not exist', { managerId: 4 }, 'managerId', 'The value you selected is not a valid choice. Choose one of: 1 (Alice Martin), 2 (Bruno Keller), 3 (Chen Jing).'],
  ])('update: %s', async (_case, body, field, message) => {
    const response = await admin.patch('/clients/2', body);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 400, message: 'Validation failed', errors: { [field]: [message] } });
  });

  it('sign-in: a password of neither type names both types', async () => {
    const response = await sandbox.request('POST', '/api/v2/signin', { json: { email: 'admin@b2core.example', password: true } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 400, message: 'Validation failed', errors: { password: ['This value should be of type string or number.'] } });
  });
});

describe('whole-body errors say what is wrong with the body', () => {
  it('an empty update is an empty object, not "not a JSON object"', async () => {
    const response = await admin.patch('/clients/2', {});
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 400,
      message: 'The request body is an empty object: send at least one field to change, such as {"nickname": "Nickname"}',
    });
  });

  it('a body that is not JSON quotes the parser: a form body is read as JSON whatever its Content-Type, and refused', async () => {
    const response = await admin.call('POST', '/clients', {
      raw: 'email=jdoe%40example.com',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 400, message: 'The request body is not valid JSON: Unexpected token \'e\', "email=jdoe"... is not valid JSON' });
  });

  it('a request without any body says the body is missing, not that its Content-Type is wrong (any is read)', async () => {
    const { host, hostname, port } = new URL(sandbox.url);
    const token = (await isolatedCredentials(sandbox, 'no-body')).Authorization!;
    // Without Content-Length or Transfer-Encoding, as `curl -X POST` sends it; fetch always adds a length.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''), () => {
        socket.end(`POST /api/v2/clients HTTP/1.1\r\nHost: ${host}\r\nAuthorization: ${token}\r\nConnection: close\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ code: 400, message: 'The request body is missing: send a JSON object' });
  });
});

describe('query, header and permission errors say what is expected', () => {
  it('a refused Prefer is a header, named with the codes the operation documents', async () => {
    const response = await admin.get('/clients', { headers: { Prefer: 'code=418' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 400,
      message: 'Invalid request headers',
      errors: { Prefer: ['code=418 is not documented for listClients; documented: 200, 400, 401, 429, 500'] },
    });
  });

  it('an unknown contact filter lists the one supported', async () => {
    const response = await admin.get('/phones?filter[email]=foo@bar.com');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      code: 400,
      message: 'Invalid query parameters',
      errors: { 'filter[email]': ['This filter is not supported. Supported filters: filter[clientId].'] },
    });
  });

  it('an admin limited to tags giving another tag is told which tags it may give', async () => {
    const desk = await signedIn(sandbox, EU_DESK);
    const response = await desk.patch('/clients/2', { tagIds: [1, 2] });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: 403, message: 'Forbidden: this admin may only give its own tags, EU (1), not VIP (2)' });
  });
});
