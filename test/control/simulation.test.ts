import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());
afterEach(() => sandbox.sandbox.clearFaults());

describe('Prefer: code=', () => {
  it.each([
    [404, 'resource_not_found'],
    [400, 'invalid_request'],
    [401, 'unauthorized'],
    [429, 'rate_limit_exceeded'],
    [500, 'internal_server_error'],
  ])('answers %i in ComplyCube’s body on an operation that documents it', async (status, type) => {
    const api = complyCube(sandbox);
    const response = await api.post(`/clients/${JANE_DOE_ID}`, { email: 'x@example.com' }, { headers: { Prefer: `code=${status}` } });
    expect(response.status).toBe(status);
    expect(response.body.type).toBe(type);
    if (status === 429) expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
    // Nothing was applied.
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).body.email).toBe('jane@example.com');
  });

  it('works without a key, as a test instruction comes first', async () => {
    const response = await sandbox.request('GET', '/v1/clients', { headers: { Prefer: 'code=500' } });
    expect(response.status).toBe(500);
  });

  it('refuses a status the operation does not document, and says so', async () => {
    const response = await complyCube(sandbox).get(`/clients/${JANE_DOE_ID}`, { headers: { Prefer: 'code=418' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('sandbox-simulated')).toBe('refused');
    expect(response.body).toMatchObject({ type: 'invalid_request', param: 'Prefer' });
    expect(response.body.message).toBe("'Prefer': code=418 is not documented for getClient; documented: 200, 401, 404, 429, 500");
  });

  it('serves a documented success normally, and delays by Prefer: delay=', async () => {
    const api = complyCube(sandbox);
    expect((await api.get(`/clients/${JANE_DOE_ID}`, { headers: { Prefer: 'code=200' } })).body.id).toBe(JANE_DOE_ID);
    const started = performance.now();
    const delayed = await api.get(`/clients/${JANE_DOE_ID}`, { headers: { Prefer: 'delay=300' } });
    expect(delayed.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('faults', () => {
  it('hits exactly the next 2 matching requests, then lets requests through', async () => {
    const api = complyCube(sandbox);
    sandbox.sandbox.fault({ method: 'GET', path: `/v1/clients/${JANE_DOE_ID}`, key: api.apiKey, count: 2, status: 503 });
    const other = complyCube(sandbox);
    expect((await other.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    expect((await api.get('/clients?pageSize=1')).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.get(`/clients/${JANE_DOE_ID}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers the fault in the vendor body, marked as simulated', async () => {
    const api = complyCube(sandbox);
    sandbox.sandbox.fault({ path: '/v1/clients*', status: 502 });
    const response = await api.get('/clients');
    expect(response.status).toBe(502);
    expect(response.headers.get('sandbox-simulated')).toBe('fault');
    expect(response.body).toEqual({ type: 'internal_server_error', message: 'Something went wrong on our end' });
  });

  it('drops the connection, or truncates the body', async () => {
    const headers = { Authorization: 'test_faults' };
    sandbox.sandbox.fault({ path: `/v1/clients/${JANE_DOE_ID}`, action: 'drop' });
    await expect(fetch(`${sandbox.url}/v1/clients/${JANE_DOE_ID}`, { headers })).rejects.toThrow();
    sandbox.sandbox.fault({ path: `/v1/clients/${JANE_DOE_ID}`, action: 'truncate' });
    const truncated = await fetch(`${sandbox.url}/v1/clients/${JANE_DOE_ID}`, { headers });
    expect(truncated.status).toBe(200);
    await expect(truncated.text()).rejects.toThrow();
    expect((await fetch(`${sandbox.url}/v1/clients/${JANE_DOE_ID}`, { headers })).status).toBe(200);
  });

  it('delays before acting', async () => {
    sandbox.sandbox.fault({ path: '/v1/clients', action: 'status', status: 500, delayMs: 250 });
    const started = performance.now();
    expect((await complyCube(sandbox).get('/clients')).status).toBe(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });
});

describe('the journal and reset', () => {
  it('shows a test’s requests by key, with secrets redacted', async () => {
    const api = complyCube(sandbox, 'test_journal_secret_key');
    await api.post('/clients', newPerson({ email: 'journal@example.com' }));
    await api.get('/clients/unknown');
    const entries = sandbox.sandbox.requests({ key: 'test_journal_secret_key' });
    expect(entries.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ['POST', '/v1/clients', 200],
      ['GET', '/v1/clients/unknown', 404],
    ]);
    expect(entries[0]).toMatchObject({ vendor: 'complycube', operationId: 'createClient', body: { email: 'journal@example.com' } });
    expect(entries[0]!.headers.authorization).toBe('[redacted]');
    expect(JSON.stringify(entries)).not.toContain('test_journal_secret_key');
    expect(sandbox.sandbox.requests({ key: 'test_journal_secret_key', status: 404 })).toHaveLength(1);
  });

  it('resets one key’s data and leaves another key’s alone', async () => {
    const alice = complyCube(sandbox, 'test_reset_alice');
    const bob = complyCube(sandbox, 'test_reset_bob');
    const a = (await alice.post('/clients', newPerson())).body;
    const b = (await bob.post('/clients', newPerson())).body;
    expect(sandbox.sandbox.reset('test_reset_alice')).toBe(1);
    expect((await alice.get(`/clients/${a.id}`)).status).toBe(404);
    expect((await alice.get('/clients')).body.totalItems).toBe(26);
    expect((await bob.get(`/clients/${b.id}`)).status).toBe(200);
  });
});
