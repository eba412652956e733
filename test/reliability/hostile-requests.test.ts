import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/server/sandbox.js';
import { resolveOptions } from '../../src/config/options.js';
import { createLogger } from '../../src/logging/logger.js';
import { complycube } from '../../src/vendors/complycube/index.js';
import type { VendorModule } from '../../src/vendors/contract.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';
import { sendApi, TENZIN_ID } from '../helpers/send.js';
import { cryptoMate } from '../helpers/cryptomate.js';
import { ADMIN, EU_DESK, signIn } from '../helpers/b2core.js';
import { startCli } from '../helpers/cli.js';

/** ComplyCube's documented error envelope (docs.complycube.com, "Errors"), with the sandbox's message for a body nested too deep. */
const TOO_DEEP = { type: 'invalid_request', message: 'The request body nests arrays and objects deeper than 64 levels' };
const COMPLYCUBE_500 = { type: 'internal_server_error', message: 'Something went wrong on our end' };

const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);

/** Sends a body in chunks, so no `Content-Length` announces its size. */
function sendChunked(url: string, path: string, headers: Record<string, string>, chunks: Iterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const req = httpRequest(target, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies nested without end', () => {
  let sandbox: TestSandbox;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'kyc-deep-'));
    sandbox = await launch({ db: join(folder, 'data.json') });
  });
  afterAll(async () => {
    await sandbox.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each([6_000, 100_000])('answers a check whose options nest %i arrays deep with 400, and keeps serving every route', async (depth) => {
    const api = complyCube(sandbox);
    const seeded = (await api.get('/checks')).body.totalItems;
    const body = `{"clientId":"${JANE_DOE_ID}","type":"standard_screening_check","options":{"a":${nested(depth)}}}`;
    const refused = await api.call('POST', '/checks', { raw: body });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual(TOO_DEEP);

    const checks = await api.get('/checks');
    expect(checks.status).toBe(200);
    expect(checks.body.totalItems).toBe(seeded);
    const journal = await sandbox.request('GET', `/__sandbox/requests?key=${api.apiKey}`);
    expect(journal.status).toBe(200);
    expect(journal.body.items.map((entry: { status: number }) => entry.status)).toEqual([200, 400, 200]);
  });

  it('refuses a bare nested array on every vendor in its own format', async () => {
    const raw = nested(6_000);
    expect((await sendApi(sandbox).call('PATCH', `/users/${TENZIN_ID}`, { raw })).body).toEqual({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: 'Request body nests arrays and objects deeper than 64 levels' },
    });
    const crypto = await cryptoMate(sandbox).call('POST', '/clients', { raw, headers: { 'content-type': 'application/json' } });
    expect(crypto.status).toBe(400);
    expect(crypto.body).toMatchObject({ code: 'BAD_REQUEST', message: 'JSON parse error: the request body nests arrays and objects deeper than 64 levels' });
    const { accessToken } = await signIn(sandbox);
    const b2 = await sandbox.request('POST', '/api/v2/clients', { raw, headers: { Authorization: `Bearer ${accessToken.token}` } });
    expect(b2.status).toBe(400);
    expect(b2.body).toEqual({ code: 400, message: 'The request body nests arrays and objects deeper than 64 levels' });
    expect((await sandbox.request('GET', '/__sandbox/requests')).status).toBe(200);
  });

  it('reads a body nested 64 levels, the bound, and refuses 65', async () => {
    const api = complyCube(sandbox);
    const seeded = (await api.get('/checks')).body.totalItems;
    // `options` is itself the second level: 62 more arrays make 64 in all.
    const atBound = await api.call('POST', '/checks', {
      raw: `{"clientId":"${JANE_DOE_ID}","type":"standard_screening_check","options":{"a":${nested(62)}}}`,
    });
    expect(atBound.status).toBe(200);
    const pastBound = await api.call('POST', '/checks', {
      raw: `{"clientId":"${JANE_DOE_ID}","type":"standard_screening_check","options":{"a":${nested(63)}}}`,
    });
    expect(pastBound.status).toBe(400);
    expect(pastBound.body).toEqual(TOO_DEEP);
    // Brackets inside strings are text, not nesting.
    const inString = await api.post('/clients', newPerson({ email: 'x@example.com', metadata: { note: '['.repeat(500) } }));
    expect(inString.status).toBe(200);
    expect((await api.get('/checks')).body.totalItems).toBe(seeded + 1);
  });
});

describe('a failure anywhere on a request’s path', () => {
  let server: Server;
  let url: string;
  let stopApp: () => Promise<void>;

  beforeAll(async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const broken: VendorModule = {
      ...complycube,
      handlers: {
        ...complycube.handlers,
        getClient: () => {
          throw new TypeError('a bug in a handler');
        },
        listClients: () => ({ status: 200, body: cyclic }),
        getAddress: () => ({ status: 200, body: { id: 10n } }),
      },
      authenticate: (credentials) => {
        if (credentials.apiKey === 'crash') throw new RangeError('a bug in authentication');
        return { id: credentials.apiKey! };
      },
    };
    const { handle, store, runtime } = await createApp(resolveOptions({ rateLimit: 0 }), createLogger('silent'), [broken]);
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    stopApp = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await runtime.stop();
      await store.close();
    };
  });
  afterAll(() => stopApp());

  const get = async (path: string, key = 'k') => {
    const response = await fetch(url + path, { headers: { Authorization: key } });
    return { status: response.status, body: await response.json() };
  };

  it.each([
    ['a handler that throws', `/v1/clients/${JANE_DOE_ID}`, 'k'],
    ['a body that refers to itself', '/v1/clients', 'k'],
    ['a body JSON cannot write', '/v1/addresses/any', 'k'],
    ['authentication that throws', '/v1/clients', 'crash'],
  ])('%s answers ComplyCube’s 500, and the server keeps serving', async (_case, path, key) => {
    expect(await get(path, key)).toEqual({ status: 500, body: COMPLYCUBE_500 });
    expect((await get('/v1/checks')).status).toBe(200);
  });
});

describe('the journal', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch();
  });
  afterAll(() => sandbox.stop());

  it('keeps a chunked body by the bytes actually read, not by a Content-Length it lacks', async () => {
    const key = 'journal-chunked';
    const chunk = 'x'.repeat(64 * 1024);
    const chunks = ['{"type":"person","email":"a@example.com","metadata":{"big":"', ...Array(8).fill(chunk), '"}}'];
    const status = await sendChunked(sandbox.url, '/v1/clients', { authorization: key, 'content-type': 'application/json' }, chunks);
    expect(status).toBe(400);
    const [entry] = sandbox.sandbox.requests({ key });
    const bytes = chunks.join('').length;
    expect(entry!.body).toEqual({ omitted: `${bytes} bytes` });
  });

  it('redacts secrets in query strings, headers of every vendor, and secret-named fields of any shape and depth', async () => {
    const key = 'journal-redaction';
    const deep: Record<string, unknown> = { password: 'deep-secret' };
    let body: Record<string, unknown> = deep;
    for (let level = 0; level < 30; level++) body = { next: body };
    await sandbox.request('POST', '/v1/clients?api_key=q-secret-1&token=q-secret-2&password=q-secret-3&client_secret=q-secret-4&page=2', {
      headers: {
        Authorization: key,
        'Proxy-Authorization': 'Basic aC1zZWNyZXQtMQ==',
        'X-Auth-Token': 'h-secret-2',
        'X-Webhook-Key': 'h-secret-3',
      },
      json: {
        ...newPerson(),
        metadata: { note: 'kept', hook: 'https://u-secret-1:u-secret-2@hooks.example/in?sig=u-secret-3' },
        apiKey: ['a-secret-1'],
        credentials: { secret: 'a-secret-2' },
        nested: body,
      },
    });
    const send = sendApi(sandbox, 'journal-client-id', 'journal-client-secret');
    await send.get(`/users/${TENZIN_ID}`);
    await cryptoMate(sandbox, 'journal-cryptomate-key').get('/clients');

    const listed = await sandbox.request('GET', '/__sandbox/requests');
    expect(listed.status).toBe(200);
    const text = listed.text;
    for (const secret of [
      key, 'q-secret-1', 'q-secret-2', 'q-secret-3', 'q-secret-4', 'aC1zZWNyZXQtMQ==', 'h-secret-2', 'h-secret-3',
      'a-secret-1', 'a-secret-2', 'u-secret-1', 'u-secret-2', 'u-secret-3', 'deep-secret', 'journal-client-id', 'journal-client-secret', 'journal-cryptomate-key',
    ]) {
      expect(text).not.toContain(secret);
    }
    const entry = listed.body.items.find((item: { path: string; query: { page?: string } }) => item.path === '/v1/clients' && item.query.page === '2');
    expect(entry.query).toEqual({ api_key: '[redacted]', token: '[redacted]', password: '[redacted]', client_secret: '[redacted]', page: '2' });
    expect(entry.headers['proxy-authorization']).toBe('[redacted]');
    expect(entry.body.metadata).toEqual({ note: 'kept', hook: 'https://[redacted]@hooks.example/in?[redacted]' });
    expect(entry.body.personDetails).toEqual(newPerson().personDetails);
    expect(entry.body.apiKey).toBe('[redacted]');
    expect(entry.body.credentials).toBe('[redacted]');
  });

  it('stays within its memory bound under 50 chunked 8 MB bodies', async () => {
    const cli = await startCli(['--port', '0', '--rate-limit', '0', '--log-level', 'silent']);
    try {
      const rss = () => {
        const status = readFileSync(`/proc/${cli.child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
      };
      const before = rss();
      const chunk = 'y'.repeat(1024 * 1024);
      for (let index = 0; index < 50; index++) {
        const chunks = ['{"type":"person","email":"b@example.com","metadata":{"big":"', ...Array(8).fill(chunk), '"}}'];
        expect(await sendChunked(cli.url, '/v1/clients', { authorization: 'rss', 'content-type': 'application/json' }, chunks)).toBe(400);
      }
      const after = rss();
      // Before the bound this took RSS from 81 to 690 MB: every body was kept whole.
      console.log(`journal under 50 chunked 8 MB bodies: RSS ${before.toFixed(0)} MB → ${after.toFixed(0)} MB`);
      // What remains is the parser's high-water mark, not kept bodies.
      expect(after - before).toBeLessThan(300);
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exited;
    }
  }, 60_000);
});

describe('HEAD', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch();
  });
  afterAll(() => sandbox.stop());

  it.each([
    ['ComplyCube', `/v1/clients/${JANE_DOE_ID}`, { Authorization: 'head-key' }],
    ['SEND', `/users/${TENZIN_ID}`, { 'X-Client-Id': 'head-id', 'X-Client-Secret': 'head-secret' }],
    ['CryptoMate', '/management/clients', { 'X-API-KEY': 'head-key' }],
    // Not the health, whose uptime may take one digit more between the GET and the HEAD.
    ['the control API', '/__sandbox/vendors', {}],
  ])('is answered wherever GET is, on %s: same status and headers, no body', async (_vendor, path, headers) => {
    const get = await fetch(sandbox.url + path, { headers });
    const getBody = await get.arrayBuffer();
    const head = await fetch(sandbox.url + path, { method: 'HEAD', headers });
    expect(head.status).toBe(200);
    expect(get.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(Number(head.headers.get('content-length'))).toBe(getBody.byteLength);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('is answered on B2Core too', async () => {
    const { accessToken } = await signIn(sandbox);
    const head = await fetch(`${sandbox.url}/api/v2/clients`, { method: 'HEAD', headers: { Authorization: `Bearer ${accessToken.token}` } });
    expect(head.status).toBe(200);
  });
});

describe('B2Core sign-ins under a rate limit', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch({ rateLimit: 1 });
  });
  afterAll(() => sandbox.stop());

  it('gives each admin a window of its own', async () => {
    const first = await sandbox.request('POST', '/api/v2/signin', { json: ADMIN });
    const other = await sandbox.request('POST', '/api/v2/signin', { json: EU_DESK });
    const again = await sandbox.request('POST', '/api/v2/signin', { json: { ...ADMIN, email: ADMIN.email.toUpperCase() } });
    expect([first.status, other.status, again.status]).toEqual([200, 200, 429]);
    expect(again.headers.get('retry-after')).toBe('1');
  });
});
