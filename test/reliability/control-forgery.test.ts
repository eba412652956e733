/**
 * Issue 12, item 2: the control API answers only the user's own clients. A page in the user's
 * browser must not reset data (forms, `no-cors` fetches), a DNS name rebound to the sandbox must
 * not read it, writes need a JSON body type, a reset names its scope, and the admin token holds.
 */
import { execFile } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { CLI, startCli } from '../helpers/cli.js';
import { complyCube, newPerson } from '../helpers/complycube.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { startSandbox } from '../../src/server/start-sandbox.js';
import { ResponseValidator } from '../../src/validation/response-validator.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = promisify(execFile);

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * A request with headers fetch() will not send as given (`Host`), checked against the documents
 * like every response `launch()` hands out.
 */
function raw(sandbox: TestSandbox, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const contract = new ResponseValidator(sandbox.sandbox.specs);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${sandbox.url}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        const parsed = text ? JSON.parse(text) : undefined;
        const problems = contract.check({
          method,
          path,
          status: response.statusCode!,
          headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)])),
          body: parsed,
        });
        if (problems.length > 0) reject(new Error(`response breaks the OpenAPI document:\n${problems.join('\n')}\n${text}`));
        else resolve({ status: response.statusCode!, headers: response.headers, body: parsed });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A ComplyCube record the forged requests try to wipe out; its survival is what the tests check. */
async function victimRecord(sandbox: TestSandbox, key: string) {
  const api = complyCube(sandbox, key);
  const created = await api.post('/clients', newPerson({ email: 'victim@example.com' }));
  expect(created.status).toBe(200);
  return { api, id: created.body.id as string };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

describe('a page in the user’s browser', () => {
  let sandbox: TestSandbox;
  let attacker: Server;
  let attackerUrl: string;
  beforeAll(async () => {
    sandbox = await launch();
    const resetUrl = `${sandbox.url}/__sandbox/reset`;
    // A text/plain form whose body reads as JSON: `{"all":true,"x":"="}`.
    const page = `<!doctype html><html><body>
<form id="forged" method="POST" action="${resetUrl}" enctype="text/plain">
  <input type="hidden" name='{"all":true,"x":"' value='"}'>
</form>
<script>
  window.forgedFetches = Promise.all([
    fetch(${JSON.stringify(resetUrl)}, { method: 'POST', mode: 'no-cors', body: '{}', headers: { 'content-type': 'text/plain' } }),
    fetch(${JSON.stringify(resetUrl)}, { method: 'POST', mode: 'no-cors', body: '{"all":true}', headers: { 'content-type': 'text/plain' } }),
    fetch(${JSON.stringify(resetUrl)}, { method: 'POST', mode: 'no-cors' }),
  ]).then((responses) => responses.map((response) => response.type));
</script>
</body></html>`;
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    });
    attackerUrl = await listen(attacker);
  });
  afterAll(async () => {
    await new Promise((resolve) => attacker.close(resolve));
    await sandbox.stop();
  });

  it('cannot reset the sandbox’s data, by no-cors fetch or by form, from another local port', async () => {
    const victim = await victimRecord(sandbox, 'forgery_browser_victim');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      const page = await browser.newPage();
      const resetStatuses: number[] = [];
      page.on('response', (response) => {
        if (response.url() === `${sandbox.url}/__sandbox/reset`) resetStatuses.push(response.status());
      });
      await page.goto(attackerUrl);
      // The fetches were sent and answered (opaquely, as no-cors answers are).
      await expect(page.evaluate('window.forgedFetches')).resolves.toEqual([
        'opaque',
        'opaque',
        'opaque',
      ]);
      await Promise.all([page.waitForURL(`${sandbox.url}/__sandbox/reset`), page.evaluate("document.getElementById('forged').submit()")]);
      expect(resetStatuses).toEqual([403, 403, 403, 403]);
      expect(JSON.parse((await page.locator('body').textContent())!)).toEqual({
        error: { code: 'cross_origin', message: 'The control API does not answer requests from pages of another origin' },
      });
    } finally {
      await browser.close();
    }
    const after = await victim.api.get(`/clients/${victim.id}`);
    expect(after.status).toBe(200);
    expect(after.body.email).toBe('victim@example.com');
  }, 60_000);
});

describe('the control API over HTTP', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch();
  });
  afterAll(() => sandbox.stop());

  it('refuses a reset from another origin, by Origin or by Sec-Fetch-Site, and serves its own origin', async () => {
    const victim = await victimRecord(sandbox, 'forgery_origin_victim');
    const reset = (headers: Record<string, string>) =>
      sandbox.request('POST', '/__sandbox/reset', { json: { key: 'forgery_origin_victim' }, headers });
    const foreign: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: 'null' },
      { Origin: `http://localhost:${sandbox.sandbox.port}` },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of foreign) {
      const refused = await reset(headers);
      expect([JSON.stringify(headers), refused.status, refused.body.error.code]).toEqual([JSON.stringify(headers), 403, 'cross_origin']);
    }
    expect((await victim.api.get(`/clients/${victim.id}`)).status).toBe(200);

    const own = await reset({ Origin: sandbox.url, 'Sec-Fetch-Site': 'same-origin' });
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ partitionsReset: 1 });
    expect((await victim.api.get(`/clients/${victim.id}`)).status).toBe(404);
  });

  it('grants no CORS preflight', async () => {
    const preflight = await sandbox.request('OPTIONS', '/__sandbox/reset', {
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(403);
    expect([...preflight.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses writes that are not application/json, and a reset that does not name its scope', async () => {
    const victim = await victimRecord(sandbox, 'forgery_scope_victim');
    const textPlain = await sandbox.request('POST', '/__sandbox/reset', { raw: '{"all":true}', headers: { 'Content-Type': 'text/plain' } });
    expect(textPlain.status).toBe(415);
    expect(textPlain.body.error.code).toBe('unsupported_media_type');
    const form = await sandbox.request('POST', '/__sandbox/reset', { raw: 'all=true', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const noBodyNoType = await sandbox.request('POST', '/__sandbox/reset');
    expect(noBodyNoType.status).toBe(415);
    const emptyJson = await sandbox.request('POST', '/__sandbox/reset', { raw: '', headers: { 'Content-Type': 'application/json' } });
    expect(emptyJson.status).toBe(400);
    const noScope = await sandbox.request('POST', '/__sandbox/reset', { json: {} });
    expect(noScope.status).toBe(400);
    expect(noScope.body.error.message).toBe('Say what to reset: {"key": …}, {"vendor": …} or {"all": true}');
    expect((await sandbox.request('POST', '/__sandbox/reset', { json: { all: false } })).status).toBe(400);
    expect((await sandbox.request('POST', '/__sandbox/reset', { json: { all: true, key: 'forgery_scope_victim' } })).status).toBe(400);
    const otherWrites = [
      await sandbox.request('POST', '/__sandbox/lifecycle/complete', { raw: '{}', headers: { 'Content-Type': 'text/plain' } }),
      await sandbox.request('POST', '/__sandbox/clock/advance', { raw: '{"ms":1}', headers: { 'Content-Type': 'text/plain' } }),
      await sandbox.request('PUT', '/__sandbox/rate-limits', { raw: '{"key":"k","limit":1}', headers: { 'Content-Type': 'text/plain' } }),
    ];
    expect(otherWrites.map((response) => response.status)).toEqual([415, 415, 415]);
    expect((await sandbox.request('GET', '/__sandbox/clock')).body.offsetMs).toBe(0);
    expect((await victim.api.get(`/clients/${victim.id}`)).status).toBe(200);

    const all = await sandbox.request('POST', '/__sandbox/reset', { json: { all: true } });
    expect(all.status).toBe(200);
    expect(all.body.partitionsReset).toBeGreaterThanOrEqual(1);
    expect((await victim.api.get(`/clients/${victim.id}`)).status).toBe(404);
  });

  it('keeps reset() with no argument, in-process, resetting everything', async () => {
    const victim = await victimRecord(sandbox, 'forgery_in_process_victim');
    expect(sandbox.sandbox.reset()).toBeGreaterThanOrEqual(1);
    expect((await victim.api.get(`/clients/${victim.id}`)).status).toBe(404);
  });

  it('refuses a Host that is not the sandbox’s address, whatever the spelling of the path, and leaves vendors alone', async () => {
    const port = sandbox.sandbox.port;
    for (const path of ['/__sandbox/requests', '/%5F%5Fsandbox/requests', '/__sandbox/requests/', '/__sandbox/nothing']) {
      const rebound = await raw(sandbox, 'GET', path, { Host: `evil.example:${port}` });
      expect([path, rebound.status, rebound.body.error.code]).toEqual([path, 403, 'forbidden_host']);
    }
    expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: 'evil.example' })).status).toBe(403);
    expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: `localhost:${port + 1}` })).status).toBe(403);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect([host, (await raw(sandbox, 'GET', '/__sandbox/requests', { Host: host })).status]).toEqual([host, 200]);
    }
    // Vendors answer whatever the Host: they will serve the vendors' real host names through a proxy.
    const vendor = await raw(sandbox, 'GET', '/v1/clients?pageSize=1', { Host: 'api.complycube.com', Authorization: 'forgery_host_key' });
    expect(vendor.status).toBe(200);
  });

  it('refuses an absolute-form request naming a foreign host', async () => {
    const { port } = sandbox.sandbox;
    const status = await new Promise<number>((resolve, reject) => {
      // http.request sends `path` as the request target as it is.
      const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'GET', path: 'http://evil.example/__sandbox/requests', headers: { Host: `127.0.0.1:${port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    expect(status).toBe(403);
  });
});

describe('allowed hosts', () => {
  it('lets a host given in allowedHosts in, on any port when given without one, and no other', async () => {
    const sandbox = await launch({ allowedHosts: ['evil.example', 'proxy.example:8443'] });
    try {
      expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: `evil.example:${sandbox.sandbox.port}` })).status).toBe(200);
      expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: 'evil.example' })).status).toBe(200);
      expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: 'proxy.example:8443' })).status).toBe(200);
      expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: 'proxy.example' })).status).toBe(403);
      expect((await raw(sandbox, 'GET', '/__sandbox/requests', { Host: 'evil.example.attacker.test' })).status).toBe(403);
    } finally {
      await sandbox.stop();
    }
  });

  it('refuses to start with an entry that is not a host', async () => {
    await expect(startSandbox({ port: 0, allowedHosts: ['http://evil.example/'] })).rejects.toThrow(/allowed host must be a host name/);
  });

  it('takes --allow-host on the command line (needs npm run build)', async () => {
    const cli = await startCli(['--port', '0', '--log-level', 'silent', '--allow-host', 'evil.example', '--allow-host', 'other.example']);
    try {
      const port = Number(new URL(cli.url).port);
      const status = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const outgoing = httpRequest({ host: '127.0.0.1', port, path: '/__sandbox/requests', headers: { Host: host } }, (response) => {
            response.resume();
            resolve(response.statusCode!);
          });
          outgoing.on('error', reject);
          outgoing.end();
        });
      expect(await status(`evil.example:${port}`)).toBe(200);
      expect(await status(`other.example:${port}`)).toBe(200);
      expect(await status(`third.example:${port}`)).toBe(403);
    } finally {
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    }
  });
});

describe('the admin token', () => {
  it('admits only the right token: not a wrong one, nor one of the same length', async () => {
    const guarded = await launch({ adminToken: 'token-0123456789' });
    try {
      const health = (token?: string) =>
        guarded.request('GET', '/__sandbox/health', { headers: token === undefined ? {} : { 'X-Sandbox-Admin-Token': token } });
      expect((await health()).status).toBe(401);
      expect((await health('wrong')).status).toBe(401);
      expect((await health('token-0123456788')).status).toBe(401);
      expect((await health('token-0123456789x')).status).toBe(401);
      expect((await health('token-0123456789')).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });

  it.each([[''], ['   '], [' padded ']])('refuses to start in-process with the token %j', async (token) => {
    await expect(startSandbox({ port: 0, adminToken: token })).rejects.toThrow(/admin token must be a non-blank string/);
  });

  it.each([[''], ['   ']])('makes the command exit 1 with the token %j (needs npm run build)', async (token) => {
    await expect(run(process.execPath, [CLI, '--port', '0', '--log-level', 'silent', '--admin-token', token])).rejects.toMatchObject({
      code: 1,
      stderr: 'kyc-sandbox: admin token must be a non-blank string without leading or trailing spaces\n',
    });
  });
});
