import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventVerifier } from '@complycube/api';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, jpeg, newPerson, png, webhookReceiver } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ webhookRetryBaseMs: 20, checkDelayMs: 60_000 });
});
afterAll(() => sandbox.stop());

type Api = ReturnType<typeof complyCube>;

async function personWith(api: Api, personDetails: Record<string, string> = {}) {
  const { body } = await api.post('/clients', newPerson({ personDetails: { ...newPerson().personDetails, ...personDetails } }));
  return body as { id: string; entityName: string };
}

async function documentWithFront(api: Api, clientId: string) {
  const { body: document } = await api.post('/documents', { clientId, type: 'passport', issuingCountry: 'GB' });
  await api.post(`/documents/${document.id}/upload/front`, { fileName: 'front.jpg', data: jpeg().toString('base64') });
  return document.id as string;
}

describe('addresses', () => {
  it('creates, reads, updates, filters and deletes, and refuses an unknown client', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const created = await api.post('/addresses', { clientId: client.id, type: 'main', line: '10 Downing St', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ clientId: client.id, type: 'main', line: '10 Downing St', country: 'GB' });
    const id = created.body.id;
    const updated = await api.post(`/addresses/${id}`, { city: 'Westminster', postalCode: null });
    expect(updated.body).toMatchObject({ city: 'Westminster', line: '10 Downing St' });
    expect(updated.body.postalCode).toBeUndefined();
    expect((await api.get(`/addresses?clientId=${client.id}`)).body).toMatchObject({ totalItems: 1, items: [{ id }] });
    expect((await api.get(`/addresses?clientId=${client.id}&city=London`)).body.totalItems).toBe(0);
    expect((await api.delete(`/addresses/${id}`)).status).toBe(204);
    expect((await api.get(`/addresses/${id}`)).body).toEqual({ type: 'resource_not_found', message: `Invalid address id '${id}'` });

    const orphan = await api.post('/addresses', { clientId: '5f0000000000000000000000', type: 'main', line: 'x', city: 'y', country: 'GB' });
    expect(orphan.status).toBe(404);
    expect(orphan.body.message).toBe("Invalid client id '5f0000000000000000000000'");
    const missing = await api.post('/addresses', { clientId: client.id, type: 'main', city: 'y', country: 'GB' });
    expect(missing.body).toMatchObject({ type: 'invalid_request', param: 'line' });
  });

  it("hides another key's client and addresses", async () => {
    const alice = complyCube(sandbox);
    const bob = complyCube(sandbox);
    const client = await personWith(alice);
    const { body: address } = await alice.post('/addresses', { clientId: client.id, type: 'main', line: 'a', city: 'b', country: 'FR' });
    expect((await bob.get(`/addresses/${address.id}`)).status).toBe(404);
    expect((await bob.post('/addresses', { clientId: client.id, type: 'main', line: 'a', city: 'b', country: 'FR' })).status).toBe(404);
  });
});

describe('documents and live photos', () => {
  it('gives back the bytes of an uploaded image, byte for byte, and deletes it', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const created = await api.post('/documents', { clientId: client.id, type: 'driving_license', classification: 'proof_of_identity', issuingCountry: 'GB' });
    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('images');
    const id = created.body.id;
    const front = jpeg(50_000, 11);
    const uploaded = await api.post(`/documents/${id}/upload/front`, { fileName: 'front-test.jpg', data: front.toString('base64') });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ fileName: 'front-test.jpg', documentSide: 'front', contentType: 'image/jpg', size: front.length });
    expect(uploaded.body.downloadLink).toBe(`/documents/${id}/images/${uploaded.body.id}/download`);
    const back = png();
    await api.post(`/documents/${id}/upload/back`, { fileName: 'back.png', data: back.toString('base64') });

    const document = await api.get(`/documents/${id}`);
    expect(document.body.images.map((image: { documentSide: string }) => image.documentSide)).toEqual(['front', 'back']);
    const download = await api.get(`/documents/${id}/download/front`);
    expect(download.body).toMatchObject({ fileName: 'front-test.jpg', contentType: 'image/jpg' });
    expect(Buffer.from(download.body.data, 'base64').equals(front)).toBe(true);
    expect(Buffer.from((await api.get(`/documents/${id}/download/back`)).body.data, 'base64').equals(back)).toBe(true);

    expect((await api.delete(`/documents/${id}/back`)).status).toBe(204);
    expect((await api.get(`/documents/${id}/download/back`)).status).toBe(404);
    expect((await api.get(`/documents/${id}`)).body.images).toHaveLength(1);
    expect((await api.get(`/documents?clientId=${client.id}&type=driving_license`)).body.totalItems).toBe(1);
  });

  it('holds images to the documented formats and sizes', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const { body: document } = await api.post('/documents', { clientId: client.id, type: 'passport' });
    const small = await api.post(`/documents/${document.id}/upload/front`, { fileName: 'a.jpg', data: jpeg(1000).toString('base64') });
    expect(small.body).toEqual({ type: 'invalid_request', message: 'Image file size should be between 34KB and 4MB', param: 'data' });
    const gif = await api.post(`/documents/${document.id}/upload/front`, { fileName: 'a.gif', data: jpeg().toString('base64') });
    expect(gif.body).toMatchObject({ type: 'invalid_request', param: 'fileName' });
    const side = await api.post(`/documents/${document.id}/upload/middle`, { fileName: 'a.jpg', data: jpeg().toString('base64') });
    expect(side.body).toMatchObject({ type: 'invalid_request', param: 'side' });
    const notBase64 = await api.post(`/documents/${document.id}/upload/front`, { fileName: 'a.jpg', data: '***' });
    expect(notBase64.body.param).toBe('data');
    expect((await api.get(`/documents/${document.id}`)).body).not.toHaveProperty('images');
  });

  it('redacts one side of a document with the SDK\'s `images`, and refuses a redaction without the required attributes or with one the page does not list', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const id = await documentWithFront(api, client.id);
    expect((await api.post(`/documents/${id}/redact`, { images: ['front'] })).body).toEqual({
      type: 'invalid_request',
      message: "'attributes' is required",
      param: 'attributes',
    });
    expect((await api.post(`/documents/${id}/redact`, { attributes: ['dob'] })).body).toMatchObject({ type: 'invalid_request', param: 'attributes.0' });
    expect((await api.get(`/documents/${id}/download/front`)).status).toBe(200);
    const redacted = await api.post(`/documents/${id}/redact`, { attributes: null, images: ['front'] });
    expect(redacted.status).toBe(200);
    expect(redacted.body).not.toHaveProperty('images');
    expect((await api.get(`/documents/${id}/download/front`)).status).toBe(404);
  });

  it('gives back a live photo byte for byte, lists, redacts and deletes it', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const selfie = jpeg(36_000, 42);
    const uploaded = await api.post('/livePhotos', { clientId: client.id, data: selfie.toString('base64'), performLivenessCheck: true });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ clientId: client.id, contentType: 'image/jpg', performLivenessCheck: true, size: selfie.length });
    const id = uploaded.body.id;
    expect(uploaded.body.downloadLink).toBe(`/livePhotos/${id}/download`);
    const download = await api.get(`/livePhotos/${id}/download`);
    expect(Buffer.from(download.body.data, 'base64').equals(selfie)).toBe(true);
    expect((await api.get(`/livePhotos?clientId=${client.id}`)).body).toMatchObject({ totalItems: 1, items: [{ id }] });
    const redacted = await api.post(`/livePhotos/${id}/redact`);
    expect(redacted.body.size).toBe(0);
    expect((await api.get(`/livePhotos/${id}/download`)).status).toBe(404);
    expect((await api.delete(`/livePhotos/${id}`)).status).toBe(204);
    expect((await api.get(`/livePhotos/${id}`)).body.message).toBe(`Invalid live photo id '${id}'`);
    const text = await api.post('/livePhotos', { clientId: client.id, data: Buffer.alloc(40_000, 65).toString('base64') });
    expect(text.body).toMatchObject({ type: 'invalid_request', param: 'data' });
  });

  it("serves the documented client's seeded live video", async () => {
    const api = complyCube(sandbox);
    const list = await api.get(`/liveVideos?clientId=${JANE_DOE_ID}`);
    expect(list.body.totalItems).toBe(1);
    const id = list.body.items[0].id;
    const redacted = await api.post(`/liveVideos/${id}/redact`);
    expect(redacted.body.challenges.every((challenge: { value: unknown }) => challenge.value === null)).toBe(true);
    expect((await api.delete(`/liveVideos/${id}`)).status).toBe(204);
    expect((await api.get(`/liveVideos/${id}`)).status).toBe(404);
  });
});

describe('checks', () => {
  it('start pending and complete with a clear outcome for a plain client; the risk profile follows', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    expect((await api.get(`/clients/${client.id}/riskProfile`)).body).toMatchObject({
      overall: 'low',
      countryRisk: { risk: 'low', country: 'GB' },
      politicalExposureRisk: { risk: 'not_set' },
    });
    const created = await api.post('/checks', { clientId: client.id, type: 'standard_screening_check' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ clientId: client.id, entityName: 'John Smith', type: 'standard_screening_check', status: 'pending' });
    expect(created.body.result).toBeUndefined();
    sandbox.sandbox.completePendingTasks();
    const done = await api.get(`/checks/${created.body.id}`);
    expect(done.body).toMatchObject({ status: 'complete', result: { outcome: 'clear', breakdown: { summary: { pep: { level1: 'clear' } }, matches: [] } } });
    expect((await api.get(`/clients/${client.id}/riskProfile`)).body).toMatchObject({
      overall: 'low',
      politicalExposureRisk: { risk: 'low', checkId: created.body.id },
      watchlistRisk: { risk: 'low', checkId: created.body.id },
    });
  });

  it.each([
    [{ lastName: 'attention' }, 'standard_screening_check', 'complete', 'attention', 'low'],
    [{ lastName: 'Attention', middleName: 'medium-risk' }, 'extensive_screening_check', 'complete', 'attention', 'medium'],
    [{ lastName: 'attention', middleName: 'high-risk' }, 'standard_screening_check', 'complete', 'attention', 'high'],
    [{ lastName: 'failed' }, 'standard_screening_check', 'complete', 'not_processed', 'low'],
  ])('magic %o makes a %s end %s with %s; overall risk %s', async (details, type, status, outcome, overall) => {
    const api = complyCube(sandbox);
    const client = await personWith(api, details);
    const { body: check } = await api.post('/checks', { clientId: client.id, type });
    sandbox.sandbox.completePendingTasks();
    expect((await api.get(`/checks/${check.id}`)).body).toMatchObject({ status, result: { outcome } });
    expect((await api.get(`/clients/${client.id}/riskProfile`)).body.overall).toBe(overall);
  });

  it('runs document, identity and other checks, with their references held to the client', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api, { lastName: 'attention' });
    const other = await personWith(api);
    const documentId = await documentWithFront(api, client.id);
    const { body: photo } = await api.post('/livePhotos', { clientId: client.id, data: jpeg().toString('base64') });
    const { body: address } = await api.post('/addresses', { clientId: client.id, type: 'main', line: 'a', city: 'b', country: 'IR' });
    const requests = [
      { type: 'document_check', documentId },
      { type: 'identity_check', documentId, livePhotoId: photo.id },
      { type: 'proof_of_address_check', documentId },
      { type: 'face_authentication_check', livePhotoId: photo.id },
      { type: 'age_estimation_check', livePhotoId: photo.id },
      { type: 'multi_bureau_check', addressId: address.id },
    ];
    const ids: string[] = [];
    for (const request of requests) {
      const created = await api.post('/checks', { clientId: client.id, ...request });
      expect(created.status).toBe(200);
      ids.push(created.body.id);
    }
    sandbox.sandbox.completePendingTasks();
    for (const id of ids) expect((await api.get(`/checks/${id}`)).body.result.outcome).toBe('attention');
    const documentCheck = (await api.get(`/checks/${ids[0]}`)).body;
    expect(documentCheck.result.breakdown.extractedData.documentDetails).toEqual({ documentType: 'passport', issuingCountry: 'GB' });
    // Testing data: any country gives a low risk; only the middle name raises it.
    expect((await api.get(`/clients/${client.id}/riskProfile`)).body.countryRisk).toMatchObject({ risk: 'low' });

    expect((await api.post('/checks', { clientId: client.id, type: 'document_check' })).body).toMatchObject({ param: 'documentId' });
    expect((await api.post('/checks', { clientId: client.id, type: 'identity_check', documentId })).body).toMatchObject({ param: 'livePhotoId' });
    const foreign = await api.post('/checks', { clientId: other.id, type: 'document_check', documentId });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toBe(`Invalid document id '${documentId}'`);
    const { body: bare } = await api.post('/documents', { clientId: client.id, type: 'passport' });
    expect((await api.post('/checks', { clientId: client.id, type: 'document_check', documentId: bare.id })).body).toMatchObject({ param: 'documentId' });

    const list = await api.get(`/checks?clientId=${client.id}&type=identity_check`);
    expect(list.body).toMatchObject({ totalItems: 1, items: [{ id: ids[1] }] });
    expect((await api.get(`/checks?clientId=${client.id}&result.outcome=attention`)).body.totalItems).toBe(6);
  });

  it('validates screening matches and updates only screening checks', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api, { lastName: 'attention' });
    const { body: check } = await api.post('/checks', { clientId: client.id, type: 'standard_screening_check' });
    expect((await api.post(`/checks/${check.id}/validate`, { outcome: 'rejected', matchId: 'x' })).status).toBe(422);
    expect((await api.post(`/checks/${check.id}`, { enableMonitoring: true })).body.message).toMatch(/^pending_check_unmodifiable/);
    sandbox.sandbox.completePendingTasks();
    const matches = (await api.get(`/checks/${check.id}`)).body.result.breakdown.matches as { id: string }[];
    expect(matches).toHaveLength(2);
    expect((await api.post(`/checks/${check.id}/validate`, { outcome: 'rejected' })).body.param).toBe('matchId');
    for (const match of matches) {
      const validated = await api.post(`/checks/${check.id}/validate`, { outcome: 'rejected', matchId: match.id, comment: 'false positive' });
      expect(validated.body).toEqual({ outcome: 'rejected', matchId: match.id, comment: 'false positive' });
    }
    expect((await api.get(`/checks/${check.id}`)).body.result.outcome).toBe('clear');
    const updated = await api.post(`/checks/${check.id}`, { enableMonitoring: true });
    expect(updated.body.enableMonitoring).toBe(true);

    const documentId = await documentWithFront(api, client.id);
    const { body: documentCheck } = await api.post('/checks', { clientId: client.id, type: 'document_check', documentId });
    sandbox.sandbox.completePendingTasks();
    const refused = await api.post(`/checks/${documentCheck.id}`, { enableMonitoring: true });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^invalid_check_update/);
    await api.post(`/checks/${documentCheck.id}/validate`, { outcome: 'confirmed' });
    expect((await api.get(`/checks/${documentCheck.id}`)).body.result.outcome).toBe('clear');
  });

  it('completes on its own after the check delay', async () => {
    const quick = await launch({ checkDelayMs: 30 });
    try {
      const api = complyCube(quick);
      const client = await personWith(api);
      const { body: check } = await api.post('/checks', { clientId: client.id, type: 'standard_screening_check' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect((await api.get(`/checks/${check.id}`)).body.status).toBe('complete');
    } finally {
      await quick.stop();
    }
  });

  it("deletes a client's children with the client", async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const documentId = await documentWithFront(api, client.id);
    const { body: check } = await api.post('/checks', { clientId: client.id, type: 'document_check', documentId });
    expect((await api.delete(`/clients/${client.id}`)).status).toBe(204);
    expect((await api.get(`/documents/${documentId}`)).status).toBe(404);
    expect((await api.get(`/checks/${check.id}`)).status).toBe(404);
    sandbox.sandbox.completePendingTasks();
    expect((await api.get(`/checks?clientId=${client.id}`)).body.totalItems).toBe(0);
  });
});

describe('webhooks', () => {
  it('shows the secret only at creation, and refuses targets that are not http or https', async () => {
    const api = complyCube(sandbox);
    const created = await api.post('/webhooks', { url: 'https://example.com/hook', events: ['check.completed'], description: 'mine' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ url: 'https://example.com/hook', enabled: true, events: ['check.completed'], description: 'mine' });
    expect(created.body.secret).toMatch(/^[A-Za-z0-9]{32}$/);
    const got = await api.get(`/webhooks/${created.body.id}`);
    expect(got.body.secret).toBeUndefined();
    expect((await api.get('/webhooks')).body.items[0].secret).toBeUndefined();
    const updated = await api.post(`/webhooks/${created.body.id}`, { enabled: false, events: ['*'] });
    expect(updated.body).toMatchObject({ enabled: false, events: ['*'] });
    expect(updated.body.secret).toBeUndefined();
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      expect((await api.post('/webhooks', { url, events: ['*'] })).body).toMatchObject({ type: 'invalid_request', param: 'url' });
      expect((await api.post(`/webhooks/${created.body.id}`, { url })).body).toMatchObject({ param: 'url' });
    }
    expect((await api.post('/webhooks', { url: 'https://example.com', events: ['check.exploded'] })).body.param).toBe('events.0');
    expect((await api.delete(`/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await api.get(`/webhooks/${created.body.id}`)).status).toBe(404);
  });

  it('holds a key to the documented 20 webhooks, the seeded one counted, and makes room when one is deleted (docs.complycube.com/api-reference/v.1.7.2/other-resources/webhooks/create-a-webhook)', async () => {
    const api = complyCube(sandbox);
    const create = () => api.post('/webhooks', { url: 'https://example.com/hooks', events: ['check.completed'] });
    const created = [];
    for (let count = 1; count < 20; count++) created.push(await create());
    expect(created.map((response) => response.status)).toEqual(Array(19).fill(200));
    expect((await api.get('/webhooks')).body.totalItems).toBe(20);
    const refused = await create();
    expect([refused.status, refused.body]).toEqual([400, { type: 'invalid_request', message: 'You can create up to a maximum of 20 webhooks' }]);
    expect((await api.get('/webhooks')).body.totalItems).toBe(20);
    expect((await api.delete(`/webhooks/${created[0]!.body.id}`)).status).toBe(204);
    expect((await create()).status).toBe(200);
  });

  it('disables a webhook once its 10 retries have failed, as ComplyCube does', async () => {
    const quick = await launch({ webhookRetryBaseMs: 1, checkDelayMs: 60_000 });
    const receiver = await webhookReceiver(Number.MAX_SAFE_INTEGER);
    try {
      const api = complyCube(quick);
      const { body: webhook } = await api.post('/webhooks', { url: receiver.url, events: ['client.created'] });
      await api.post('/clients', newPerson());
      const delivery = () => quick.sandbox.webhookDeliveries({ vendor: 'complycube' }).find((each) => each.url === receiver.url)!;
      for (let wait = 0; delivery()?.state !== 'failed' && wait < 300; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(delivery().attempts.map((attempt) => attempt.status)).toEqual(Array(11).fill(500));
      expect(receiver.received).toHaveLength(11);
      expect((await api.get(`/webhooks/${webhook.id}`)).body.enabled).toBe(false);
    } finally {
      await receiver.close();
      await quick.stop();
    }
  });

  it('delivers check.completed signed with the secret, verifiable with the SDK, and retries a failing receiver', async () => {
    const api = complyCube(sandbox);
    const receiver = await webhookReceiver(1);
    try {
      const { body: webhook } = await api.post('/webhooks', { url: receiver.url, events: ['check.complete', 'check.completed.attention'] });
      const client = await personWith(api, { lastName: 'attention' });
      const { body: check } = await api.post('/checks', { clientId: client.id, type: 'standard_screening_check' });
      sandbox.sandbox.completePendingTasks();
      const completed = await receiver.waitFor((hook) => JSON.parse(hook.body).type === 'check.completed');
      const signature = completed.headers['complycube-signature'] as string;
      const event = new EventVerifier(webhook.secret).constructEvent(completed.body, signature);
      expect(event).toMatchObject({ type: 'check.completed', resourceType: 'check', payload: { id: check.id, status: 'complete', outcome: 'attention' } });
      expect(() => new EventVerifier('wrong'.padEnd(32, 'x')).constructEvent(completed.body, signature)).toThrow('Invalid signature');
      await receiver.waitFor((hook) => JSON.parse(hook.body).type === 'check.completed.attention');
      // The receiver failed the first request it got: the same body came again, and was taken.
      const failed = receiver.received[0]!.body;
      await receiver.waitFor((hook) => hook !== receiver.received[0] && hook.body === failed);
      const retried = () =>
        sandbox.sandbox.webhookDeliveries({ vendor: 'complycube' }).find((delivery) => delivery.url === receiver.url && delivery.body === failed)!;
      for (let wait = 0; retried().state === 'pending' && wait < 50; wait++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(retried().attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
      expect(retried().maxAttempts).toBe(11);
    } finally {
      await receiver.close();
    }
  });
});

describe('reports, tokens, team members and audit logs', () => {
  it('generates a client report that is a PDF, and a check report', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const { body: check } = await api.post('/checks', { clientId: client.id, type: 'standard_screening_check' });
    expect((await api.get(`/reports?checkId=${check.id}`)).status).toBe(422);
    sandbox.sandbox.completePendingTasks();
    const report = await api.get(`/reports?clientId=${client.id}`);
    expect(report.body.contentType).toBe('application/pdf');
    const pdf = Buffer.from(report.body.data, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    // A PDF reader opens it: poppler renders its first page (.ci/run installs poppler-utils).
    const folder = mkdtempSync(join(tmpdir(), 'kyc-report-'));
    writeFileSync(join(folder, 'report.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', join(folder, 'report.pdf'), join(folder, 'page')]);
    const page = readdirSync(folder).find((name) => name.startsWith('page') && name.endsWith('.png'));
    expect(page).toBeDefined();
    expect(statSync(join(folder, page!)).size).toBeGreaterThan(1000);
    const checkReport = await api.get(`/reports?checkId=${check.id}`);
    expect(Buffer.from(checkReport.body.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api.get('/reports')).body.type).toBe('invalid_request');
    expect((await api.get(`/reports?clientId=${client.id}&checkId=${check.id}`)).status).toBe(400);
  });

  // The claims of a real SDK token: complycube/complycube-android-sdk, app/src/main/java/com/complycube/
  // complycubesampleapp/FirstFragment.kt (commit 0c963039), whose token decodes to exactly these, iat 1762241728.
  it('generates SDK tokens with the claims of a real one: an opaque payload, urls, options, and an hour from iat to exp', async () => {
    const api = complyCube(sandbox);
    const client = await personWith(api);
    const other = await personWith(api);
    const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString());
    const tokenFor = async (request: Record<string, string>) => {
      const { body } = await api.post('/tokens', request);
      const [header, claims] = body.token.split('.');
      return { header: decode(header), claims: decode(claims) };
    };
    const web = await tokenFor({ clientId: client.id, referrer: 'https://www.example.com/*' });
    expect(web.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(Object.keys(web.claims)).toEqual(['payload', 'urls', 'options', 'iat', 'exp']);
    expect(web.claims.urls).toEqual({ api: 'https://api.complycube.com', sync: 'wss://xds.complycube.com', crossDevice: 'https://xd.complycube.com' });
    expect(web.claims.options).toEqual({
      hideComplyCubeLogo: false,
      enableCustomLogo: true,
      enableTextBrand: true,
      enableCustomCallbacks: true,
      enableNfc: true,
      identityCheckLivenessAttempts: 5,
      documentInflightTestAttempts: 2,
      nfcReadAttempts: 5,
      enableAddressAutocomplete: true,
      enableWhiteLabeling: false,
    });
    expect(Math.abs(web.claims.iat - Date.now() / 1000)).toBeLessThan(60);
    expect(web.claims.exp - web.claims.iat).toBe(3600);
    expect(Buffer.from(web.claims.payload, 'base64').toString()).toMatch(/^[0-9a-f]+$/);
    expect(JSON.stringify(web.claims)).not.toContain(client.id);
    expect(JSON.stringify(web.claims)).not.toContain('example.com');
    const mobile = await tokenFor({ clientId: client.id, appId: 'com.myapp.demo.app' });
    const otherClient = await tokenFor({ clientId: other.id, referrer: 'https://www.example.com/*' });
    expect(Object.keys(mobile.claims)).toEqual(['payload', 'urls', 'options', 'iat', 'exp']);
    expect(new Set([web.claims.payload, mobile.claims.payload, otherClient.claims.payload]).size).toBe(3);
    expect((await api.post('/tokens', { clientId: 'nope' })).body).toEqual({ type: 'invalid_request', message: "'clientId' is invalid", param: 'clientId' });
  });

  it('lists and filters the seeded team members', async () => {
    const api = complyCube(sandbox);
    const all = await api.get('/teamMembers');
    expect(all.body.totalItems).toBe(5);
    expect((await api.get('/teamMembers/VNARgK33nMASdJKdi')).body).toEqual({
      id: 'VNARgK33nMASdJKdi', firstName: 'John', lastName: 'Doe', role: 'owner', createdAt: '2020-01-01T10:15:42.087Z',
    });
    expect((await api.get('/teamMembers?role=analyst')).body.items.map((member: { lastName: string }) => member.lastName)).toEqual(['Raman']);
    expect((await api.get('/teamMembers/nobody')).status).toBe(404);
  });

  it('writes an audit log, with the acting member and the diff, for each change', async () => {
    const api = complyCube(sandbox);
    const { body: client } = await api.post('/clients', newPerson({ lastActionBy: 'Tz5WmJ9cGx1BdLs8P' }));
    expect(client.lastActionBy).toBeUndefined();
    await api.post(`/clients/${client.id}`, { email: 'new@example.com' });
    expect((await api.post(`/clients/${client.id}`, { email: 'x@example.com', lastActionBy: 'ghost' })).body.param).toBe('lastActionBy');
    const logs = (await api.get(`/auditLogs?resourceId=${client.id}`)).body.items;
    expect(logs.map((log: { action: string }) => log.action)).toEqual(['update', 'create']);
    expect(logs[1]).toMatchObject({ memberId: 'Tz5WmJ9cGx1BdLs8P', resourceType: 'client', clientId: client.id, trigger: 'createClient' });
    expect(logs[0]).toMatchObject({ memberId: null, trigger: 'updateClient' });
    expect(logs[0].diff).toContainEqual({ action: 'update', path: ['email'], old: 'john.smith@example.com', new: 'new@example.com' });
    expect((await api.get(`/auditLogs/${logs[0].id}`)).body).toEqual(logs[0]);
    expect((await api.get('/auditLogs?trigger=createClient&memberId=Tz5WmJ9cGx1BdLs8P')).body.totalItems).toBe(1);
  });
});
