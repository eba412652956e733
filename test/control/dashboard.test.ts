import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { RequestJournal } from '../../src/simulation/journal.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson, webhookReceiver } from '../helpers/complycube.js';
import { cryptoMate, newIndividual } from '../helpers/cryptomate.js';

// Debian's chromium; .ci/run installs it where it is missing.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A key's fingerprint as the control API documents it: the first 24 hex digits of its SHA-256. */
const fingerprintOf = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 24);

const screenshots = () => {
  const folder = process.env.KYC_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'kyc-dashboard-'));
  mkdirSync(folder, { recursive: true });
  return folder;
};

/** Waits until `check` holds, for at most `timeoutMs`; then fails with what it last saw. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let sandbox: TestSandbox;
let browser: Browser;
beforeAll(async () => {
  sandbox = await launch({ webhookRetryBaseMs: 1 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await sandbox.stop();
});

async function openDashboard(base = sandbox.url, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; offsite: string[] }> {
  const page = await browser.newPage({ viewport });
  const offsite: string[] = [];
  page.on('request', (sent) => {
    if (!sent.url().startsWith(base)) offsite.push(sent.url());
  });
  await page.goto(`${base}/__sandbox/`);
  return { page, offsite };
}

/** The journal table's column (1: time, 2: vendor, 3: method, 4: path, 5: status), top row first. */
const column = (page: Page, index: number) => page.locator(`#request-list tbody tr td:nth-child(${index})`).allTextContents();

describe('the dashboard page and its files', () => {
  it('is served at /__sandbox/ as HTML with a policy that runs only this server’s files', async () => {
    for (const address of ['/__sandbox/', '/__sandbox']) {
      const page = await sandbox.request('GET', address);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'self';/);
      expect(page.text).not.toMatch(/https?:\/\//);
      expect(page.text).not.toMatch(/<script>|<style>|\son\w+=/);
      expect(page.text).toContain('<script type="module" src="/__sandbox/dashboard/assets/dashboard.js"></script>');
      expect(page.text).toContain('<link rel="stylesheet" href="/__sandbox/dashboard/assets/dashboard.css">');
    }
    const script = await sandbox.request('GET', '/__sandbox/dashboard/assets/dashboard.js');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'application/javascript']);
    expect(script.text).toContain('/__sandbox');
    const style = await sandbox.request('GET', '/__sandbox/dashboard/assets/dashboard.css');
    expect([style.status, style.headers.get('content-type')]).toEqual([200, 'text/css']);
    for (const name of ['dashboard.ts', '..%2F..%2Fpackage.json', 'swagger-ui.css']) {
      expect((await sandbox.request('GET', `/__sandbox/dashboard/assets/${name}`)).status).toBe(404);
    }
    // The docs page stays where it is, and leads here.
    expect((await sandbox.request('GET', '/__sandbox/docs')).text).toContain('<a href="/__sandbox/">the dashboard</a>');
  });
});

describe('what the dashboard reads of the control API', () => {
  it('waits for the first new matching request when asked to (waitMs), and answers at once when there is one', async () => {
    const api = complyCube(sandbox);
    const keyHash = fingerprintOf(api.apiKey);
    const waiting = sandbox.request('GET', `/__sandbox/requests?keyHash=${keyHash}&after=0&waitMs=5000`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = Date.now();
    await api.get(`/clients/${JANE_DOE_ID}`);
    const { body } = await waiting;
    expect(Date.now() - sent).toBeLessThan(1000);
    expect(body.items).toEqual([expect.objectContaining({ method: 'GET', path: `/v1/clients/${JANE_DOE_ID}`, status: 200, keyHash })]);

    const [first] = body.items;
    await api.get('/clients/unknown');
    const immediate = await sandbox.request('GET', `/__sandbox/requests?keyHash=${keyHash}&after=${first.id}&waitMs=5000`);
    expect(immediate.body.items.map((entry: { path: string }) => entry.path)).toEqual(['/v1/clients/unknown']);
    expect((await sandbox.request('GET', `/__sandbox/requests?key=${api.apiKey}`)).body.items).toHaveLength(2);

    const started = Date.now();
    const nothing = await sandbox.request('GET', `/__sandbox/requests?keyHash=${fingerprintOf('never-used')}&waitMs=300`);
    expect(nothing.body).toEqual({ items: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);

    const both = await sandbox.request('GET', `/__sandbox/requests?key=${api.apiKey}&keyHash=${keyHash}`);
    expect([both.status, both.body.error.code, both.body.error.field]).toEqual([400, 'invalid_request', 'keyHash']);
    expect((await sandbox.request('GET', '/__sandbox/requests?waitMs=30001')).status).toBe(400);
  });

  it('lists tenants by fingerprint, and shows one tenant’s records with secrets redacted', async () => {
    const api = complyCube(sandbox);
    const tenant = fingerprintOf(api.apiKey);
    const { body: client } = await api.post('/clients', newPerson({ email: 'tenant.view@example.com' }));
    const { body: webhook } = await api.post('/webhooks', { url: 'https://hooks.example.com/kyc', events: ['client.created'] });
    expect(webhook.secret).toEqual(expect.any(String));
    // The journal shows the answer too, with the webhook's signing secret redacted.
    const journal = await sandbox.request('GET', `/__sandbox/requests?keyHash=${tenant}&operationId=createWebhook`);
    expect(journal.body.items).toEqual([expect.objectContaining({ status: 200, responseBody: { ...webhook, secret: '[redacted]' } })]);
    expect(journal.text).not.toContain(webhook.secret);

    const { body: listed } = await sandbox.request('GET', '/__sandbox/tenants');
    const listedTenant = listed.items.find((each: { tenant: string }) => each.tenant === tenant);
    expect(listedTenant).toEqual({ vendor: 'complycube', tenant, collections: expect.objectContaining({ clients: expect.any(Number), webhooks: expect.any(Number) }) });
    expect(JSON.stringify(listed)).not.toContain(api.apiKey);
    const { body: others } = await sandbox.request('GET', '/__sandbox/tenants?vendor=cryptomate');
    expect(others.items.every((each: { vendor: string }) => each.vendor === 'cryptomate')).toBe(true);

    const shown = await sandbox.request('GET', `/__sandbox/tenants/complycube/${tenant}`);
    expect(shown.status).toBe(200);
    expect(shown.body.collections.clients[client.id]).toMatchObject({ email: 'tenant.view@example.com' });
    expect(shown.body.collections.webhooks[webhook.id]).toMatchObject({ url: 'https://hooks.example.com/kyc', secret: '[redacted]' });
    expect(shown.text).not.toContain(webhook.secret);
    for (const [name, count] of Object.entries(listedTenant.collections)) expect([name, Object.keys(shown.body.collections[name]).length]).toEqual([name, count]);

    expect((await sandbox.request('GET', `/__sandbox/tenants/complycube/${fingerprintOf('nobody')}`)).status).toBe(404);
    expect((await sandbox.request('GET', `/__sandbox/tenants/nosuchvendor/${tenant}`)).status).toBe(404);
  });

  it('lists rate-limit overrides by fingerprint and drops one, after which the key is limited as before', async () => {
    const api = complyCube(sandbox);
    const keyHash = fingerprintOf(api.apiKey);
    expect((await sandbox.request('PUT', '/__sandbox/rate-limits', { json: { key: api.apiKey, limit: 1 } })).status).toBe(200);
    expect((await sandbox.request('GET', '/__sandbox/rate-limits')).body.items).toContainEqual({ keyHash, limit: 1, windowMs: 1000 });
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(429);

    expect((await sandbox.request('DELETE', `/__sandbox/rate-limits/${keyHash}`)).status).toBe(204);
    expect((await sandbox.request('GET', '/__sandbox/rate-limits')).body.items).not.toContainEqual(expect.objectContaining({ keyHash }));
    expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    const again = await sandbox.request('DELETE', `/__sandbox/rate-limits/${keyHash}`);
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('the answers the journal keeps', () => {
  const record = (journal: RequestJournal, response: { headers: Record<string, string>; payload: string | Buffer | undefined } | undefined) =>
    journal.record({ at: '2026-01-01T00:00:00.000Z', vendor: 'v', method: 'GET', path: '/x', query: {}, headers: {}, body: undefined, bodyBytes: 0, status: 200, durationMs: 1, credentialHashes: [], response });

  it('lists a JSON answer parsed and redacted, a larger or binary one by its size, and none for no body or a dropped connection', () => {
    const journal = new RequestJournal(new Set());
    const small = JSON.stringify({ id: 'a', accessToken: 'tok-1', nested: { clientSecret: 'sec-2' } });
    record(journal, { headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(small.length) }, payload: small });
    const large = JSON.stringify({ filler: 'x'.repeat(16 * 1024) });
    record(journal, { headers: { 'content-type': 'application/json', 'content-length': String(large.length) }, payload: large });
    record(journal, { headers: { 'content-type': 'application/pdf', 'content-length': '4' }, payload: Buffer.from('%PDF') });
    record(journal, { headers: { 'content-type': 'text/html', 'content-length': '2' }, payload: 'hi' });
    record(journal, { headers: {}, payload: undefined });
    record(journal, undefined);
    expect(journal.list().map((entry) => entry.responseBody)).toEqual([
      { id: 'a', accessToken: '[redacted]', nested: { clientSecret: '[redacted]' } },
      { omitted: `${16 * 1024 + 13} bytes` },
      { omitted: '4 bytes' },
      { omitted: '2 bytes' },
      undefined,
      undefined,
    ]);
    expect(journal.list().slice(-2).every((entry) => !('responseBody' in entry))).toBe(true);
  });
});

describe('the dashboard in a browser', () => {
  it('shows a request made from the test within a second, without a reload, and nothing comes from elsewhere', async () => {
    const { page, offsite } = await openDashboard();
    try {
      await page.locator('#live-state.on').waitFor({ timeout: 5000 });
      const api = complyCube(sandbox);
      const path = `/v1/clients/live-${Date.now()}`;
      await api.get(path.slice('/v1'.length));
      await page.locator('#request-list tbody tr', { hasText: path }).waitFor({ timeout: 1000 });
      const cells = await page.locator('#request-list tbody tr').first().locator('td').allTextContents();
      expect(cells.slice(1, 5)).toEqual(['complycube', 'GET', path, '404']);
      await page.locator('#request-list tbody tr', { hasText: 'POST' }).first().click();
      await page.locator('#request-detail').waitFor();
      await page.screenshot({ path: join(screenshots(), 'dashboard.png') });
      expect(offsite).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('filters by vendor, status and key fingerprint, and shows a request’s detail with its secrets redacted', async () => {
    const alice = complyCube(sandbox);
    const bob = cryptoMate(sandbox);
    const { body: aliceClient } = await alice.post('/clients', newPerson({ email: 'alice.detail@example.com' }));
    await alice.get('/clients/alice-missing');
    await bob.get('/clients');
    const { page } = await openDashboard();
    try {
      await page.locator('#request-list tbody tr', { hasText: '/management/clients' }).first().waitFor({ timeout: 5000 });

      await page.selectOption('#request-filters select[name=vendor]', 'cryptomate');
      await until(() => column(page, 2), (vendors) => vendors.length > 0 && vendors.every((vendor) => vendor === 'cryptomate'));
      expect(await column(page, 4)).toContain('/management/clients');

      await page.selectOption('#request-filters select[name=vendor]', '');
      await page.fill('#request-filters input[name=status]', '404');
      await page.press('#request-filters input[name=status]', 'Enter');
      await until(() => column(page, 5), (statuses) => statuses.length > 0 && statuses.every((status) => status === '404'));
      expect(await column(page, 4)).toContain('/v1/clients/alice-missing');
      await page.click('#request-filters button[type=reset]');

      // A row's fingerprint filters by its key.
      const aliceRow = page.locator('#request-list tbody tr', { hasText: '/v1/clients/alice-missing' });
      await aliceRow.waitFor({ timeout: 5000 });
      await aliceRow.locator('button.link').click();
      expect(await page.inputValue('#request-filters input[name=keyHash]')).toBe(fingerprintOf(alice.apiKey));
      await until(() => column(page, 4), (paths) => paths.length === 2);
      expect(await column(page, 4)).toEqual(['/v1/clients/alice-missing', '/v1/clients']);

      await page.locator('#request-list tbody tr', { hasText: 'POST' }).click();
      const detail = page.locator('#request-detail');
      await detail.waitFor();
      const shown = (await detail.textContent())!;
      expect(shown).toContain('POST /v1/clients');
      expect(shown).toContain('createClient');
      expect(shown).toContain('"email": "alice.detail@example.com"');
      expect(shown).toMatch(new RegExp(`Response body\\{\\s*"id": "${aliceClient.id}"`));
      expect(await detail.locator('table.headers tr', { hasText: 'authorization' }).textContent()).toBe('authorization[redacted]');
      expect(await page.content()).not.toContain(alice.apiKey);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('redelivers a failed webhook from the page, and the new attempt shows', async () => {
    const receiver = await webhookReceiver(11);
    const api = complyCube(sandbox);
    try {
      await api.post('/webhooks', { url: receiver.url, events: ['client.created'] });
      await api.post('/clients', newPerson());
      const delivery = await until(
        async () => sandbox.sandbox.webhookDeliveries({ vendor: 'complycube' }).find((each) => each.url === receiver.url),
        (found) => found?.state === 'failed',
      );
      expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual(Array(11).fill(500));

      const { page } = await openDashboard();
      try {
        await page.click('nav [data-tab=webhooks]');
        const view = page.locator(`#delivery-list details[data-id="${delivery!.id}"]`);
        await expect(view.locator('summary').textContent()).resolves.toMatch(/client\.created.*failed.*11 attempts/);
        await view.locator('button.redeliver').click();
        await view.locator('summary', { hasText: '12 attempts' }).waitFor({ timeout: 3000 });
        expect(await view.locator('.state').textContent()).toBe('delivered');
        await view.locator('summary .event').click();
        const attempts = await view.locator('table.attempts tr').allTextContents();
        expect(attempts).toHaveLength(13);
        expect(attempts.at(-1)).toMatch(/^\S+Z200\d+$/);
        expect(receiver.received).toHaveLength(12);
        await page.screenshot({ path: join(screenshots(), 'dashboard-webhooks.png') });
      } finally {
        await page.close();
      }
    } finally {
      await receiver.close();
    }
  }, 30_000);

  it('adds and removes a fault and a rate-limit override, shows a tenant’s records, moves the clock and completes pending work', async () => {
    const api = complyCube(sandbox);
    await api.post('/clients', newPerson({ email: 'records.view@example.com' }));
    const { page } = await openDashboard();
    try {
      await page.click('nav [data-tab=faults]');
      await page.selectOption('#fault-form select[name=vendor]', 'complycube');
      await page.fill('#fault-form input[name=path]', '/v1/clients/*');
      await page.fill('#fault-form input[name=status]', '503');
      await page.fill('#fault-form input[name=count]', '2');
      await page.click('#fault-form button[type=submit]');
      const faultRow = page.locator('#fault-list tbody tr', { hasText: '/v1/clients/*' });
      await faultRow.waitFor({ timeout: 3000 });
      expect(await faultRow.locator('td').allTextContents()).toEqual(['complycube', 'any', '/v1/clients/*', 'any', 'status 503', '2', 'Remove']);
      expect((await sandbox.request('GET', '/__sandbox/faults')).body.items).toEqual([
        expect.objectContaining({ vendor: 'complycube', path: '/v1/clients/*', action: 'status', status: 503, remaining: 2 }),
      ]);
      expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(503);
      await faultRow.locator('button', { hasText: 'Remove' }).click();
      await faultRow.waitFor({ state: 'detached', timeout: 3000 });
      expect((await sandbox.request('GET', '/__sandbox/faults')).body.items).toEqual([]);
      expect((await api.get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);

      const keyHash = fingerprintOf(api.apiKey);
      await page.fill('#rate-limit-form input[name=key]', api.apiKey);
      await page.fill('#rate-limit-form input[name=limit]', '1');
      await page.click('#rate-limit-form button[type=submit]');
      const limitRow = page.locator('#rate-limit-list tbody tr', { hasText: keyHash });
      await limitRow.waitFor({ timeout: 3000 });
      expect(await limitRow.locator('td').allTextContents()).toEqual([keyHash, '1', '1000', 'Remove']);
      expect((await sandbox.request('GET', '/__sandbox/rate-limits')).body.items).toEqual([{ keyHash, limit: 1, windowMs: 1000 }]);
      await limitRow.locator('button', { hasText: 'Remove' }).click();
      await limitRow.waitFor({ state: 'detached', timeout: 3000 });
      expect((await sandbox.request('GET', '/__sandbox/rate-limits')).body.items).toEqual([]);
      expect(await page.content()).not.toContain(api.apiKey);

      await page.click('nav [data-tab=tenants]');
      await page.locator('#tenant-list tbody tr', { hasText: keyHash }).click();
      const records = page.locator('#tenant-detail');
      await records.locator('summary', { hasText: /^clients \(\d+\)$/ }).waitFor({ timeout: 3000 });
      expect(await records.locator('h2').textContent()).toBe(`complycube · ${keyHash}`);
      expect(await records.textContent()).toContain('"email": "records.view@example.com"');

      const before = (await sandbox.request('GET', '/__sandbox/clock')).body.offsetMs;
      await page.fill('#clock-advance input[name=minutes]', '90');
      await page.click('#clock-advance button[type=submit]');
      await page.locator('#action-message', { hasText: /^Clock moved 90 min; \d+ tasks? ran$/ }).waitFor({ timeout: 3000 });
      expect((await sandbox.request('GET', '/__sandbox/clock')).body.offsetMs).toBe(before + 90 * 60_000);
      await page.locator('#clock-offset', { hasText: `(+${(before + 90 * 60_000) / 60_000} min)` }).waitFor({ timeout: 3000 });

      const { body: pending } = await cryptoMate(sandbox).post('/clients', newIndividual());
      expect(pending.status).toBe('PENDING');
      await page.click('#complete-pending');
      await page.locator('#action-message', { hasText: /^[1-9]\d* pending tasks? completed$/ }).waitFor({ timeout: 3000 });
      expect((await sandbox.request('POST', '/__sandbox/lifecycle/complete', { json: {} })).body).toEqual({ completed: 0 });
    } finally {
      await page.close();
    }
  }, 30_000);

  it('writes hostile strings from requests as text: no markup of theirs becomes an element or runs', async () => {
    const { page } = await openDashboard();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await page.locator('#live-state.on').waitFor({ timeout: 5000 });
      const markup = '<img src=x onerror="window.__xss=1;alert(1)">';
      const path = '/v1/clients/<img/src=x/onerror=window.__xss=2>';
      await new Promise<void>((resolve, reject) => {
        const url = new URL(sandbox.url);
        const sent = httpRequest({ host: url.hostname, port: url.port, path, headers: { authorization: 'xss-key', 'x-note': markup } }, (response) => {
          response.resume().on('end', () => resolve());
        });
        sent.on('error', reject);
        sent.end();
      });
      await complyCube(sandbox, 'xss-key').post('/clients', newPerson({ email: markup, personDetails: { firstName: markup, lastName: 'X' } }));
      const hostileRow = page.locator('#request-list tbody tr', { hasText: '<img/src=x/onerror=window.__xss=2>' });
      await hostileRow.waitFor({ timeout: 2000 });
      await hostileRow.click();
      expect(await page.locator('#request-detail table.headers tr', { hasText: 'x-note' }).textContent()).toBe(`x-note${markup}`);
      await page.locator('#request-list tbody tr', { hasText: 'POST' }).first().click();
      expect(await page.locator('#request-detail').textContent()).toContain(JSON.stringify(markup).slice(1, -1));
      await page.waitForTimeout(300);
      expect(await page.locator('main img').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  }, 30_000);

  it('fits a phone-width screen', async () => {
    await complyCube(sandbox, 'phone-key').get(`/clients/${JANE_DOE_ID}`);
    const { page } = await openDashboard(sandbox.url, { width: 390, height: 844 });
    try {
      await page.locator('#request-list tbody tr').first().waitFor({ timeout: 5000 });
      // Nothing wider than the screen but the tables, which scroll in their own box.
      const wide = await page.evaluate(`[...document.querySelectorAll('body *')].filter((each) => each.getBoundingClientRect().right > 391 && !each.closest('.scroll')).map((each) => each.tagName + '#' + each.id + '.' + each.className + ' ' + each.getBoundingClientRect().right)`);
      expect(wide).toEqual([]);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      const path = join(screenshots(), 'dashboard-phone.png');
      await page.screenshot({ path, fullPage: false });
      expect(statSync(path).size).toBeGreaterThan(10_000);
      await page.locator('#request-list tbody tr').first().click();
      await page.locator('#request-detail').waitFor();
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  }, 30_000);
});

describe('the dashboard behind an admin token', () => {
  let guarded: TestSandbox;
  beforeAll(async () => {
    guarded = await launch({ adminToken: 'dash-s3cret' });
  });
  afterAll(() => guarded.stop());

  it('serves the page and its files without the token, and its data only with it', async () => {
    expect((await guarded.request('GET', '/__sandbox/')).status).toBe(200);
    expect((await guarded.request('GET', '/__sandbox/dashboard/assets/dashboard.js')).status).toBe(200);
    for (const path of ['/requests', '/tenants', '/rate-limits', '/webhooks/deliveries', '/clock']) {
      expect((await guarded.request('GET', `/__sandbox${path}`)).status).toBe(401);
      expect((await guarded.request('GET', `/__sandbox${path}`, { headers: { 'X-Sandbox-Admin-Token': 'dash-s3cret' } })).status).toBe(200);
    }
  });

  it('asks for the token, refuses a wrong one, and follows the journal once given the right one, never putting it in a URL', async () => {
    const { page } = await openDashboard(guarded.url);
    const urls: string[] = [];
    page.on('request', (sent) => urls.push(sent.url()));
    try {
      const form = page.locator('#token-form');
      await form.waitFor({ state: 'visible', timeout: 5000 });
      await expect(page.locator('#live-state').textContent()).resolves.toBe('needs the admin token');
      await page.fill('#token-form input[name=token]', 'wrong');
      await page.click('#token-form button[type=submit]');
      await page.locator('#token-message', { hasText: 'That token was refused.' }).waitFor({ timeout: 5000 });

      await page.fill('#token-form input[name=token]', 'dash-s3cret');
      await page.click('#token-form button[type=submit]');
      await page.locator('#live-state.on').waitFor({ timeout: 5000 });
      expect(await form.isHidden()).toBe(true);
      await complyCube(guarded).get(`/clients/${JANE_DOE_ID}`);
      await page.locator('#request-list tbody tr', { hasText: `/v1/clients/${JANE_DOE_ID}` }).waitFor({ timeout: 1000 });
      expect(await page.evaluate("sessionStorage.getItem('kyc-sandbox-admin-token')")).toBe('dash-s3cret');
      expect(urls.filter((url) => url.includes('dash-s3cret'))).toEqual([]);
      expect(guarded.sandbox.requests().some((entry) => JSON.stringify(entry).includes('dash-s3cret'))).toBe(false);
    } finally {
      await page.close();
    }
  }, 30_000);
});
