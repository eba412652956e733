import { launch, type TestSandbox } from '../helpers/sandbox.js';
import {
  ADMIN,
  allClients,
  DOCUMENTED_LIST_QUERY,
  DOCUMENTED_NEW_CLIENT,
  EU_DESK,
  PARTNERS_DESK,
  signedIn,
  TAGS,
  VIP_DESK,
} from '../helpers/b2core.js';

type Api = Awaited<ReturnType<typeof signedIn>>;

let sandbox: TestSandbox;
let admin: Api;
/** Every client of the seeded back office, as the unrestricted admin lists them. */
let everyone: any[];

beforeAll(async () => {
  sandbox = await launch();
  admin = await signedIn(sandbox, ADMIN);
  everyone = await allClients(admin);
});
afterAll(() => sandbox.stop());

const ids = (clients: any[]) => clients.map((client) => client.clientId);
const sortedIds = (clients: any[]) => ids(clients).sort((a, b) => a - b);
const adult = (years: number) => `${new Date().getUTCFullYear() - years}-01-01`;

describe('the source page requests', () => {
  it('lists the example client for the documented curl request, as written', async () => {
    const response = await admin.get(`/clients?${DOCUMENTED_LIST_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(1);
    expect(response.body.data[0]).toMatchObject({
      clientId: 1,
      email: 'foo@bar.com',
      firstName: 'Sergey',
      lastName: 'Voronov',
      nickname: 'Voronov',
      city: 'New York',
      company: { shortName: 'Company name', fullName: 'Company full name' },
      status: { id: 1, name: 'Active' },
      verificationLevel: { id: -96750485, name: 'Documentation example' },
    });
  });

  it('gets client 1 as documented', async () => {
    const response = await admin.get('/clients/1');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(everyone.find((client) => client.clientId === 1));
  });

  it('creates the documented client and reads it back with firstName/lastName', async () => {
    const created = await admin.post('/clients', DOCUMENTED_NEW_CLIENT);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'jdoe@example.com',
      firstName: 'John',
      lastName: 'Doe',
      middleName: null,
      birthday: null,
      info: { firstName: 'John', lastName: 'Doe', middleName: null, birthday: null },
      country: { numericCode: '784', alpha2Code: 'AE', countryName: 'United Arab Emirates' },
      status: { id: 1, name: 'Active' },
      type: { id: 1, name: 'Individual' },
      verificationLevel: { id: 1, name: 'Unverified' },
      tags: [],
      phones: [{ number: '+971000000000', confirmed: false }],
      addresses: [{ country: { numericCode: '784' } }],
    });
    expect(created.body.clientId).toBeGreaterThan(Math.max(...ids(everyone)));
    expect(created.body.createTime).toBe(created.body.updateTime);

    const read = await admin.get(`/clients/${created.body.clientId}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const again = await admin.post('/clients', DOCUMENTED_NEW_CLIENT);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ code: 400, message: 'Validation failed', errors: { email: ['This email address is already used by another client.'] } });
    expect((await admin.delete(`/clients/${created.body.clientId}`)).status).toBe(204);
  });
});

describe('client list filters', () => {
  const single: [string, string, (client: any) => boolean][] = [
    ['clientId', '3', (c) => c.clientId === 3],
    ['email', 'EXAMPLE.ORG', (c) => c.email.includes('example.org')],
    ['emails', 'foo@bar', (c) => c.email.includes('foo@bar')],
    ['name', 'anna maria', (c) => `${c.firstName} ${c.middleName ?? ''} ${c.lastName}`.toLowerCase().includes('anna maria')],
    ['nickname', 'liwei', (c) => (c.nickname ?? '').includes('liwei')],
    ['managerIds', '2,3', (c) => [2, 3].includes(c.manager?.id)],
    ['countryCodes', '276, 840', (c) => ['276', '840'].includes(c.country?.numericCode)],
    ['city', 'berlin', (c) => (c.city ?? '').toLowerCase().includes('berlin')],
    ['statusIds', '2, 3, 4', (c) => [2, 3, 4].includes(c.status.id)],
    ['internalTypeIds', '3', (c) => c.internalType?.id === 3],
    ['companyShortName', 'rossi', (c) => (c.company.shortName ?? '').toLowerCase().includes('rossi')],
    ['companyFullName', 's.r.l.', (c) => (c.company.fullName ?? '').toLowerCase().includes('s.r.l.')],
    ['riskLevelIds', ' 3 ', (c) => c.riskLevel?.id === 3],
    ['typeIds', '2', (c) => c.type.id === 2],
    ['verificationLevelIds', '1,2', (c) => [1, 2].includes(c.verificationLevel.id)],
  ];

  it.each(single)('filter[%s]=%s alone lists exactly the matching clients', async (name, value, matches) => {
    const expected = everyone.filter(matches);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everyone.length);
    const response = await admin.get(`/clients?limit=100&filter[${name}]=${encodeURIComponent(value)}`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(expected.length);
    expect(sortedIds(response.body.data)).toEqual(sortedIds(expected));
  });

  it('combines filters with AND', async () => {
    const expected = everyone.filter((c) => c.type.id === 1 && c.status.id === 1 && [1, 2].includes(c.riskLevel?.id));
    expect(expected.length).toBeGreaterThan(0);
    const response = await admin.get('/clients?limit=100&filter[typeIds]=1&filter[statusIds]=1&filter[riskLevelIds]=1, 2');
    expect(response.body.total).toBe(expected.length);
    expect(sortedIds(response.body.data)).toEqual(sortedIds(expected));

    const none = await admin.get('/clients?filter[clientId]=2&filter[city]=Milan');
    expect(none.body).toEqual({ total: 0, data: [] });
  });

  it('refuses a filter the page does not list and a malformed id list with 400', async () => {
    const unknown = await admin.get('/clients?filter[statusId]=1');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      code: 400,
      message: 'Invalid query parameters',
      errors: {
        'filter[statusId]': [
          'This filter is not supported. Supported filters: filter[clientId], filter[email], filter[emails], filter[name], filter[nickname], filter[city], filter[companyShortName], filter[companyFullName], filter[managerIds], filter[countryCodes], filter[statusIds], filter[internalTypeIds], filter[riskLevelIds], filter[typeIds], filter[verificationLevelIds].',
        ],
      },
    });
    const malformed = await admin.get('/clients?filter[statusIds]=1;2');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({
      code: 400,
      message: 'Invalid query parameters',
      errors: { 'filter[statusIds]': ['This value should be a comma-separated list of integers, such as "1, 2, 3".'] },
    });
    const notInteger = await admin.get('/clients?filter[clientId]=one');
    expect(notInteger.status).toBe(400);
    expect(notInteger.body.errors).toEqual({ 'filter[clientId]': ['This value should be of type integer.'] });
  });
});

describe('client list sorting and paging', () => {
  it('sorts newest first by default and either way on request', async () => {
    const byCreateTime = [...everyone].sort((a, b) => a.createTime.localeCompare(b.createTime) || a.clientId - b.clientId);
    expect(ids(everyone)).toEqual(ids(byCreateTime).reverse());
    expect(ids(await allClients(admin, '&sort_by=createTime&sort_order=asc'))).toEqual(ids(byCreateTime));

    const byClientId = sortedIds(everyone);
    expect(ids(await allClients(admin, '&sort_by=clientId&sort_order=asc'))).toEqual(byClientId);
    expect(ids(await allClients(admin, '&sort_by=clientId&sort_order=desc'))).toEqual([...byClientId].reverse());

    const emails = (await allClients(admin, '&sort_by=email&sort_order=asc')).map((client) => client.email.toLowerCase());
    expect(emails).toEqual([...emails].sort());
  });

  it('counts every match in total, before limit and offset', async () => {
    const pages = [];
    for (let offset = 0; offset < everyone.length; offset += 7) {
      const response = await admin.get(`/clients?limit=7&offset=${offset}&sort_by=clientId&sort_order=asc`);
      expect(response.body.total).toBe(everyone.length);
      expect(response.body.data.length).toBe(Math.min(7, everyone.length - offset));
      pages.push(...response.body.data);
    }
    expect(ids(pages)).toEqual(sortedIds(everyone));

    const beyond = await admin.get(`/clients?offset=${everyone.length}`);
    expect(beyond.body).toEqual({ total: everyone.length, data: [] });
    const defaults = await admin.get('/clients');
    expect(defaults.body.data).toHaveLength(10);

    const tooMany = await admin.get('/clients?limit=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual({ limit: ['This value should be less than or equal to 100.'] });
    const badSort = await admin.get('/clients?sort_by=password');
    expect(badSort.status).toBe(400);
    expect(Object.keys(badSort.body.errors)).toEqual(['sort_by']);
  });
});

describe('client list sorting on a key some clients lack (sort_by x-sandbox-assumption, openapi/b2core.yaml)', () => {
  let fixturesOnly: TestSandbox;
  beforeAll(async () => {
    fixturesOnly = await launch({ clients: 0 });
  });
  afterAll(() => fixturesOnly.stop());

  it('sorts nickname case-insensitively with the clients without one last either way, ties by clientId in the same order', async () => {
    const api = await signedIn(fixturesOnly);
    // Fixture nicknames: 1 Voronov, 2 aschmidt, 3 none, 4 liwei, 5 gulf-ib; client 6 is created without one.
    const created = await api.post('/clients', { info: { givenName: 'No', familyName: 'Nickname' }, email: 'no.nickname@example.com' });
    expect(created.body).toMatchObject({ clientId: 6, nickname: null });

    expect(ids(await allClients(api, '&sort_by=nickname&sort_order=asc'))).toEqual([2, 5, 4, 1, 3, 6]);
    expect(ids(await allClients(api, '&sort_by=nickname&sort_order=desc'))).toEqual([1, 4, 5, 2, 6, 3]);
    const secondPage = await api.get('/clients?sort_by=nickname&sort_order=asc&limit=2&offset=4');
    expect(ids(secondPage.body.data)).toEqual([3, 6]);
  });
});

describe('admins limited to tags', () => {
  it.each([
    ['EU desk', EU_DESK, [TAGS.EU], 'EU (1)'],
    ['VIP desk', VIP_DESK, [TAGS.VIP], 'VIP (2)'],
    ['partners desk', PARTNERS_DESK, [TAGS.VIP, TAGS.Affiliate], 'VIP (2) or Affiliate (3)'],
  ])('the %s sees exactly the clients with its tags, in lists and by id', async (_name, credentials, tags, tagged) => {
    const desk = await signedIn(sandbox, credentials);
    const expected = everyone.filter((client) => client.tags.some((tag: any) => tags.includes(tag.id)));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(everyone.length);

    const listed = await allClients(desk);
    expect(ids(listed)).toEqual(ids(expected));
    const filtered = await desk.get('/clients?limit=100&filter[statusIds]=1');
    expect(ids(filtered.body.data)).toEqual(ids(expected.filter((client) => client.status.id === 1)));

    const visible = expected[0];
    expect((await desk.get(`/clients/${visible.clientId}`)).body).toEqual(visible);
    const hidden = everyone.find((client) => !expected.includes(client));
    const refused = await desk.get(`/clients/${hidden.clientId}`);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      code: 403,
      message: `Forbidden: this admin sees only clients tagged ${tagged}, and client ${hidden.clientId} has none of those tags`,
    });
    expect((await desk.patch(`/clients/${hidden.clientId}`, { nickname: 'x' })).status).toBe(403);
    expect((await desk.delete(`/clients/${hidden.clientId}`)).status).toBe(403);

    const phones = await desk.get(`/phones?limit=100&filter[clientId]=${hidden.clientId}`);
    expect(phones.body).toEqual({ total: 0, data: [] });
  });

  it('gives the clients a limited admin creates its own tags, so that it sees them', async () => {
    const desk = await signedIn(sandbox, EU_DESK);
    const created = await desk.post('/clients', { info: { givenName: 'Eva', familyName: 'Novak' }, email: 'eva.novak@example.cz' });
    expect(created.status).toBe(201);
    expect(created.body.tags).toEqual([{ id: TAGS.EU, name: 'EU' }]);
    expect((await desk.get(`/clients/${created.body.clientId}`)).status).toBe(200);
    expect((await desk.patch(`/clients/${created.body.clientId}`, { tagIds: [TAGS.VIP] })).status).toBe(403);
    expect((await desk.delete(`/clients/${created.body.clientId}`)).status).toBe(204);
  });
});

describe('creating a client', () => {
  it('maps givenName/middleName/familyName/birthday to the read names and keeps the address fields', async () => {
    const created = await admin.post('/clients', {
      info: { givenName: 'Maria', middleName: 'Luisa', familyName: 'Garcia', birthday: '1990-05-17' },
      addresses: { '0': { country_code: '724', address: 'Calle Mayor 1', city: 'Madrid', postcode: '28013' } },
      phones: { '0': { phone: '+34600000001' }, '1': { phone: '+34910000002' } },
      email: 'maria.garcia@example.es',
      wizardField: 'ignored',
    });
    expect(created.status).toBe(201);
    const id = created.body.clientId;
    const read = await admin.get(`/clients/${id}`);
    expect(read.body).toEqual(created.body);
    expect(read.body).toMatchObject({
      firstName: 'Maria',
      middleName: 'Luisa',
      lastName: 'Garcia',
      birthday: '1990-05-17T00:00:00+00:00',
      info: { firstName: 'Maria', middleName: 'Luisa', lastName: 'Garcia', birthday: '1990-05-17T00:00:00+00:00' },
      city: 'Madrid',
      country: { numericCode: '724', alpha2Code: 'ES', alpha3Code: 'ESP', countryName: 'Spain' },
    });
    expect(read.body).not.toHaveProperty('givenName');
    expect(read.body.phones.map((phone: any) => phone.number)).toEqual(['+34600000001', '+34910000002']);

    const listed = await admin.get('/clients?filter[name]=maria luisa garcia');
    expect(ids(listed.body.data)).toEqual([id]);
    const phones = await admin.get(`/phones?filter[clientId]=${id}`);
    expect(phones.body.total).toBe(2);
    expect(phones.body.data.every((phone: any) => phone.clientId === id)).toBe(true);
    const addresses = await admin.get(`/addresses?limit=10&sort_by=createTime&filter[clientId]=${id}`);
    expect(addresses.body).toMatchObject({ total: 1, data: [{ clientId: id, address: 'Calle Mayor 1', city: 'Madrid', postcode: '28013' }] });
  });

  it('refuses clients under 18 with 400 and changes nothing', async () => {
    const before = (await admin.get('/clients?limit=1')).body.total;
    const nearly = new Date();
    nearly.setUTCFullYear(nearly.getUTCFullYear() - 18);
    nearly.setUTCDate(nearly.getUTCDate() + 2);
    for (const birthday of [adult(10), nearly.toISOString().slice(0, 10), `${nearly.toISOString().slice(0, 10)}T00:00:00+00:00`]) {
      const response = await admin.post('/clients', { info: { givenName: 'Young', familyName: 'Person', birthday }, email: 'young@example.com' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        code: 400,
        message: 'Validation failed',
        errors: { 'info.birthday': ['The client must be at least 18 years old.'] },
      });
    }
    expect((await admin.get('/clients?limit=1')).body.total).toBe(before);

    const eighteen = await admin.post('/clients', { info: { givenName: 'Just', familyName: 'Adult', birthday: adult(19) }, email: 'adult@example.com' });
    expect(eighteen.status).toBe(201);
    expect((await admin.patch(`/clients/${eighteen.body.clientId}`, { info: { birthday: adult(17) } })).status).toBe(400);
  });

  it('names every field at fault', async () => {
    const missing = await admin.post('/clients', { info: { givenName: 'No' }, email: 'no.family@example.com' });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 400, message: 'Validation failed', errors: { 'info.familyName': ['This field is missing.'] } });

    const badEmail = await admin.post('/clients', { info: { givenName: 'A', familyName: 'B' }, email: 'not-an-email' });
    expect(badEmail.body.errors).toEqual({ email: ['This value is not a valid email address.'] });

    const several = await admin.post('/clients', {
      info: { givenName: 'A', familyName: 'B', birthday: '1990-02-30' },
      addresses: { '0': { country_code: '999' } },
      email: 'FOO@bar.com',
    });
    expect(several.status).toBe(400);
    expect(several.body.errors).toEqual({
      email: ['This email address is already used by another client.'],
      'info.birthday': ['This value is not a valid date: 1990-02-30 does not exist.'],
      'addresses.0.country_code': [
        'This value is not the numeric code of a country the back office knows. Choose one of: 001 (Documentation example), 036 (Australia), 076 (Brazil), 124 (Canada), 196 (Cyprus), 250 (France), 276 (Germany), 356 (India), 380 (Italy), 392 (Japan), 484 (Mexico), 528 (Netherlands), 702 (Singapore), 724 (Spain), 756 (Switzerland), 784 (United Arab Emirates), 826 (United Kingdom), 840 (United States).',
      ],
    });

    // The documented create example sends no Content-Type, so curl labels the JSON as a form: it is read all the same.
    const unlabelled = await admin.call('POST', '/clients', {
      raw: JSON.stringify({ ...DOCUMENTED_NEW_CLIENT, email: 'form.labelled@example.com' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(unlabelled.status).toBe(201);
    expect(unlabelled.body).toMatchObject({ firstName: 'John', lastName: 'Doe' });

    const notObject = await admin.post('/clients', [1, 2]);
    expect(notObject.status).toBe(400);
    expect(notObject.body).toEqual({ code: 400, message: 'The request body must be a JSON object, not an array or a single value' });
  });
});

describe('reading, updating and removing a client', () => {
  it('answers 404 Client not found for an unknown or non-integer id', async () => {
    for (const path of ['/clients/999999', '/clients/abc']) {
      const response = await admin.get(path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({ code: 404, message: 'Client not found' });
    }
    expect((await admin.patch('/clients/999999', { nickname: 'x' })).status).toBe(404);
    expect((await admin.delete('/clients/999999')).status).toBe(404);
  });

  it('changes only the fields sent, by PATCH or PUT, and refuses fields it does not know', async () => {
    const created = await admin.post('/clients', { info: { givenName: 'Pat', familyName: 'Doe' }, email: 'pat.doe@example.com' });
    const id = created.body.clientId;
    const patched = await admin.patch(`/clients/${id}`, {
      info: { firstName: 'Patricia', middleName: 'Q' },
      nickname: 'patq',
      statusId: 3,
      riskLevelId: 2,
      managerId: 1,
      tagIds: [TAGS.VIP],
      company: { shortName: 'PQ' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      firstName: 'Patricia',
      middleName: 'Q',
      lastName: 'Doe',
      nickname: 'patq',
      email: 'pat.doe@example.com',
      status: { id: 3, name: 'Banned' },
      riskLevel: { id: 2, name: 'Medium' },
      manager: { id: 1, name: 'Alice Martin' },
      tags: [{ id: TAGS.VIP, name: 'VIP' }],
      company: { shortName: 'PQ', fullName: null },
      createTime: created.body.createTime,
    });
    expect((await admin.get(`/clients/${id}`)).body).toEqual(patched.body);

    const put = await admin.put(`/clients/${id}`, { info: { familyName: 'Smith' }, riskLevelId: null });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ firstName: 'Patricia', lastName: 'Smith', riskLevel: null });

    const unknown = await admin.patch(`/clients/${id}`, { password: 'x' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual({ password: ['This field was not expected.'] });
    const badReference = await admin.patch(`/clients/${id}`, { statusId: 9, email: 'foo@bar.com' });
    expect(badReference.body.errors).toEqual({
      email: ['This email address is already used by another client.'],
      statusId: ['The value you selected is not a valid choice. Choose one of: 1 (Active), 2 (Inactive), 3 (Banned), 4 (Deleted).'],
    });

    expect((await admin.delete(`/clients/${id}`)).status).toBe(204);
    expect((await admin.get(`/clients/${id}`)).status).toBe(404);
    expect((await admin.get(`/phones?filter[clientId]=${id}`)).body.total).toBe(0);
  });
});

describe('phones and addresses', () => {
  it('list those of one client with filter[clientId], as public client code asks for them', async () => {
    const phones = await admin.get('/phones?limit=10&filter[clientId]=3');
    expect(phones.status).toBe(200);
    expect(phones.body.total).toBe(2);
    expect(phones.body.data.map((phone: any) => phone.number).sort()).toEqual(['+390287654321', '+393471234567']);
    const addresses = await admin.get('/addresses?limit=10&sort_by=createTime&filter[clientId]=3');
    expect(addresses.body).toMatchObject({ total: 1, data: [{ clientId: 3, city: 'Milan', country: { countryName: 'Italy' } }] });
    const all = await admin.get('/phones?limit=100');
    const current = await allClients(admin);
    expect(all.body.total).toBe(current.reduce((sum, client) => sum + client.phones.length, 0));
  });
});
