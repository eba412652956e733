import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packagePath } from '../../src/config/package-paths.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { clientScript, printed, run } from './run-client.js';

/**
 * The Node way in: `node --import kyc-sandbox/register` sends a process's requests for the vendors'
 * hosts, made with http, https or fetch, to the sandbox at KYC_SANDBOX_URL, and leaves every other
 * host alone; jest's global setup does the same for its test processes with `register: true`.
 * These run the built hook (`dist/register.js`), as a user's process loads it.
 */
const HOOK = packagePath('dist', 'register.js');
let sandbox: TestSandbox;
let other: Server;
let otherUrl: string;
const otherSaw: { path: string; host: string }[] = [];

beforeAll(async () => {
  sandbox = await launch({ proxyHosts: ['broker.b2core.test'] });
  other = createServer((req, res) => {
    otherSaw.push({ path: req.url!, host: req.headers.host! });
    res.end('left alone');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.stop();
  await new Promise<void>((resolve) => other.close(() => resolve()));
});

const withHook = (script: string, extra: Record<string, string>) =>
  run(process.execPath, ['--import', HOOK, clientScript(script)], { KYC_SANDBOX_URL: sandbox.url, ...extra });

describe('node --import kyc-sandbox/register', () => {
  it('serves the official SDK, its base URL unchanged', async () => {
    const result = printed(await withHook('complycube-sdk.mjs', { COMPLYCUBE_API_KEY: 'test_register_sdk' }));
    expect(result).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), email: 'pointing@example.com', token: 'string', baseURL: 'https://api.complycube.com/v1' });
    expect(sandbox.sandbox.requests({ key: 'test_register_sdk' }).map((entry) => [entry.operationId, entry.path, entry.headers.host])).toEqual([
      ['createClient', '/v1/clients', 'api.complycube.com'],
      ['getClient', `/v1/clients/${result.id}`, 'api.complycube.com'],
      ['generateToken', '/v1/tokens', 'api.complycube.com'],
    ]);
  });

  it('serves raw axios calling a hard-coded https://api.complycube.com/v1 URL', async () => {
    expect(printed(await withHook('raw-axios.mjs', { COMPLYCUBE_API_KEY: 'test_register_axios' }))).toEqual({ status: 200, items: 2 });
  });

  it("sends http, https (named ESM imports too) and fetch to the sandbox for vendors' hosts, and leaves other hosts alone", async () => {
    otherSaw.length = 0;
    const result = printed(await withHook('node-apis.mjs', { COMPLYCUBE_API_KEY: 'test_register_apis', OTHER_URL: otherUrl }));
    for (const name of ['httpsGet', 'httpRequest', 'fetch']) {
      expect([name, result[name].status, JSON.parse(result[name].body).items.length]).toEqual([name, 200, 1]);
    }
    expect([result.namedImport.status, JSON.parse(result.namedImport.body).email]).toEqual([200, "named@example.com"]);
    expect(result.fetchRequest.status).toBe(200);
    expect(result.otherHttp).toEqual({ status: 200, body: 'left alone' });
    expect(result.otherFetch).toEqual({ status: 200, body: 'left alone' });
    const otherHost = otherUrl.slice('http://'.length);
    expect(otherSaw).toEqual([
      { path: '/http', host: otherHost },
      { path: '/fetch', host: otherHost },
    ]);
    expect(sandbox.sandbox.requests({ key: 'test_register_apis' }).map((entry) => [entry.operationId, entry.headers.host])).toEqual([
      ['listClients', 'api.complycube.com'],
      ['listClients', 'api.complycube.com'],
      ['createClient', 'api.complycube.com'],
      // fetch cannot set Host: it carries the sandbox's address.
      ['listClients', sandbox.url.slice('http://'.length)],
    ]);
  });

  it('sends a host added with --proxy-host (a B2Core broker) too', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kyc-register-'));
    try {
      const script = join(folder, 'b2core.mjs');
      writeFileSync(
        script,
        `const response = await fetch('https://broker.b2core.test/api/v2/signin', { method: 'POST', headers: { 'content-type': 'application/json' },
           body: JSON.stringify({ email: 'username@example.com', password: 'Secret123' }) });
         process.stdout.write(JSON.stringify({ status: response.status }));`,
      );
      expect(printed(await run(process.execPath, ['--import', HOOK, script], { KYC_SANDBOX_URL: sandbox.url }))).toEqual({ status: 200 });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses to start without KYC_SANDBOX_URL, or when no sandbox answers there', async () => {
    const without = await run(process.execPath, ['--import', HOOK, '-e', '0']);
    expect(without.code).not.toBe(0);
    expect(without.stderr).toMatch(/set KYC_SANDBOX_URL/);
    const nobody = await run(process.execPath, ['--import', HOOK, '-e', '0'], { KYC_SANDBOX_URL: 'http://127.0.0.1:1' });
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toMatch(/no sandbox answers at KYC_SANDBOX_URL=http:\/\/127.0.0.1:1/);
  });
});

describe('the jest global setup with register: true', () => {
  it("sends the test processes' requests for vendors' hosts to its sandbox, in workers and in band", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kyc-jest-register-'));
    try {
      const test = (name: string) => `
        test('${name}', async () => {
          const response = await fetch('https://api.complycube.com/v1/clients?pageSize=1', { headers: { Authorization: 'test_jest_${name}' } });
          expect(response.status).toBe(200);
          const https = require('node:https');
          const status = await new Promise((resolve, reject) =>
            https.get('https://api.complycube.com/v1/clients', { headers: { Authorization: 'test_jest_${name}' } }, (res) => { res.resume(); resolve(res.statusCode); }).on('error', reject));
          expect(status).toBe(200);
          const journal = await (await fetch(process.env.KYC_SANDBOX_URL + '/__sandbox/requests?key=test_jest_${name}')).json();
          expect(journal.items.map((entry) => entry.path)).toEqual(['/v1/clients', '/v1/clients']);
        });`;
      writeFileSync(join(folder, 'one.test.js'), test('one'));
      writeFileSync(join(folder, 'two.test.js'), test('two'));
      const config = {
        rootDir: folder,
        testEnvironment: 'node',
        transform: {},
        globalSetup: packagePath('dist', 'testing', 'jest-global-setup.js'),
        globalTeardown: packagePath('dist', 'testing', 'jest-global-teardown.js'),
        globals: { kycSandbox: { rateLimit: 0, register: true, logLevel: 'silent' } },
      };
      const jest = packagePath('node_modules', 'jest', 'bin', 'jest.js');
      for (const mode of [['--maxWorkers=2'], ['--runInBand']]) {
        const finished = await run(process.execPath, [jest, '--config', JSON.stringify(config), ...mode], {}, 120_000);
        expect([mode, finished.code, finished.stderr]).toEqual([mode, 0, expect.stringMatching(/Tests:\s+2 passed, 2 total/)]);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 180_000);
});
