import { ComplyCube, ComplyCubeApiError, EventVerifier } from '@complycube/api';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube as viaHelper, JANE_DOE_ID, jpeg, webhookReceiver } from '../helpers/complycube.js';

/**
 * The official Node SDK, unchanged, pointed at the sandbox: every method it offers, in the order an
 * integration would call them. Its answers bypass the contract check, so the helper re-reads a
 * representative set through `sandbox.request`.
 */
let sandbox: TestSandbox;
let cc: ComplyCube;
const apiKey = 'test_sdk_suite';
/** Every change the suite makes, as [resourceId, trigger], to find in the audit log at the end. */
const changes: [string, string][] = [];

beforeAll(async () => {
  sandbox = await launch({ webhookRetryBaseMs: 20, checkDelayMs: 60_000 });
  cc = new ComplyCube({ apiKey });
  cc.axiosInstance.defaults.baseURL = `${sandbox.url}/v1`;
});
afterAll(() => sandbox.stop());

const ids: Record<string, string> = {};

describe('the official SDK against the sandbox', () => {
  it('client: create, get, update, list', async () => {
    const client = await cc.client.create({
      type: 'person',
      email: 'sdk@example.com',
      personDetails: { firstName: 'Sam', lastName: 'Attention', middleName: 'high-risk', nationality: 'GB', dob: '1990-01-01' },
    });
    ids.client = client.id;
    changes.push([client.id, 'createClient']);
    expect((await cc.client.get(client.id)).email).toBe('sdk@example.com');
    expect((await cc.client.update(client.id, { mobile: '+44 7700 900000' })).mobile).toBe('+44 7700 900000');
    changes.push([client.id, 'updateClient']);
    const clients = await cc.client.list({ page: 1, pageSize: 5 });
    expect(clients).toHaveLength(5);
    expect(clients[0]!.id).toBe(client.id);
  });

  it('address: create, get, update, list, delete', async () => {
    const address = await cc.address.create(ids.client!, { type: 'main', line: '1 Main St', city: 'London', country: 'GB' });
    changes.push([address.id, 'createAddress']);
    expect((await cc.address.get(address.id)).line).toBe('1 Main St');
    expect((await cc.address.update(address.id, { city: 'Leeds' })).city).toBe('Leeds');
    changes.push([address.id, 'updateAddress']);
    expect((await cc.address.list(ids.client!)).map((item) => item.id)).toEqual([address.id]);
    await cc.address.delete(address.id);
    changes.push([address.id, 'deleteAddress']);
    ids.address = (await cc.address.create(ids.client!, { type: 'main', line: '2 Main St', city: 'London', country: 'GB' })).id;
    changes.push([ids.address, 'createAddress']);
  });

  it('document: create, get, update, upload, download, deleteImage, redact, list, delete', async () => {
    const document = await cc.document.create(ids.client!, { type: 'passport', issuingCountry: 'GB' });
    changes.push([document.id, 'createDocument']);
    expect((await cc.document.get(document.id)).type).toBe('passport');
    expect((await cc.document.update(document.id, { classification: 'proof_of_identity' })).classification).toBe('proof_of_identity');
    changes.push([document.id, 'updateDocument']);
    const front = jpeg(45_000, 5);
    const image = await cc.document.upload(document.id, { fileName: 'front.jpg', data: front.toString('base64') }, 'front');
    changes.push([document.id, 'uploadDocumentImage']);
    expect(image).toMatchObject({ documentSide: 'front', size: front.length });
    await cc.document.upload(document.id, { fileName: 'back.jpg', data: jpeg().toString('base64') }, 'back');
    changes.push([document.id, 'uploadDocumentImage']);
    const downloaded = (await cc.document.download(document.id, 'front')) as unknown as { data: string };
    expect(Buffer.from(downloaded.data, 'base64').equals(front)).toBe(true);
    await cc.document.deleteImage(document.id, 'back');
    changes.push([document.id, 'deleteDocumentImage']);
    expect(await cc.document.list(ids.client!)).toHaveLength(1);
    ids.document = document.id;

    const spare = await cc.document.create(ids.client!, { type: 'driving_license' });
    changes.push([spare.id, 'createDocument']);
    await cc.document.upload(spare.id, { fileName: 'front.png', data: jpeg().toString('base64') }, 'front');
    changes.push([spare.id, 'uploadDocumentImage']);
    await cc.document.redact(spare.id, { attributes: ['images'] });
    changes.push([spare.id, 'redactDocument']);
    await cc.document.delete(spare.id);
    changes.push([spare.id, 'deleteDocument']);
  });

  it('livePhoto: upload, get, download, list, redact, delete', async () => {
    const selfie = jpeg(38_000, 9);
    const photo = await cc.livePhoto.upload(ids.client!, { data: selfie.toString('base64'), performLivenessCheck: false });
    changes.push([photo.id, 'uploadLivePhoto']);
    expect((await cc.livePhoto.get(photo.id)).clientId).toBe(ids.client);
    const downloaded = (await cc.livePhoto.download(photo.id)) as unknown as { data: string };
    expect(Buffer.from(downloaded.data, 'base64').equals(selfie)).toBe(true);
    expect(await cc.livePhoto.list(ids.client!)).toHaveLength(1);
    ids.livePhoto = photo.id;
    const spare = await cc.livePhoto.upload(ids.client!, { data: selfie.toString('base64') });
    changes.push([spare.id, 'uploadLivePhoto']);
    await cc.livePhoto.redact(spare.id);
    changes.push([spare.id, 'redactLivePhoto']);
    await cc.livePhoto.delete(spare.id);
    changes.push([spare.id, 'deleteLivePhoto']);
  });

  it('liveVideo: list, get, redact, delete', async () => {
    const [video] = await cc.liveVideo.list(JANE_DOE_ID);
    expect((await cc.liveVideo.get(video!.id)).language).toBe('en');
    await cc.liveVideo.redact(video!.id);
    changes.push([video!.id, 'redactLiveVideo']);
    await cc.liveVideo.delete(video!.id);
    changes.push([video!.id, 'deleteLiveVideo']);
    expect(await cc.liveVideo.list(JANE_DOE_ID)).toEqual([]);
  });

  it('webhook: create, get, update, list, and the event arrives signed', async () => {
    const receiver = await webhookReceiver();
    try {
      const webhook = await cc.webhook.create({ url: receiver.url, events: ['check.completed'], enabled: true, description: 'sdk' });
      changes.push([webhook.id, 'createWebhook']);
      expect(webhook.secret).toHaveLength(32);
      expect((await cc.webhook.get(webhook.id)).url).toBe(receiver.url);
      expect((await cc.webhook.update(webhook.id, { description: 'sdk suite' })).description).toBe('sdk suite');
      changes.push([webhook.id, 'updateWebhook']);
      // Newest first, then the documented example webhook every key is seeded with (fixtures/complycube/webhooks.json).
      expect((await cc.webhook.list()).map((item) => item.id)).toEqual([webhook.id, '5ed1712e99c81a0007b9a3d6']);

      const check = await cc.check.create(ids.client!, { type: 'standard_screening_check' });
      changes.push([check.id, 'createCheck']);
      expect(check.status).toBe('pending');
      sandbox.sandbox.completePendingTasks();
      changes.push([check.id, 'completeCheck']);
      const hook = await receiver.waitFor(() => true);
      const event = new EventVerifier(webhook.secret).constructEvent(hook.body, hook.headers['complycube-signature'] as string);
      expect(event.payload).toMatchObject({ id: check.id, outcome: 'attention' });
      ids.check = check.id;
      await cc.webhook.delete(webhook.id);
      changes.push([webhook.id, 'deleteWebhook']);
    } finally {
      await receiver.close();
    }
  });

  it('check: get, list, update, validate; other types; riskProfile.get', async () => {
    const check = await cc.check.get(ids.check!);
    expect(check.status).toBe('complete');
    expect((await cc.check.list(ids.client!)).map((item) => item.id)).toContain(check.id);
    expect((await cc.check.update(check.id, { enableMonitoring: true })).enableMonitoring).toBe(true);
    changes.push([check.id, 'updateCheck']);
    const matches = (check.result as unknown as { breakdown: { matches: { id: string }[] } }).breakdown.matches;
    expect(await cc.check.validate(check.id, { outcome: 'confirmed', matchId: matches[0]!.id })).toMatchObject({ outcome: 'confirmed' });
    changes.push([check.id, 'validateCheck']);
    expect(((await cc.check.get(check.id)).result as unknown as { outcome: string }).outcome).toBe('match_confirmed');

    const identity = await cc.check.create(ids.client!, { type: 'identity_check', documentId: ids.document, livePhotoId: ids.livePhoto });
    const bureau = await cc.check.create(ids.client!, { type: 'multi_bureau_check', addressId: ids.address });
    changes.push([identity.id, 'createCheck'], [bureau.id, 'createCheck']);
    sandbox.sandbox.completePendingTasks();
    expect((await cc.check.get(identity.id)).status).toBe('complete');

    const profile = await cc.riskProfile.get(ids.client!);
    expect(profile).toMatchObject({ overall: 'high', politicalExposureRisk: { risk: 'high', checkId: check.id } });
  });

  it('report.generate, token.generate, flow.createSession, workflowSession get/list/complete', async () => {
    const report = await cc.report.generate({ clientId: ids.client });
    expect(report.contentType).toBe('application/pdf');
    expect(Buffer.from(report.data!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.from((await cc.report.generate({ checkId: ids.check })).data!, 'base64').toString('latin1').trimEnd()).toMatch(/%%EOF$/);

    const token = await cc.token.generate(ids.client!, { referrer: 'https://example.com/*' });
    expect(String(token).split('.')).toHaveLength(3);

    const flow = await cc.flow.createSession(ids.client!, {
      workflowTemplateId: 'wt_sandbox',
      successUrl: 'https://example.com/ok',
      cancelUrl: 'https://example.com/cancel',
    });
    // The hosted flow's stand-in, on the sandbox's own address (test/complycube/hosted-flow.test.ts).
    expect(flow.redirectUrl).toMatch(new RegExp(`^${sandbox.url}/complycube/flow/[0-9a-f]{48}$`));
    const [session] = await cc.workflowSession.list(ids.client!, 'wt_sandbox');
    changes.push([session!.id, 'createFlowSession']);
    expect((await cc.workflowSession.get(session!.id)).status).toBe('started');
    expect(await cc.workflowSession.complete(session!.id)).toEqual({ status: 'complete' });
    changes.push([session!.id, 'completeWorkflowSession']);
    expect((await cc.workflowSession.get(session!.id)).outcome).toBe('attention');
  });

  it('teamMember get/list, lookup, static, autofill, accountInfo', async () => {
    const members = await cc.teamMember.list();
    expect(members.length).toBe(5);
    expect((await cc.teamMember.get('VNARgK33nMASdJKdi')).role).toBe('owner');

    const companies = (await cc.lookup.searchCompany({ companyName: 'Acme', incorporationCountry: 'GB' })) as { id: string; name: string }[];
    expect(companies[0]!.name).toBe('ACME LIMITED');
    expect(await cc.lookup.getCompany(companies[0]!.id)).toMatchObject({ id: companies[0]!.id, officers: expect.any(Array) });
    const addresses = (await cc.lookup.searchAddress({ line: 'High Street', postalCode: 'sw1a 1aa', country: 'GB' })) as unknown[];
    expect(addresses).toHaveLength(3);

    expect(await cc.static.listScreeningLists()).toContain('UN Security Council Consolidated List');
    expect(await cc.static.listSupportedDocuments()).toContain('passport');
    expect(await cc.autofill.performAutofill({ data: jpeg().toString('base64') })).toMatchObject({ documentType: 'passport' });
    // 1000 less the checks the key holds: the three above and Jane Doe's two seeded ones (fixtures/complycube/checks.json).
    expect(await cc.accountInfo.get()).toMatchObject({ plan: 'sandbox', remainingCredit: 995 });
  });

  it("maps the sandbox's errors to ComplyCubeApiError", async () => {
    const error = await cc.client.get('123456789').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ComplyCubeApiError);
    expect(error).toMatchObject({ statusCode: 404, type: 'resource_not_found' });
    const invalid = await cc.client.create({ type: 'person', email: 'a@example.com' }).catch((caught: unknown) => caught);
    expect(invalid).toMatchObject({ statusCode: 400, type: 'invalid_request', param: 'personDetails' });
  });

  it('client.delete, and every change above is in the audit log', async () => {
    await cc.client.delete(ids.client!);
    changes.push([ids.client!, 'deleteClient']);
    const logs = await cc.auditLog.list({ pageSize: 1000 });
    const seen = new Set(logs.map((log) => `${log.resourceId} ${log.trigger}`));
    expect(changes.filter(([id, trigger]) => !seen.has(`${id} ${trigger}`))).toEqual([]);
    expect((await cc.auditLog.get(logs[0]!.id)).trigger).toBe('deleteClient');
  });

  it('answers the same calls in the documented shapes (checked by the test helper)', async () => {
    const api = viaHelper(sandbox, apiKey);
    const client = (await api.post('/clients/', { type: 'person', email: 'doc@example.com', personDetails: { firstName: 'Doc', lastName: 'Check' } })).body;
    const { body: document } = await api.post('/documents/', { clientId: client.id, type: 'passport' });
    await api.post(`/documents/${document.id}/upload/front`, { fileName: 'f.jpg', data: jpeg().toString('base64') });
    await api.get(`/documents/${document.id}/download/front`);
    const { body: photo } = await api.post('/livePhotos/', { clientId: client.id, data: jpeg().toString('base64') });
    await api.get(`/livePhotos/${photo.id}/download`);
    const { body: check } = await api.post('/checks/', { clientId: client.id, type: 'identity_check', documentId: document.id, livePhotoId: photo.id });
    sandbox.sandbox.completePendingTasks();
    for (const path of [
      `/checks/${check.id}`,
      `/checks/?clientId=${client.id}`,
      `/clients/${client.id}/riskProfile`,
      `/reports/?clientId=${client.id}`,
      '/auditLogs/?pageSize=5',
      '/teamMembers/',
      '/liveVideos/',
      '/webhooks/',
      '/workflowSessions/',
      '/static/screeningLists',
      '/static/supportedDocuments',
      '/accountInfo',
    ]) {
      expect((await api.get(path)).status).toBe(200);
    }
    expect((await api.post('/tokens/', { clientId: client.id })).status).toBe(200);
    expect((await api.post('/lookup/companies', { companyName: 'nomatch', incorporationCountry: 'GB' })).body).toEqual([]);
    expect((await api.post('/lookup/addresses', { line: '1 A St', postalCode: 'X', country: 'US' })).status).toBe(200);
    expect((await api.post('/autofill/', { data: jpeg().toString('base64') })).status).toBe(200);
    expect((await api.post('/flow/sessions/', { clientId: client.id, checkTypes: ['document_check'], successUrl: 'https://a.example', cancelUrl: 'https://b.example' })).status).toBe(200);
  });
});
