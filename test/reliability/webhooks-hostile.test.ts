import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { createLogger } from '../../src/logging/logger.js';
import { WebhookDispatcher, type DeliveryRecord } from '../../src/webhooks/webhook-dispatcher.js';
import type { Resolver } from '../../src/webhooks/webhook-target.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, newPerson } from '../helpers/complycube.js';
import { cryptoMate, newIndividual } from '../helpers/cryptomate.js';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
}

/** A server on 127.0.0.1 at a free port that records each request it gets, then lets `answer` respond. */
async function receiver(answer: (request: IncomingMessage, response: ServerResponse) => void = (_, response) => response.end()) {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    received.push({ url: request.url!, headers: request.headers });
    request.resume();
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** ComplyCube's documented answer to an invalid field: 400 `invalid_request` naming the field in `param`. */
const refusedUrl = { type: 'invalid_request', param: 'url', message: expect.stringContaining('link-local or unspecified') };

describe('webhook targets at create', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await launch({ checkDelayMs: 60_000, webhookRetryBaseMs: 60_000 });
  });
  afterAll(() => sandbox.stop());

  const refused = [
    'http://169.254.169.254/latest/meta-data/',
    'https://169.254.0.1:8443/hooks',
    'http://0.0.0.0:4010/hooks',
    'http://0/hooks',
    'http://[::]/hooks',
    'http://[fe80::1]/hooks',
    'http://[febf:ffff::1]/hooks',
    'http://[::ffff:169.254.169.254]/hooks',
    'http://[::ffff:a9fe:a9fe]/hooks',
    'http://[::ffff:0.0.0.0]/hooks',
    'http://0251.0376.0251.0376/',
    'http://2852039166/',
    'http://169.254.169.254./hooks',
  ];

  it.each(refused)('refuses %s with ComplyCube’s 400 invalid_request on url, and stores nothing', async (url) => {
    const api = complyCube(sandbox);
    const before = (await api.get('/webhooks')).body.totalItems;
    const created = await api.post('/webhooks', { url, events: ['client.created'] });
    expect(created.status).toBe(400);
    expect(created.body).toEqual(refusedUrl);
    expect((await api.get('/webhooks')).body.totalItems).toBe(before);
  });

  it.each(refused)('refuses an update to %s, and the webhook keeps its URL', async (url) => {
    const api = complyCube(sandbox);
    const { body: webhook } = await api.post('/webhooks', { url: 'http://127.0.0.1:9/hooks', events: ['client.created'] });
    const updated = await api.post(`/webhooks/${webhook.id}`, { url });
    expect(updated.status).toBe(400);
    expect(updated.body).toEqual(refusedUrl);
    expect((await api.get(`/webhooks/${webhook.id}`)).body.url).toBe('http://127.0.0.1:9/hooks');
  });

  it('accepts loopback and private addresses, where tests receive webhooks', async () => {
    const local = await receiver();
    try {
      const api = complyCube(sandbox);
      for (const url of [local.url, 'http://localhost:9/hooks', 'http://[::1]:9/hooks', 'http://10.0.0.5/hooks', 'http://192.168.1.20:8080/hooks', 'https://172.16.0.1/hooks']) {
        const created = await api.post('/webhooks', { url, events: ['check.completed'] });
        expect(created.status).toBe(200);
        expect(created.body.url).toBe(url);
        const { body: webhook } = await api.post('/webhooks', { url: 'http://127.0.0.1:9/other', events: ['check.completed'] });
        expect((await api.post(`/webhooks/${webhook.id}`, { url })).status).toBe(200);
      }
    } finally {
      await local.close();
    }
  });
});

describe('a CryptoMate webhook URL set to a refused address', () => {
  it('fails each delivery at once, naming the address, and sends nothing', async () => {
    const sandbox = await launch({ vendorSettings: { cryptomate: { webhookUrl: 'http://2852039166/hooks' } }, webhookRetryBaseMs: 1 });
    try {
      await cryptoMate(sandbox).post('/clients', newIndividual());
      sandbox.sandbox.completePendingTasks();
      const [delivery] = sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' });
      expect(delivery).toMatchObject({ url: 'http://169.254.169.254/hooks', state: 'failed' });
      await pause(50);
      expect(delivery!.attempts).toEqual([
        expect.objectContaining({ error: expect.stringMatching(/169\.254\.169\.254.*link-local or unspecified/), durationMs: 0 }),
      ]);
      expect(delivery!.attempts[0]!.status).toBeUndefined();
    } finally {
      await sandbox.stop();
    }
  });
});

describe('a host name resolving to a refused address', () => {
  const silent = createLogger('silent');
  /** Stands in for DNS: each name answers the addresses listed for it, one list per lookup, the last one repeated. */
  const dns = (answers: Record<string, string[][]>): Resolver => (hostname, _options, callback) => {
    const lists = answers[hostname];
    if (!lists) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    const addresses = lists.length > 1 ? lists.shift()! : lists[0]!;
    callback(null, addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })));
  };

  async function deliver(dispatcher: WebhookDispatcher, url: string): Promise<DeliveryRecord> {
    dispatcher.senderFor('complycube', 'test').send({ url, body: '{}', event: 'client.created', maxAttempts: 1 });
    const record = dispatcher.deliveries().at(-1)!;
    return waitFor(() => (record.state === 'pending' ? undefined : record), `the delivery to ${url}`);
  }

  it('is refused when sent, by the address the connection would use, DNS rebinding included', async () => {
    const local = await receiver();
    const dispatcher = new WebhookDispatcher(
      {
        retryBaseMs: 60_000,
        timeoutMs: 1000,
        resolve: dns({
          'metadata.test': [['169.254.169.254']],
          'mixed.test': [['127.0.0.1', 'fe80::1']],
          'unspecified.test': [['::']],
          'receiver.test': [['127.0.0.1']],
          'rebind.test': [['127.0.0.1'], ['169.254.169.254']],
        }),
      },
      silent,
    );
    try {
      for (const [host, address] of [['metadata.test', '169.254.169.254'], ['mixed.test', 'fe80::1'], ['unspecified.test', '::']]) {
        const refused = await deliver(dispatcher, `http://${host}:${local.port}/hooks`);
        expect(refused.state).toBe('failed');
        expect(refused.attempts[0]!.error).toBe(`${host} resolves to ${address}, a link-local or unspecified address, where webhooks are never sent`);
      }
      expect(local.received).toEqual([]);

      // The connection goes where the checked answer points: the local receiver.
      expect((await deliver(dispatcher, `http://receiver.test:${local.port}/hooks`)).state).toBe('delivered');
      expect(local.received.map((request) => request.headers.host)).toEqual([`receiver.test:${local.port}`]);

      expect((await deliver(dispatcher, `http://rebind.test:${local.port}/hooks`)).state).toBe('delivered');
      const rebound = await deliver(dispatcher, `http://rebind.test:${local.port}/hooks`);
      expect(rebound.state).toBe('failed');
      expect(rebound.attempts[0]!.error).toMatch(/rebind\.test resolves to 169\.254\.169\.254/);
      expect(local.received).toHaveLength(2);
    } finally {
      await dispatcher.stop();
      await local.close();
    }
  });
});

describe('a hostile receiver', () => {
  const TIMEOUT_MS = 1500;
  let sandbox: TestSandbox;
  beforeAll(async () => {
    // Retries are an hour away: each test sees its first attempt alone.
    sandbox = await launch({ checkDelayMs: 60_000, webhookRetryBaseMs: 3_600_000, webhookTimeoutMs: TIMEOUT_MS });
  });
  afterAll(() => sandbox.stop());

  /** Points a new key's webhook at `url`, creates a client, and returns the delivery once its first attempt ends. */
  async function firstAttempt(url: string) {
    const api = complyCube(sandbox);
    expect((await api.post('/webhooks', { url, events: ['client.created'] })).status).toBe(200);
    expect((await api.post('/clients', newPerson())).status).toBe(200);
    return waitFor(
      () => sandbox.sandbox.webhookDeliveries({ vendor: 'complycube' }).find((delivery) => delivery.url === url && delivery.attempts.length > 0),
      `the first attempt to ${url}`,
      TIMEOUT_MS + 3000,
    );
  }

  it('gets no redirect followed: a 307 is a failed attempt, and its Location receives nothing', async () => {
    const elsewhere = await receiver();
    const redirecting = await receiver((_, response) => response.writeHead(307, { location: `${elsewhere.url}?stolen=1` }).end());
    try {
      const delivery = await firstAttempt(redirecting.url);
      expect(delivery.state).toBe('pending');
      expect(delivery.attempts).toEqual([expect.objectContaining({ status: 307, error: expect.stringContaining('redirect') })]);
      await pause(300);
      expect(redirecting.received).toHaveLength(1);
      expect(elsewhere.received).toEqual([]);
    } finally {
      await redirecting.close();
      await elsewhere.close();
    }
  });

  it('cannot make the sandbox read a 1 GB answer: the attempt ends early and memory stays flat', async () => {
    const GIGABYTE = 1024 ** 3;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let written = 0;
    const flooding = await receiver((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(GIGABYTE) });
      const pour = () => {
        while (written < GIGABYTE && !response.destroyed) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pour);
        }
        response.end();
      };
      pour();
    });
    try {
      const rssBefore = process.memoryUsage().rss;
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 5);
      const delivery = await firstAttempt(flooding.url);
      clearInterval(sampler);
      const rssAfter = process.memoryUsage().rss;
      const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
      console.log(
        `1 GB answer: RSS before ${mb(rssBefore)}, peak ${mb(rssPeak)}, after ${mb(rssAfter)}; ` +
          `the receiver got ${mb(written)} out before the sandbox hung up; attempt took ${delivery.attempts[0]!.durationMs} ms`,
      );
      expect(delivery.attempts[0]).toMatchObject({ status: 200 });
      expect(delivery.attempts[0]!.durationMs).toBeLessThan(TIMEOUT_MS);
      expect(written).toBeLessThan(64 * 2 ** 20);
      expect(rssPeak - rssBefore).toBeLessThan(64 * 2 ** 20);
    } finally {
      await flooding.close();
    }
  });

  it('that never answers fails the attempt at the timeout', async () => {
    const silent = await receiver(() => undefined);
    try {
      const delivery = await firstAttempt(silent.url);
      const [attempt] = delivery.attempts;
      expect(attempt!.status).toBeUndefined();
      expect(attempt!.error).toMatch(new RegExp(`${TIMEOUT_MS} ms`));
      expect(attempt!.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(attempt!.durationMs).toBeLessThan(TIMEOUT_MS + 1000);
      expect(delivery.state).toBe('pending');
    } finally {
      await silent.close();
    }
  });

  it('that sends its status but never ends the answer fails the attempt at the timeout too', async () => {
    const trickling = await receiver((_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('still thinking');
    });
    try {
      const delivery = await firstAttempt(trickling.url);
      const [attempt] = delivery.attempts;
      expect(attempt).toMatchObject({ status: 200, error: expect.stringMatching(new RegExp(`${TIMEOUT_MS} ms`)) });
      expect(attempt!.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
      expect(attempt!.durationMs).toBeLessThan(TIMEOUT_MS + 1000);
    } finally {
      await trickling.close();
    }
  });
});

describe('secrets in a webhook URL', () => {
  it('go to the receiver but never into the deliveries, the control API or the log', async () => {
    const failing = await receiver((_, response) => response.writeHead(500).end());
    const sandbox = await launch({ checkDelayMs: 60_000, webhookRetryBaseMs: 1, logLevel: 'debug' });
    const logged: string[] = [];
    const logger = sandbox.sandbox.logger as unknown as Record<symbol, unknown>;
    logger[pino.symbols.streamSym] = { write: (line: string) => logged.push(line) };
    try {
      const url = `http://hook-user:pass-secret@127.0.0.1:${failing.port}/hooks?token=tok-secret`;
      const shown = `http://[redacted]@127.0.0.1:${failing.port}/hooks?[redacted]`;
      const secrets = ['hook-user', 'pass-secret', 'tok-secret'];
      const api = complyCube(sandbox);
      expect((await api.post('/webhooks', { url, events: ['client.created'] })).status).toBe(200);
      await api.post('/clients', newPerson());
      // ComplyCube's 11 attempts (the first and 10 retries) fail; the last is logged as a failure for good.
      const delivery = await waitFor(
        () => sandbox.sandbox.webhookDeliveries({ vendor: 'complycube' }).find((each) => each.state === 'failed'),
        'the delivery to fail for good',
      );
      expect(delivery.attempts).toHaveLength(11);

      // The receiver got the real URL: the query, and the credentials as basic authentication.
      expect(failing.received[0]).toMatchObject({
        url: '/hooks?token=tok-secret',
        headers: { authorization: `Basic ${Buffer.from('hook-user:pass-secret').toString('base64')}` },
      });

      expect(delivery.url).toBe(shown);
      const inProcess = JSON.stringify(sandbox.sandbox.webhookDeliveries());
      const listed = await sandbox.request('GET', '/__sandbox/webhooks/deliveries');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item: { url: string }) => item.url)).toEqual([shown]);
      const redelivered = await sandbox.request('POST', `/__sandbox/webhooks/deliveries/${delivery.id}/redeliver`, { json: {} });
      expect(redelivered.status).toBe(202);
      expect(redelivered.body.url).toBe(shown);
      await waitFor(() => (failing.received.length === 12 ? true : undefined), 'the redelivery');
      expect(failing.received[11]!.url).toBe('/hooks?token=tok-secret');
      await waitFor(() => (delivery.state === 'failed' ? true : undefined), 'the redelivery to end');

      const log = logged.join('');
      expect(log).toContain(shown);
      expect(log).toContain('webhook delivery failed for good');
      for (const secret of secrets) {
        expect(inProcess).not.toContain(secret);
        expect(listed.text).not.toContain(secret);
        expect(redelivered.text).not.toContain(secret);
        expect(log).not.toContain(secret);
      }
    } finally {
      await sandbox.stop();
      await failing.close();
    }
  });
});
