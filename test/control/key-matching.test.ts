/**
 * Issue 12, item 9a: the control API's `key` is a whole credential. SEND's is `<client id>:<client
 * secret>`; the client id alone, which two tenants may share, matches neither of them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { expectOk, newIndividual, sendApi } from '../helpers/send.js';

const CLIENT_ID = 'shared-client-id';

describe('a SEND key', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch();
  });
  afterAll(() => sandbox.stop());

  const control = (method: string, path: string, json?: unknown) => sandbox.request(method, `/__sandbox${path}`, { json });

  /** Two tenants sharing a client id, each with a user of its own. */
  async function twoTenants(tag: string) {
    const a = sendApi(sandbox, CLIENT_ID, `secret-a-${tag}`);
    const b = sendApi(sandbox, CLIENT_ID, `secret-b-${tag}`);
    const userA = expectOk(await a.post('/users', newIndividual())).id as string;
    const userB = expectOk(await b.post('/users', newIndividual())).id as string;
    return { a, b, userA, userB };
  }

  it('resets one tenant by id:secret, and none by the client id alone', async () => {
    const { a, b, userA, userB } = await twoTenants('reset');
    expect((await control('POST', '/reset', { key: CLIENT_ID })).body).toEqual({ partitionsReset: 0 });
    expect((await a.get(`/users/${userA}`)).status).toBe(200);
    expect((await b.get(`/users/${userB}`)).status).toBe(200);

    expect((await control('POST', '/reset', { key: `${CLIENT_ID}:secret-a-reset` })).body).toEqual({ partitionsReset: 1 });
    expect((await a.get(`/users/${userA}`)).status).toBe(404);
    expect((await b.get(`/users/${userB}`)).status).toBe(200);
    expect((await control('POST', '/reset', { key: 'secret-b-reset' })).body).toEqual({ partitionsReset: 0 });
  });

  it('finds one tenant’s requests, faults and data by id:secret, and nothing by the client id alone', async () => {
    const { a, b, userA, userB } = await twoTenants('journal');
    expect((await control('GET', `/requests?key=${CLIENT_ID}`)).body.items).toEqual([]);
    const journalB = (await control('GET', `/requests?key=${CLIENT_ID}:secret-b-journal`)).body.items;
    expect(journalB.map((entry: { method: string; path: string }) => `${entry.method} ${entry.path}`)).toEqual(['POST /users']);

    expect(sandbox.sandbox.inspect(CLIENT_ID)).toEqual({});
    expect(Object.keys(sandbox.sandbox.inspect(`${CLIENT_ID}:secret-b-journal`))).toHaveLength(1);

    expect((await control('POST', '/faults', { key: CLIENT_ID, status: 503, count: 5 })).status).toBe(201);
    expect((await control('POST', '/faults', { key: `${CLIENT_ID}:secret-b-journal`, status: 502, count: 1 })).status).toBe(201);
    expect((await a.get(`/users/${userA}`)).status).toBe(200);
    expect((await b.get(`/users/${userB}`)).status).toBe(502);
    expect((await b.get(`/users/${userB}`)).status).toBe(200);
    expect((await control('DELETE', '/faults')).status).toBe(204);
  });

  it('limits one tenant by id:secret, and none by the client id alone', async () => {
    const { a, b, userA, userB } = await twoTenants('limit');
    expect((await control('PUT', '/rate-limits', { key: CLIENT_ID, limit: 1, windowMs: 60_000 })).status).toBe(200);
    expect([(await a.get(`/users/${userA}`)).status, (await a.get(`/users/${userA}`)).status]).toEqual([200, 200]);
    expect((await control('PUT', '/rate-limits', { key: `${CLIENT_ID}:secret-b-limit`, limit: 1, windowMs: 60_000 })).status).toBe(200);
    expect([(await b.get(`/users/${userB}`)).status, (await b.get(`/users/${userB}`)).status]).toEqual([200, 429]);
    expect((await a.get(`/users/${userA}`)).status).toBe(200);
    expect((await control('DELETE', '/rate-limits')).status).toBe(204);
  });
});

describe('a SEND key after a restart', () => {
  it('still finds its tenant, written before the restart, by id:secret only', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kyc-keys-')), 'sandbox.json');
    const first = await launch({ db });
    let userId: string;
    try {
      userId = expectOk(await sendApi(first, CLIENT_ID, 'secret:with-colon').post('/users', newIndividual())).id;
    } finally {
      await first.stop();
    }
    const second = await launch({ db });
    try {
      const reset = (key: string) => second.request('POST', '/__sandbox/reset', { json: { key } });
      expect((await reset(CLIENT_ID)).body).toEqual({ partitionsReset: 0 });
      expect((await reset(`${CLIENT_ID}:secret`)).body).toEqual({ partitionsReset: 0 });
      expect((await reset(`${CLIENT_ID}:secret:with-colon`)).body).toEqual({ partitionsReset: 1 });
      expect((await sendApi(second, CLIENT_ID, 'secret:with-colon').get(`/users/${userId}`)).status).toBe(404);
    } finally {
      await second.stop();
    }
  });
});
