import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, newPerson } from '../helpers/complycube.js';
import { cryptoMate } from '../helpers/cryptomate.js';
import { sendApi, TENZIN_ID } from '../helpers/send.js';
import { ADMIN } from '../helpers/b2core.js';

const LIMIT_MESSAGE = (max: number) =>
  `The sandbox holds its maximum of ${max} tenants: reset some (POST /__sandbox/reset) or raise --max-tenants`;

/** The partitions the sandbox holds for one key, or for every key. */
const heldFor = (sandbox: TestSandbox, key?: string) => Object.keys(sandbox.sandbox.inspect(key));

describe('the tenant bound', () => {
  let sandbox: TestSandbox | undefined;
  afterEach(async () => {
    await sandbox?.stop();
    sandbox = undefined;
  });

  it('evicts the least recently used pristine tenant for a new one, which comes back identical, ids included', async () => {
    sandbox = await launch({ maxTenants: 3 });
    const first = complyCube(sandbox, 'test_bound_a');
    const second = complyCube(sandbox, 'test_bound_b');
    const third = complyCube(sandbox, 'test_bound_c');
    const fourth = complyCube(sandbox, 'test_bound_d');
    const firstSeen = (await first.get('/clients?pageSize=100')).body;
    const secondSeen = (await second.get('/clients?pageSize=100')).body;
    expect((await third.get('/clients?pageSize=1')).status).toBe(200);
    // Used again, the first is now the most recent: the second is the least recently used.
    expect((await first.get('/clients?pageSize=1')).status).toBe(200);

    expect((await fourth.get('/clients?pageSize=1')).status).toBe(200);
    expect(heldFor(sandbox, second.apiKey)).toEqual([]);
    expect(heldFor(sandbox, first.apiKey)).toHaveLength(1);
    expect(heldFor(sandbox)).toHaveLength(3);

    const secondAgain = await second.get('/clients?pageSize=100');
    expect(secondAgain.status).toBe(200);
    expect(secondAgain.body).toEqual(secondSeen);
    expect(secondAgain.body.items.length).toBeGreaterThan(20);
    // Its return evicted the least recently used again: the third.
    expect(heldFor(sandbox, third.apiKey)).toEqual([]);
    expect((await first.get('/clients?pageSize=100')).body).toEqual(firstSeen);
  });

  it('never evicts a tenant written since its seeding', async () => {
    sandbox = await launch({ maxTenants: 2 });
    const writer = complyCube(sandbox, 'test_bound_writer');
    const created = await writer.post('/clients', newPerson({ email: 'kept@example.com' }));
    expect(created.status).toBe(200);
    for (const name of ['p1', 'p2', 'p3', 'p4']) {
      expect((await complyCube(sandbox, `test_bound_${name}`).get('/clients?pageSize=1')).status).toBe(200);
    }
    expect(heldFor(sandbox, 'test_bound_p3')).toEqual([]);
    expect(heldFor(sandbox, 'test_bound_p4')).toHaveLength(1);
    expect(await writer.get(`/clients/${created.body.id}`)).toMatchObject({ status: 200, body: created.body });
  });

  it('refuses a new tenant with each vendor’s own 429 when every tenant was written, until a reset makes room', async () => {
    sandbox = await launch({ maxTenants: 1 });
    const writer = complyCube(sandbox, 'test_bound_full');
    expect((await writer.post('/clients', newPerson())).status).toBe(200);

    const complyCubeRefusal = await complyCube(sandbox, 'test_bound_late').get('/clients');
    expect(complyCubeRefusal.status).toBe(429);
    expect(complyCubeRefusal.body).toEqual({ type: 'rate_limit_exceeded', message: LIMIT_MESSAGE(1) });
    expect(complyCubeRefusal.headers.get('retry-after')).toBe('5');

    const sendRefusal = await sendApi(sandbox, 'test_bound_send', 'secret').get(`/users/${TENZIN_ID}`);
    expect(sendRefusal.status).toBe(429);
    expect(sendRefusal.body).toEqual({ success: false, error: { code: 'TOO_MANY_REQUESTS', message: LIMIT_MESSAGE(1) } });
    expect(sendRefusal.headers.get('retry-after')).toBe('5');

    // CryptoMate's document fixes its 429 body, message included.
    const cryptoMateRefusal = await cryptoMate(sandbox, 'test_bound_crypto').get('/clients');
    expect(cryptoMateRefusal.status).toBe(429);
    expect(cryptoMateRefusal.body).toEqual({ error_code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded. Retry after 5 seconds' });
    expect(cryptoMateRefusal.headers.get('retry-after')).toBe('5');

    const b2coreRefusal = await sandbox.request('POST', '/api/v2/signin', { json: ADMIN });
    expect(b2coreRefusal.status).toBe(429);
    expect(b2coreRefusal.body).toEqual({ code: 429, message: LIMIT_MESSAGE(1) });
    expect(b2coreRefusal.headers.get('retry-after')).toBe('5');

    expect(heldFor(sandbox)).toEqual(heldFor(sandbox, writer.apiKey));

    // The control API's own partition is not a tenant: it answers while the sandbox is full.
    const reset = await sandbox.request('POST', '/__sandbox/reset', { json: { key: writer.apiKey } });
    expect(reset).toMatchObject({ status: 200, body: { partitionsReset: 1 } });
    expect((await complyCube(sandbox, 'test_bound_late').get('/clients')).status).toBe(200);
  });

  it('keeps a write whose tenant was evicted while its request was still arriving', async () => {
    sandbox = await launch({ maxTenants: 1 });
    const slowKey = 'test_bound_slow';
    const body = JSON.stringify(newPerson({ email: 'slow@example.com' }));
    const { url } = sandbox;
    let answer!: Promise<{ status: number; body: { id: string; email: string } }>;
    const slow = httpRequest(`${url}/v1/clients`, {
      method: 'POST',
      headers: { Authorization: slowKey, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    });
    answer = new Promise((resolve, reject) => {
      slow.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, 10));
    // Its headers are in: the tenant is seeded, and pristine while the body trickles in.
    for (let waited = 0; heldFor(sandbox, slowKey).length === 0 && waited < 5000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(heldFor(sandbox, slowKey)).toHaveLength(1);

    expect((await complyCube(sandbox, 'test_bound_fast').get('/clients?pageSize=1')).status).toBe(200);
    expect(heldFor(sandbox, slowKey)).toEqual([]);

    slow.end(body.slice(10));
    const created = await answer;
    expect(created.status).toBe(200);
    expect(created.body.email).toBe('slow@example.com');
    expect(heldFor(sandbox, slowKey)).toHaveLength(1);
    const reread = await complyCube(sandbox, slowKey).get(`/clients/${created.body.id}`);
    expect(reread).toMatchObject({ status: 200, body: created.body });
  });

  it('with --db, logs the drop of an evicted tenant: a restart holds only the tenants kept', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'kyc-bound-')), 'sandbox.json');
    sandbox = await launch({ db, maxTenants: 2 });
    const firstSeen = (await complyCube(sandbox, 'test_bound_db_a').get('/clients?pageSize=100')).body;
    for (const name of ['b', 'c']) expect((await complyCube(sandbox, `test_bound_db_${name}`).get('/clients?pageSize=1')).status).toBe(200);
    expect(heldFor(sandbox, 'test_bound_db_a')).toEqual([]);
    await sandbox.stop();

    sandbox = await launch({ db, maxTenants: 2 });
    expect(heldFor(sandbox)).toHaveLength(2);
    expect(heldFor(sandbox, 'test_bound_db_a')).toEqual([]);
    expect(heldFor(sandbox, 'test_bound_db_c')).toHaveLength(1);
    expect((await complyCube(sandbox, 'test_bound_db_a').get('/clients?pageSize=100')).body).toEqual(firstSeen);
  });

  it('holds more keys than the default bound of 1,000 tenants to 1,000, evicting the least recently used', async () => {
    sandbox = await launch();
    const keys = Array.from({ length: 1200 }, (_, index) => `test_bound_many_${index}`);
    for (let start = 0; start < keys.length; start += 8) {
      const statuses = await Promise.all(keys.slice(start, start + 8).map(async (key) => (await complyCube(sandbox!, key).get('/clients?pageSize=1')).status));
      expect(statuses).toEqual(statuses.map(() => 200));
    }
    expect(heldFor(sandbox)).toHaveLength(1000);
    expect(heldFor(sandbox, keys[199]!)).toEqual([]);
    expect(heldFor(sandbox, keys[200]!)).toHaveLength(1);
  }, 60_000);
});
