// The client list's filters (docs/vendors/b2core.md, "Filters (all combine with AND)"): `filter[clientId]`
// that id; `email` (or `emails`), `name` (the full name), `nickname`, `city`, `companyShortName`,
// `companyFullName` a case-insensitive substring; `managerIds`, `statusIds`, `internalTypeIds`,
// `riskLevelIds`, `typeIds`, `verificationLevelIds`, `countryCodes` comma-separated, spaces allowed. Each
// answer is the fixture clients' ids (fixtures/b2core/clients.json), written out by hand:
//   1 Sergey Voronov, foo@bar.com, nickname Voronov, New York, country 001, status 1, internal type 1,
//     risk 1, type 1, verification -96750485, manager 1, company "Company name" / "Company full name"
//   2 Anna Maria Schmidt, anna.schmidt@example.de, aschmidt, Berlin, 276, 1, 2, 1, 1, 3, manager 2
//   3 Marco Rossi, m.rossi@rossi-trading.example.it, no nickname, Milan, 380, 1, 3, 2, 2, 2, manager 2,
//     "Rossi Trading" / "Rossi Trading S.r.l."
//   4 Wei Li, wei.li@example.sg, liwei, Singapore, 702, status 2, no internal type, 3, 1, 1, manager 3
//   5 Omar Haddad, partners@gulf-introducers.example.ae, gulf-ib, Dubai, 784, 1, 3, no risk level, 2, 3,
//     no manager, "Gulf Introducers" / "Gulf Introducers FZ-LLC"
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { ADMIN, signedIn } from '../helpers/b2core.js';

let sandbox: TestSandbox;
let admin: Awaited<ReturnType<typeof signedIn>>;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['b2core'], clients: 0 });
  admin = await signedIn(sandbox, ADMIN);
});
afterAll(() => sandbox.stop());

const listed = async (query: string) => {
  const response = await admin.get(`/clients?limit=100&sort_by=clientId&sort_order=asc&${query}`);
  expect([query, response.status]).toEqual([query, 200]);
  expect(response.body.total).toBe(response.body.data.length);
  return response.body.data.map((client: { clientId: number }) => client.clientId);
};

describe('client list filters on the fixture clients', () => {
  it.each([
    ['filter[clientId]=3', [3]],
    ['filter[clientId]=9', []],
    ['filter[email]=EXAMPLE', [2, 3, 4, 5]],
    ['filter[emails]=foo@bar.com', [1]],
    ['filter[email]=  Rossi-Trading  ', [3]],
    ['filter[name]=anna maria schmidt', [2]],
    ['filter[name]=anna schmidt', [2]],
    ['filter[name]=MARCO ROSSI', [3]],
    ['filter[name]=o', [1, 3, 5]],
    ['filter[nickname]=WEI', [4]],
    ['filter[nickname]=i', [2, 4, 5]],
    ['filter[city]=new york', [1]],
    ['filter[city]=an', [3]],
    ['filter[companyShortName]=trading', [3]],
    ['filter[companyShortName]=Company', [1]],
    ['filter[companyFullName]=llc', [5]],
    ['filter[companyFullName]=full', [1]],
    ['filter[managerIds]=2', [2, 3]],
    ['filter[managerIds]=1, 3', [1, 4]],
    ['filter[countryCodes]=276,784', [2, 5]],
    ['filter[countryCodes]=1', [1]],
    ['filter[statusIds]=2', [4]],
    ['filter[internalTypeIds]=3', [3, 5]],
    ['filter[riskLevelIds]=1,3', [1, 2, 4]],
    ['filter[typeIds]=2', [3, 5]],
    ['filter[verificationLevelIds]=-96750485', [1]],
    ['filter[verificationLevelIds]=3', [2, 5]],
  ])('%s lists %j', async (query, expected) => {
    expect(await listed(query)).toEqual(expected);
  });

  it('ignores a text filter that is empty or blank', async () => {
    expect(await listed('filter[name]=')).toEqual([1, 2, 3, 4, 5]);
    expect(await listed('filter[city]=%20%20')).toEqual([1, 2, 3, 4, 5]);
  });

  it('matches no client without a country of residence, whatever the codes', async () => {
    const created = await admin.post('/clients', { info: { givenName: 'No', familyName: 'Country' }, email: 'no.country@example.com' });
    expect(created.status).toBe(201);
    expect(created.body.country ?? null).toBeNull();
    expect(await listed('filter[countryCodes]=0')).toEqual([]);
    expect(await listed('filter[countryCodes]=0,1')).toEqual([1]);
    expect(await admin.delete(`/clients/${created.body.clientId}`)).toMatchObject({ status: 204 });
  });

  it('combines filters with AND', async () => {
    expect(await listed('filter[typeIds]=1&filter[managerIds]=1,2')).toEqual([1, 2]);
    expect(await listed('filter[statusIds]=1&filter[countryCodes]=276, 380&filter[riskLevelIds]=2')).toEqual([3]);
    expect(await listed('filter[clientId]=2&filter[city]=milan')).toEqual([]);
    expect(await listed('filter[email]=example&filter[nickname]=gulf')).toEqual([5]);
  });

  it('sorts the matches on each documented key, either way', async () => {
    const sorted = async (query: string) =>
      (await admin.get(`/clients?limit=100&${query}`)).body.data.map((client: { clientId: number }) => client.clientId);
    expect(await sorted('sort_by=firstName&sort_order=asc')).toEqual([2, 3, 5, 1, 4]);
    expect(await sorted('sort_by=lastName&sort_order=asc')).toEqual([5, 4, 3, 2, 1]);
    expect(await sorted('sort_by=email&sort_order=desc')).toEqual([4, 5, 3, 1, 2]);
    expect(await sorted('sort_by=nickname&sort_order=asc')).toEqual([2, 5, 4, 1, 3]);
    expect(await sorted('sort_by=clientId&sort_order=desc')).toEqual([5, 4, 3, 2, 1]);
    // Client 2 was updated last (2023-06-02, after client 1's creation and before client 3's).
    expect(await sorted('sort_by=updateTime&sort_order=asc')).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('client list sorting by update time, on seeded clients updated in no order of id', () => {
  let seeded: TestSandbox;
  let api: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    seeded = await launch({ vendors: ['b2core'], clients: 25 });
    api = await signedIn(seeded, ADMIN);
  });
  afterAll(() => seeded.stop());

  it.each(['updateTime'])('sorts by %s, not by id', async (key) => {
    const answer = await api.get(`/clients?limit=100&sort_by=${key}&sort_order=asc`);
    const clients = answer.body.data as Record<string, unknown>[];
    const times = clients.map((client) => Date.parse(client[key] as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const ids = clients.map((client) => client.clientId as number);
    // The seeded update times are not in the order of the ids, so an order by id would not pass.
    expect(ids).not.toEqual([...ids].sort((a, b) => a - b));
  });
});
