import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';
import { startSandbox } from '../../src/server/start-sandbox.js';
import globalSetup from '../../src/testing/jest-global-setup.js';
import globalTeardown from '../../src/testing/jest-global-teardown.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const control = (method: string, path: string, json?: unknown) => sandbox.request(method, `/__sandbox${path}`, { json });

describe('the control API', () => {
  it('reports health and the vendors with their base paths and auth', async () => {
    const health = await control('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', vendors: expect.arrayContaining(['complycube']) });
    const vendors = await control('GET', '/vendors');
    expect(vendors.body.items).toContainEqual(
      expect.objectContaining({
        name: 'complycube',
        basePath: '/v1',
        auth: [{ scheme: 'apiKey', type: 'apiKey', in: 'header', name: 'Authorization' }],
      }),
    );
    const document = await control('GET', '/openapi/complycube');
    expect(document.body.paths['/v1/clients']).toBeDefined();
    expect(document.body.servers[0]).toEqual({ url: '/', description: 'this kyc-sandbox' });
    expect((await control('GET', '/openapi/nobody')).status).toBe(404);
  });

  it('resets by key over HTTP, re-seeding that key only', async () => {
    const alice = complyCube(sandbox, 'test_http_alice');
    const bob = complyCube(sandbox, 'test_http_bob');
    await alice.post(`/clients/${JANE_DOE_ID}`, { email: 'alice.changed@example.com' });
    await bob.post(`/clients/${JANE_DOE_ID}`, { email: 'bob.changed@example.com' });
    expect((await control('POST', '/reset', { key: 'test_http_alice' })).body).toEqual({ partitionsReset: 1 });
    expect((await alice.get(`/clients/${JANE_DOE_ID}`)).body.email).toBe('jane@example.com');
    expect((await bob.get(`/clients/${JANE_DOE_ID}`)).body.email).toBe('bob.changed@example.com');
    expect((await control('POST', '/reset', { vendor: 'nobody' })).status).toBe(400);
  });

  it('filters and clears the journal', async () => {
    const api = complyCube(sandbox, 'test_http_journal');
    await api.get('/clients?pageSize=1');
    await api.delete('/clients/nope');
    const found = await control('GET', '/requests?key=test_http_journal&method=DELETE');
    expect(found.body.items.map((entry: { path: string; status: number }) => [entry.path, entry.status])).toEqual([['/v1/clients/nope', 404]]);
    const byPath = await control('GET', '/requests?path=/v1/clients*&vendor=complycube&key=test_http_journal');
    expect(byPath.body.items).toHaveLength(2);
    expect(byPath.body.items[0].query).toEqual({ pageSize: '1' });
    expect((await control('DELETE', '/requests')).status).toBe(204);
    expect((await control('GET', '/requests')).body.items).toEqual([]);
  });

  it('arms, lists and disarms faults', async () => {
    const fault = await control('POST', '/faults', { path: '/v1/clients', method: 'GET', count: 2, status: 503 });
    expect(fault.status).toBe(201);
    expect(fault.body).toMatchObject({ remaining: 2, status: 503, action: 'status' });
    expect((await complyCube(sandbox).get('/clients')).status).toBe(503);
    expect((await control('GET', '/faults')).body.items[0].remaining).toBe(1);
    expect((await control('DELETE', `/faults/${fault.body.id}`)).status).toBe(204);
    expect((await complyCube(sandbox).get('/clients')).status).toBe(200);
    expect((await control('DELETE', '/faults/fault_nope')).status).toBe(404);
    expect((await control('POST', '/faults', { status: 200 })).status).toBe(400);
  });

  it('overrides one key’s rate limit at run time', async () => {
    const api = complyCube(sandbox, 'test_http_limited');
    expect((await control('PUT', '/rate-limits', { key: 'test_http_limited', limit: 1, windowMs: 60000 })).body).toEqual({
      limit: 1,
      windowMs: 60000,
    });
    expect((await api.get('/clients?pageSize=1')).status).toBe(200);
    const limited = await api.get('/clients?pageSize=1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect((await complyCube(sandbox).get('/clients?pageSize=1')).status).toBe(200);
    expect((await control('DELETE', '/rate-limits')).status).toBe(204);
    expect((await api.get('/clients?pageSize=1')).status).toBe(200);
    // A window longer than a day would make Retry-After a number no client waits out.
    expect((await control('PUT', '/rate-limits', { key: 'test_http_limited', limit: 1, windowMs: 86_400_001 })).status).toBe(400);
  });

  it('moves the clock and completes pending work on request', async () => {
    const before = (await control('GET', '/clock')).body;
    const advanced = await control('POST', '/clock/advance', { ms: 3_600_000 });
    expect(advanced.body.offsetMs).toBe(before.offsetMs + 3_600_000);
    expect(Date.parse(advanced.body.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3_600_000);
    const api = complyCube(sandbox);
    const created = await api.post('/clients', newPerson());
    expect(Date.parse(created.body.createdAt)).toBeGreaterThan(Date.now() + 3_500_000);
    expect((await control('POST', '/lifecycle/complete', {})).body).toEqual({ completed: expect.any(Number) });
    expect((await control('POST', '/clock/advance', { ms: -5 })).status).toBe(400);
  });

  it('lists webhook deliveries and 404s an unknown redelivery', async () => {
    expect((await control('GET', '/webhooks/deliveries')).body).toEqual({ items: expect.any(Array) });
    expect((await control('POST', '/webhooks/deliveries/whd_0/redeliver', {})).status).toBe(404);
  });

  it('answers unknown control routes in its own error body', async () => {
    const response = await control('GET', '/nothing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
  });
});

describe('the admin token', () => {
  it('refuses to start on a non-loopback host without one', async () => {
    await expect(startSandbox({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/needs --admin-token/);
  });

  it('is required by the control API once set, and vendors are unaffected', async () => {
    const guarded = await launch({ adminToken: 's3cret' });
    try {
      expect((await guarded.request('GET', '/__sandbox/health')).status).toBe(401);
      expect((await guarded.request('GET', '/__sandbox/health', { headers: { 'X-Sandbox-Admin-Token': 'nope' } })).status).toBe(401);
      expect((await guarded.request('GET', '/__sandbox/health', { headers: { 'X-Sandbox-Admin-Token': 's3cret' } })).status).toBe(200);
      expect((await complyCube(guarded).get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

describe('the jest global setup', () => {
  it('starts one sandbox, exposes its URL, and the teardown stops it', async () => {
    const saved = process.env.KYC_SANDBOX_URL;
    process.env.KYC_SANDBOX_OPTIONS = JSON.stringify({ db: join(mkdtempSync(join(tmpdir(), 'kyc-jest-')), 'db.json') });
    try {
      await globalSetup();
      const url = process.env.KYC_SANDBOX_URL!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${url}/__sandbox/health`)).status).toBe(200);
      await globalTeardown();
      await expect(fetch(`${url}/__sandbox/health`)).rejects.toThrow();
    } finally {
      delete process.env.KYC_SANDBOX_OPTIONS;
      process.env.KYC_SANDBOX_URL = saved;
    }
  });
});
