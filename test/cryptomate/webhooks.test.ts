import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { cryptoMate, newBusiness, newIndividual, TRACE_ID } from '../helpers/cryptomate.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: any;
}

/** A webhook receiver on a free port that answers each POST with the next planned status (then 200). */
async function receiver(plan: number[] = []) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const status = plan.shift() ?? 200;
      if (status === 200) received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ response_code: 'OK' }));
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    async until(count: number) {
      const deadline = Date.now() + 2000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`only ${received.length} of ${count} webhooks arrived`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('client_status webhook', () => {
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let sandbox: TestSandbox;
  beforeAll(async () => {
    hooks = await receiver([503]);
    sandbox = await launch({ vendorSettings: { cryptomate: { webhookUrl: hooks.url } }, webhookRetryBaseMs: 20 });
  });
  afterAll(async () => {
    await sandbox.stop();
    await hooks.close();
  });

  it('arrives with its headers when a pending client becomes ACTIVE, after a failed first attempt', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual());
    expect(client.status).toBe('PENDING');
    const before = Date.now();
    expect(sandbox.sandbox.completePendingTasks()).toBe(1);

    const [event] = await hooks.until(1);
    expect(event!.headers['x-webhook-key']).toBe('sandbox-webhook-key');
    expect(event!.headers['content-type']).toBe('application/json');
    expect(event!.headers['x-trace-id']).toMatch(TRACE_ID);
    expect(Number(event!.headers['x-request-timestamp'])).toBeGreaterThanOrEqual(before - 1000);
    expect(event!.body).toMatchObject({
      product: 'company_activity',
      event_type: 'client_status',
      operation_id: client.id,
      status: 'success',
      data: { id: client.id, company_id: client.company_id, type: 'individual', status: 'active', first_name: 'John' },
    });

    const active = (await api.get(`/clients/${client.id}`)).body;
    expect(active.status).toBe('ACTIVE');
    // The webhook's documented example writes times in UTC with a `Z`; the API's answers carry no zone.
    expect(event!.body.data).toEqual({
      ...active,
      status: 'active',
      created_at: `${active.created_at}Z`,
      updated_at: `${active.updated_at}Z`,
    });
    const [delivery] = sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' });
    expect(delivery).toMatchObject({ event: 'client_status', url: hooks.url, state: 'delivered', maxAttempts: 10 });
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([503, 200]);
    // Screening runs once: nothing is left to complete.
    expect(sandbox.sandbox.completePendingTasks()).toBe(0);
  });

  it('reports a Sanctioned business as rejected, with the documented rejection fields', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients/business', newBusiness({ business_legal_name: 'Sanctioned Holdings LLC' }));
    sandbox.sandbox.completePendingTasks();
    const events = await hooks.until(2);
    expect(events[1]!.body).toMatchObject({
      operation_id: client.id,
      status: 'failed',
      data: {
        id: client.id,
        type: 'business',
        status: 'rejected',
        rejection_code: 'REJECTED_BY_PROVIDER',
        rejection_description: 'Sanctions match',
      },
    });
    expect((await api.get(`/clients/${client.id}`)).body).toMatchObject({
      status: 'REJECTED',
      rejection_code: 'REJECTED_BY_PROVIDER',
      rejection_description: 'Sanctions match',
    });
  });

  it('does not screen a client deleted before its screening completes', async () => {
    const api = cryptoMate(sandbox);
    const { body: client } = await api.post('/clients', newIndividual());
    await api.delete(`/clients/${client.id}`);
    const sent = sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' }).length;
    sandbox.sandbox.completePendingTasks();
    expect(sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' })).toHaveLength(sent);
  });
});

describe('webhook settings', () => {
  it('sends the configured webhook key', async () => {
    const hooks = await receiver();
    const sandbox = await launch({ vendorSettings: { cryptomate: { webhookUrl: hooks.url, webhookKey: 'whk_live_secret' } } });
    try {
      await cryptoMate(sandbox).post('/clients', newIndividual());
      sandbox.sandbox.completePendingTasks();
      const [event] = await hooks.until(1);
      expect(event!.headers['x-webhook-key']).toBe('whk_live_secret');
    } finally {
      await sandbox.stop();
      await hooks.close();
    }
  });

  it('moves the status on its own after the check delay, and sends nothing without a webhook URL', async () => {
    const sandbox = await launch({ checkDelayMs: 0 });
    try {
      const api = cryptoMate(sandbox);
      const { body: client } = await api.post('/clients', newIndividual());
      // The scheduler's timer runs the due task on its own.
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect((await api.get(`/clients/${client.id}`)).body.status).toBe('ACTIVE');
      expect(sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' })).toEqual([]);
    } finally {
      await sandbox.stop();
    }
  });
});

/** The first CryptoMate delivery once it is no longer pending: the receiver sees a request before the sandbox reads its answer. */
async function settled(sandbox: TestSandbox) {
  const deadline = Date.now() + 2000;
  for (;;) {
    const [delivery] = sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' });
    if ((delivery && delivery.state !== 'pending') || Date.now() > deadline) return delivery!;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('docs: Webhooks (crypto-mate/docs integration/webhooks.mdx): only a 200 is delivered, and an attempt waits 30 s', () => {
  it('retries an answer of 202, which is a 2xx but not the documented 200', async () => {
    const hooks = await receiver([202]);
    const sandbox = await launch({ vendorSettings: { cryptomate: { webhookUrl: hooks.url } }, webhookRetryBaseMs: 20 });
    try {
      await cryptoMate(sandbox).post('/clients', newIndividual());
      sandbox.sandbox.completePendingTasks();
      await hooks.until(1);
      const delivery = await settled(sandbox);
      expect(delivery.attempts.map((attempt) => attempt.status)).toEqual([202, 200]);
      expect(delivery.state).toBe('delivered');
    } finally {
      await sandbox.stop();
      await hooks.close();
    }
  });

  it('keeps waiting for a slow receiver past the sandbox-wide webhook timeout', async () => {
    let answer: (() => void) | undefined;
    const slow = createServer((_req, res) => {
      answer = () => res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hooks`;
    const sandbox = await launch({ vendorSettings: { cryptomate: { webhookUrl: url } }, webhookTimeoutMs: 100 });
    try {
      await cryptoMate(sandbox).post('/clients', newIndividual());
      sandbox.sandbox.completePendingTasks();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Ten times the sandbox-wide timeout later, CryptoMate's attempt is still waiting for its answer.
      const [waiting] = sandbox.sandbox.webhookDeliveries({ vendor: 'cryptomate' });
      expect(waiting).toMatchObject({ state: 'pending', attempts: [] });
      answer!();
      expect((await settled(sandbox)).attempts.map((attempt) => attempt.status)).toEqual([200]);
    } finally {
      await sandbox.stop();
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});
