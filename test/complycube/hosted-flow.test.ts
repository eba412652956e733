import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, jpeg, newCompany, newPerson, png, webhookReceiver } from '../helpers/complycube.js';

// Debian's chromium; .ci/run installs it where it is missing.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHECK_TYPES = ['extensive_screening_check', 'document_check', 'identity_check'];
const FLOW_PATH = /^\/complycube\/flow\/[0-9a-f]{48}$/;

type Api = ReturnType<typeof complyCube>;

/**
 * The integrator's web app, on `localhost` while the sandbox is on 127.0.0.1, so that following the
 * redirect URL is a cross-site navigation: a sign-up page linking to the flow, and the pages it returns to.
 */
async function integratorApp() {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url!, 'http://localhost');
    const next = url.searchParams.get('next');
    const html = next ? `<a id="verify" href="${next}">Verify my identity</a>` : `<h1 id="landed">${url.pathname}</h1>`;
    response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    successUrl: `${origin}/signed-up`,
    cancelUrl: `${origin}/sign-up-cancelled`,
    signUpPage: (redirectUrl: string) => `${origin}/sign-up?next=${encodeURIComponent(redirectUrl)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sandbox: TestSandbox;
let app: Awaited<ReturnType<typeof integratorApp>>;
let browser: Browser;
beforeAll(async () => {
  sandbox = await launch({ webhookRetryBaseMs: 20, checkDelayMs: 60_000 });
  app = await integratorApp();
  expect(existsSync(CHROMIUM)).toBe(true);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app.close();
  await sandbox.stop();
});

async function person(api: Api, overrides: Record<string, unknown> = {}): Promise<string> {
  return (await api.post('/clients', newPerson(overrides))).body.id;
}

async function flowSession(api: Api, clientId: string, extra: Record<string, unknown> = { checkTypes: CHECK_TYPES }): Promise<string> {
  const created = await api.post('/flow/sessions', { clientId, successUrl: app.successUrl, cancelUrl: app.cancelUrl, ...extra });
  expect(created.status).toBe(200);
  return created.body.redirectUrl;
}

/** The person's way in: the integrator's sign-up page, then its link to the flow. */
async function openFromSignUp(page: Page, redirectUrl: string): Promise<void> {
  await page.goto(app.signUpPage(redirectUrl));
  await page.click('#verify');
  await page.waitForURL(redirectUrl);
}

/** The page's form token, read as a script on the page could (a test without a browser). */
async function formTokenOf(redirectUrl: string): Promise<string> {
  const html = await (await fetch(redirectUrl)).text();
  return /name="formToken" value="([0-9a-f]+)"/.exec(html)![1]!;
}

const checksOf = async (api: Api, clientId: string) => (await api.get(`/checks?clientId=${clientId}`)).body.items as any[];
const eventsOf = (receiver: Awaited<ReturnType<typeof webhookReceiver>>) => receiver.received.map((hook) => JSON.parse(hook.body));

describe('a flow session', () => {
  it('answers a redirect URL on the sandbox’s own address, the same for the same seed and requests', async () => {
    const again = await launch({ webhookRetryBaseMs: 20, checkDelayMs: 60_000 });
    try {
      const urls = await Promise.all(
        [sandbox, again].map(async (each) => {
          const api = complyCube(each, 'test_same_key');
          return flowSession(api, await person(api));
        }),
      );
      const [first, second] = urls.map((url) => new URL(url));
      expect(first!.origin).toBe(sandbox.url);
      expect(second!.origin).toBe(again.url);
      expect(first!.pathname).toMatch(FLOW_PATH);
      expect(first!.pathname).toBe(second!.pathname);
    } finally {
      await again.stop();
    }
  });

  it('refuses a return address that is not a web address, and a check type the flow cannot run', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    const script = await api.post('/flow/sessions', { clientId, checkTypes: CHECK_TYPES, successUrl: 'javascript:alert(1)', cancelUrl: app.cancelUrl });
    expect(script.status).toBe(400);
    expect(script.body).toEqual({ type: 'invalid_request', message: "'successUrl' must be an http or https URL", param: 'successUrl' });
    const ssn = await api.post('/flow/sessions', { clientId, checkTypes: ['ssn_check'], successUrl: app.successUrl, cancelUrl: app.cancelUrl });
    expect(ssn.status).toBe(400);
    expect(ssn.body.param).toBe('checkTypes.0');
  });
});

describe('the hosted flow page, in headless Chromium', () => {
  it('shows the session’s checks; a tester chooses attention, attaches images, and lands on the success URL with the checks and webhooks', async () => {
    const api = complyCube(sandbox);
    const receiver = await webhookReceiver();
    const page = await browser.newPage();
    try {
      await api.post('/webhooks', { url: receiver.url, events: ['*'] });
      const clientId = await person(api);
      const redirectUrl = await flowSession(api, clientId);
      await openFromSignUp(page, redirectUrl);
      for (const type of CHECK_TYPES) await expect(page.getByTestId(`check-${type}`).isVisible()).resolves.toBe(true);
      await expect(page.getByTestId('flow-client').textContent()).resolves.toBe('John Smith');
      for (const type of CHECK_TYPES) await page.getByTestId(`outcome-${type}-attention`).check();
      await page.getByTestId('document-image').setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: png(50 * 1024) });
      await page.getByTestId('selfie-image').setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: jpeg(45 * 1024, 9) });
      await page.getByTestId('flow-submit').click();
      await page.waitForURL(app.successUrl);

      const [document] = (await api.get(`/documents?clientId=${clientId}`)).body.items;
      expect(document).toMatchObject({ type: 'passport', classification: 'proof_of_identity', images: [{ documentSide: 'front', contentType: 'image/png', size: 50 * 1024 }] });
      const [photo] = (await api.get(`/livePhotos?clientId=${clientId}`)).body.items;
      const download = await api.get(`/livePhotos/${photo.id}/download`);
      expect(Buffer.from(download.body.data, 'base64').equals(jpeg(45 * 1024, 9))).toBe(true);
      const pending = await checksOf(api, clientId);
      expect(pending.map((check) => [check.type, check.status]).sort()).toEqual(CHECK_TYPES.map((type) => [type, 'pending']).sort());
      expect(pending.find((check) => check.type === 'identity_check')).toMatchObject({ documentId: document.id, livePhotoId: photo.id });
      expect(pending.find((check) => check.type === 'document_check')).toMatchObject({ documentId: document.id });

      sandbox.sandbox.completePendingTasks();
      const completed = await checksOf(api, clientId);
      expect(completed.map((check) => [check.type, check.status, check.result.outcome]).sort()).toEqual(
        CHECK_TYPES.map((type) => [type, 'complete', 'attention']).sort(),
      );
      for (const check of completed) {
        await receiver.waitFor((hook) => {
          const event = JSON.parse(hook.body);
          return event.type === 'check.completed.attention' && event.payload.id === check.id;
        });
      }
      expect(eventsOf(receiver).map((event) => event.type)).toEqual(expect.arrayContaining(['document.created', 'document.updated', 'check.pending']));
    } finally {
      await page.close();
      await receiver.close();
    }
  }, 60_000);

  it('completes every check clear when the tester keeps the default, with the sample images', async () => {
    const api = complyCube(sandbox);
    const receiver = await webhookReceiver();
    const page = await browser.newPage();
    try {
      await api.post('/webhooks', { url: receiver.url, events: ['check.completed.clear'] });
      const clientId = await person(api);
      await openFromSignUp(page, await flowSession(api, clientId));
      for (const type of CHECK_TYPES) await expect(page.getByTestId(`outcome-${type}-clear`).isChecked()).resolves.toBe(true);
      await page.getByTestId('flow-submit').click();
      await page.waitForURL(app.successUrl);
      sandbox.sandbox.completePendingTasks();
      const checks = await checksOf(api, clientId);
      expect(checks.map((check) => check.result.outcome)).toEqual(['clear', 'clear', 'clear']);
      for (const check of checks) await receiver.waitFor((hook) => JSON.parse(hook.body).payload.id === check.id);
      const [document] = (await api.get(`/documents?clientId=${clientId}`)).body.items;
      expect(document.images[0]).toMatchObject({ contentType: 'image/jpg', size: 35_000 });
    } finally {
      await page.close();
      await receiver.close();
    }
  }, 60_000);

  it('offers rejected only for the check types a reviewer can reject, and rejects them as a reviewer does', async () => {
    const api = complyCube(sandbox);
    const receiver = await webhookReceiver();
    const page = await browser.newPage();
    try {
      await api.post('/webhooks', { url: receiver.url, events: ['check.updated', 'check.completed.attention'] });
      const clientId = await person(api);
      await openFromSignUp(page, await flowSession(api, clientId));
      // Screening checks are validated match by match and never end `rejected`.
      await expect(page.getByTestId('outcome-extensive_screening_check-rejected').count()).resolves.toBe(0);
      await page.getByTestId('outcome-extensive_screening_check-attention').check();
      await page.getByTestId('outcome-document_check-rejected').check();
      await page.getByTestId('outcome-identity_check-rejected').check();
      await page.getByTestId('flow-submit').click();
      await page.waitForURL(app.successUrl);
      sandbox.sandbox.completePendingTasks();
      const outcomes = Object.fromEntries((await checksOf(api, clientId)).map((check) => [check.type, check.result.outcome]));
      expect(outcomes).toEqual({ extensive_screening_check: 'attention', document_check: 'rejected', identity_check: 'rejected' });
      const rejected = await receiver.waitFor((hook) => {
        const event = JSON.parse(hook.body);
        return event.type === 'check.updated' && event.payload.type === 'document_check';
      });
      expect(JSON.parse(rejected.body).payload.outcome).toBe('rejected');
      const audit = (await api.get(`/auditLogs?clientId=${clientId}&trigger=validateCheck`)).body.items;
      expect(audit).toHaveLength(2);
    } finally {
      await page.close();
      await receiver.close();
    }
  }, 60_000);

  it('cancels: back to the cancel URL, nothing made, and the link still works', async () => {
    const api = complyCube(sandbox);
    const page = await browser.newPage();
    try {
      const clientId = await person(api);
      const redirectUrl = await flowSession(api, clientId);
      await openFromSignUp(page, redirectUrl);
      await page.getByTestId('flow-cancel').click();
      await page.waitForURL(app.cancelUrl);
      expect(await checksOf(api, clientId)).toEqual([]);
      expect((await api.get(`/documents?clientId=${clientId}`)).body.items).toEqual([]);
      expect((await fetch(redirectUrl)).status).toBe(200);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('fits a phone and a desktop window, with nothing loaded from elsewhere', async () => {
    const api = complyCube(sandbox);
    const redirectUrl = await flowSession(api, await person(api), { checkTypes: [...CHECK_TYPES, 'proof_of_address_check'] });
    const folder = process.env.KYC_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'kyc-flow-'));
    for (const [name, width, height] of [['hosted-flow.png', 1280, 900], ['hosted-flow-phone.png', 390, 844]] as const) {
      const page = await browser.newPage({ viewport: { width, height } });
      try {
        const offsite: string[] = [];
        page.on('request', (request) => {
          if (!request.url().startsWith(sandbox.url)) offsite.push(request.url());
        });
        await page.goto(redirectUrl);
        expect(offsite).toEqual([]);
        // Nothing wider than the window: no sideways scrolling on a phone.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
        await page.screenshot({ path: join(folder, name), fullPage: true });
        expect(statSync(join(folder, name)).size).toBeGreaterThan(10_000);
      } finally {
        await page.close();
      }
    }
  }, 60_000);
});

describe('a workflow template’s flow', () => {
  it('completes its workflow session with the flow’s checks and sends workflowSession.completed', async () => {
    const api = complyCube(sandbox);
    const receiver = await webhookReceiver();
    try {
      await api.post('/webhooks', { url: receiver.url, events: ['workflowSession.completed'] });
      const clientId = await person(api);
      const redirectUrl = await flowSession(api, clientId, { workflowTemplateId: 'wft_onboarding' });
      const form = new URLSearchParams({
        formToken: await formTokenOf(redirectUrl),
        'outcome.extensive_screening_check': 'clear',
        'outcome.identity_check': 'attention',
        'outcome.document_check': 'clear',
      });
      const submitted = await fetch(redirectUrl, { method: 'POST', body: form, redirect: 'manual', headers: { origin: new URL(redirectUrl).origin } });
      expect(submitted.status).toBe(303);
      expect(submitted.headers.get('location')).toBe(app.successUrl);
      const [session] = (await api.get(`/workflowSessions?clientId=${clientId}`)).body.items;
      expect(session).toMatchObject({ status: 'complete', outcome: 'attention', workflowTemplateId: 'wft_onboarding' });
      expect(session.allRelatedChecks.map((check: { type: string }) => check.type)).toEqual(['extensive_screening_check', 'identity_check', 'document_check']);
      const event = JSON.parse((await receiver.waitFor(() => true)).body);
      expect(event).toMatchObject({ type: 'workflowSession.completed', payload: { id: session.id, status: 'complete', outcome: 'attention' } });
    } finally {
      await receiver.close();
    }
  });
});

describe('hostile use of the page', () => {
  async function openSession(checkTypes = CHECK_TYPES, client: object = newPerson()) {
    const api = complyCube(sandbox);
    const clientId = (await api.post('/clients', client)).body.id as string;
    const redirectUrl = await flowSession(api, clientId, { checkTypes });
    return { api, clientId, redirectUrl, formToken: await formTokenOf(redirectUrl) };
  }
  const sameOrigin = (url: string) => ({ origin: new URL(url).origin });
  const allClear = (formToken: string) =>
    new URLSearchParams({ formToken, ...Object.fromEntries(CHECK_TYPES.map((type) => [`outcome.${type}`, 'clear'])) });

  async function nothingMade(api: Api, clientId: string) {
    expect(await checksOf(api, clientId)).toEqual([]);
    expect((await api.get(`/documents?clientId=${clientId}`)).body.items).toEqual([]);
    expect((await api.get(`/livePhotos?clientId=${clientId}`)).body.items).toEqual([]);
  }

  it('answers an unknown link 404 and another method 405, as pages', async () => {
    const unknown = await fetch(`${sandbox.url}/complycube/flow/${'0'.repeat(48)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('This verification link is not valid.');
    expect((await fetch(`${sandbox.url}/complycube/flow/not-a-token`)).status).toBe(404);
    const { redirectUrl } = await openSession();
    const put = await fetch(redirectUrl, { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('refuses a form sent by another site, or without its page’s token, and changes nothing', async () => {
    const { api, clientId, redirectUrl, formToken } = await openSession();
    const forged = await fetch(redirectUrl, { method: 'POST', body: allClear(formToken), redirect: 'manual', headers: { origin: 'http://evil.example' } });
    expect(forged.status).toBe(403);
    const crossSite = await fetch(redirectUrl, { method: 'POST', body: allClear(formToken), redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const tokenless = await fetch(redirectUrl, { method: 'POST', body: allClear('0'.repeat(32)), redirect: 'manual', headers: sameOrigin(redirectUrl) });
    expect(tokenless.status).toBe(403);
    await nothingMade(api, clientId);
  });

  it('refuses another content type, an oversized form, a file that is no image, a too-small image and an outcome not offered', async () => {
    const { api, clientId, redirectUrl, formToken } = await openSession();
    const json = await fetch(redirectUrl, { method: 'POST', body: '{}', headers: { ...sameOrigin(redirectUrl), 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    const huge = new FormData();
    huge.set('formToken', formToken);
    huge.set('documentImage', new Blob([new Uint8Array(jpeg(13 * 1024 * 1024))], { type: 'image/jpeg' }), 'huge.jpg');
    expect((await fetch(redirectUrl, { method: 'POST', body: huge, headers: sameOrigin(redirectUrl) })).status).toBe(413);

    const withImage = (bytes: Buffer, outcomes = allClear(formToken)) => {
      const form = new FormData();
      for (const [name, value] of outcomes) form.set(name, value);
      form.set('selfieImage', new Blob([new Uint8Array(bytes)]), 'me.jpg');
      return fetch(redirectUrl, { method: 'POST', body: form, redirect: 'manual', headers: sameOrigin(redirectUrl) });
    };
    const gif = await withImage(Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(40 * 1024)]));
    expect(gif.status).toBe(415);
    expect(await gif.text()).toContain('The selfieImage must be a JPG or PNG image');
    const tiny = await withImage(jpeg(10 * 1024));
    expect(tiny.status).toBe(400);
    expect(await tiny.text()).toContain('Image file size should be between 34KB and 4MB');
    const screeningRejected = allClear(formToken);
    screeningRejected.set('outcome.extensive_screening_check', 'rejected');
    expect((await withImage(jpeg(), screeningRejected)).status).toBe(400);
    await nothingMade(api, clientId);
  });

  it('refuses person-only checks for a company before making anything', async () => {
    const { api, clientId, redirectUrl, formToken } = await openSession(['document_check', 'face_authentication_check'], newCompany());
    const form = new URLSearchParams({ formToken, 'outcome.document_check': 'clear', 'outcome.face_authentication_check': 'clear' });
    const refused = await fetch(redirectUrl, { method: 'POST', body: form, redirect: 'manual', headers: sameOrigin(redirectUrl) });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('A face_authentication_check can only be performed on a client of type person');
    await nothingMade(api, clientId);
  });

  it('is used once: a completed session’s page and form answer 410', async () => {
    const { api, clientId, redirectUrl, formToken } = await openSession();
    const first = await fetch(redirectUrl, { method: 'POST', body: allClear(formToken), redirect: 'manual', headers: sameOrigin(redirectUrl) });
    expect(first.status).toBe(303);
    const again = await fetch(redirectUrl, { method: 'POST', body: allClear(formToken), redirect: 'manual', headers: sameOrigin(redirectUrl) });
    expect(again.status).toBe(410);
    expect((await fetch(redirectUrl)).status).toBe(410);
    expect(await checksOf(api, clientId)).toHaveLength(3);
  });

  it('expires 14 days after it opened', async () => {
    const quick = await launch();
    try {
      const api = complyCube(quick);
      const redirectUrl = await flowSession(api, await person(api));
      quick.sandbox.advanceClock(14 * 24 * 3600 * 1000 - 1000);
      expect((await fetch(redirectUrl)).status).toBe(200);
      quick.sandbox.advanceClock(1000);
      const expired = await fetch(redirectUrl);
      expect(expired.status).toBe(410);
      expect(await expired.text()).toContain('This verification link has expired');
    } finally {
      await quick.stop();
    }
  });
});
