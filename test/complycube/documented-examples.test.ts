import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, jpeg } from '../helpers/complycube.js';

/**
 * Every request example of ComplyCube's API reference that we found, sent as written (placeholders such as
 * CLIENT_ID replaced by real ids), with its documented response compared field by field. Timestamps and ids
 * the server assigns are compared by form, not value.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ checkDelayMs: 60_000 });
});
afterAll(() => sandbox.stop());

const ID = /^[0-9a-f]{24}$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('docs: Update a client (docs.complycube.com/api-reference/v.1.7.2/clients/update-a-client)', () => {
  it('answers the documented example response to the documented request', async () => {
    const api = complyCube(sandbox, '<YOUR_API_KEY>');
    const response = await api.post(`/clients/${JANE_DOE_ID}`, {
      email: 'jane.doe@example.com',
      personDetails: { firstName: 'Jane', lastName: 'Doe', dob: '1995-12-20', nationality: 'US' },
    });
    expect(response.status).toBe(200);
    const documented = {
      id: '5eb04fcd0f3e360008035eb1',
      type: 'person',
      email: 'jane.doe@example.com',
      mobile: '+12 345678910',
      telephone: '+12 345678910',
      joinedDate: '2020-01-01',
      personDetails: { firstName: 'Jane', lastName: 'Doe', dob: '1995-12-20', nationality: 'US' },
    };
    for (const [field, value] of Object.entries(documented)) expect([field, response.body[field]]).toEqual([field, value]);
    expect(response.body.createdAt).toMatch(TIMESTAMP);
    expect(response.body.updatedAt).toMatch(TIMESTAMP);
  });

  it('answers the PHP tab of the same page, which sends only the email', async () => {
    const api = complyCube(sandbox);
    const response = await api.post(`/clients/${JANE_DOE_ID}`, { email: 'jane.doe@example.com' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: JANE_DOE_ID, email: 'jane.doe@example.com', personDetails: { firstName: 'Jane', lastName: 'Doe' } });
  });
});

describe('docs: Web SDK quick guide, create a client (docs.complycube.com/documentation/quick-guides/web-sdk-quick-guide)', () => {
  it('creates the documented client', async () => {
    const api = complyCube(sandbox);
    const response = await api.post('/clients', { type: 'person', email: 'john.doe@example.com', personDetails: { firstName: 'John', lastName: 'Doe' } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ type: 'person', entityName: 'John Doe', email: 'john.doe@example.com', personDetails: { firstName: 'John', lastName: 'Doe' } });
    expect(response.body.id).toMatch(ID);
  });
});

describe('docs: Perform Multi-Bureau Check (docs.complycube.com/documentation/guides/api-quick-guide/perform-multi-bureau-check)', () => {
  it('creates the documented client with an ssn, in both spellings the page uses', async () => {
    const api = complyCube(sandbox);
    for (const ssn of ['123-45-6789', '123456789']) {
      const response = await api.post('/clients', {
        type: 'person',
        email: 'john.doe@example.com',
        personDetails: { firstName: 'John', lastName: 'Doe', dob: '1990-01-01', ssn },
      });
      expect(response.status).toBe(200);
      expect(response.body.personDetails).toEqual({ firstName: 'John', lastName: 'Doe', dob: '1990-01-01', ssn });
    }
  });
});

describe('docs: Checks, the Check object example (docs.complycube.com/api-reference/v.1.7.2/checks)', () => {
  it('completes an extensive screening check of John Doe as the documented object shows', async () => {
    const api = complyCube(sandbox);
    const { body: client } = await api.post('/clients', { type: 'person', email: 'john.doe@example.com', personDetails: { firstName: 'John', lastName: 'Doe' } });
    const { body: created } = await api.post('/checks', { clientId: client.id, type: 'extensive_screening_check' });
    sandbox.sandbox.completePendingTasks();
    const { body: check } = await api.get(`/checks/${created.id}`);
    const documented = { clientId: client.id, entityName: 'John Doe', type: 'extensive_screening_check', enableMonitoring: false, status: 'complete' };
    for (const [field, value] of Object.entries(documented)) expect([field, check[field]]).toEqual([field, value]);
    expect(check.result.outcome).toBe('clear');
    expect(check.result.breakdown.summary.pep).toEqual({ level1: 'clear', level2: 'clear', level3: 'clear', level4: 'clear' });
    expect(check.result.breakdown.summary.watchlist).toMatchObject({ sanctionsLists: 'clear', otherOfficialLists: 'clear', warCrimes: 'clear' });
  });
});

describe('docs: check types, example requests (docs.complycube.com/api-reference/check-types)', () => {
  it.each([
    ['face-authentication-check', { type: 'face_authentication_check', livePhotoId: 'LIVE_PHOTO_ID' }],
    ['age-estimation-check', { type: 'age_estimation_check', livePhotoId: 'LIVE_PHOTO_ID' }],
    ['enhanced-identity-check', { type: 'enhanced_identity_check', liveVideoId: 'LIVE_VIDEO_ID', documentId: 'DOCUMENT_ID' }],
    ['proof-of-address-check', { type: 'proof_of_address_check', documentId: 'DOCUMENT_ID' }],
    ['ssn-check', { type: 'ssn_check' }],
    ['identity-fraud-check', { type: 'identity_fraud_check', addressId: 'ADDRESS_ID' }],
    ['email-intelligence-check', { type: 'email_intelligence_check' }],
    ['mobile-intelligence-check', { type: 'mobile_intelligence_check' }],
  ])('%s: the documented request creates a pending check of that type', async (_page, example) => {
    const api = complyCube(sandbox);
    // Jane Doe (the documented client) owns the seeded live video; she gets an ssn and the other resources here.
    await api.post(`/clients/${JANE_DOE_ID}`, { personDetails: { ssn: '123456789' } });
    const { body: document } = await api.post('/documents', { clientId: JANE_DOE_ID, type: 'utility_bill', issuingCountry: 'US' });
    await api.post(`/documents/${document.id}/upload/front`, { fileName: 'front.jpg', data: jpeg().toString('base64') });
    const { body: photo } = await api.post('/livePhotos', { clientId: JANE_DOE_ID, data: jpeg().toString('base64') });
    const { body: address } = await api.post('/addresses', { clientId: JANE_DOE_ID, line: '1 Main St', city: 'Boston', country: 'US' });
    const ids: Record<string, string> = {
      CLIENT_ID: JANE_DOE_ID,
      DOCUMENT_ID: document.id,
      LIVE_PHOTO_ID: photo.id,
      LIVE_VIDEO_ID: '5eb1734f6ab1b30008c6b4a1',
      ADDRESS_ID: address.id,
    };
    const request = Object.fromEntries(Object.entries({ clientId: 'CLIENT_ID', ...example }).map(([field, value]) => [field, ids[value] ?? value]));
    const response = await api.post('/checks', request);
    expect(response.status).toBe(200);
    for (const [field, value] of Object.entries(request)) expect([field, response.body[field]]).toEqual([field, value]);
    expect(response.body).toMatchObject({ entityName: 'Jane Doe', status: 'pending', enableMonitoring: false });
    expect(response.body.id).toMatch(ID);
  });

  it('driving-license-check: the documented request, with a driving_license document', async () => {
    const api = complyCube(sandbox);
    const { body: document } = await api.post('/documents', { clientId: JANE_DOE_ID, type: 'driving_license', issuingCountry: 'US' });
    const response = await api.post('/checks', { clientId: JANE_DOE_ID, documentId: document.id, type: 'driving_license_check' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ clientId: JANE_DOE_ID, documentId: document.id, type: 'driving_license_check', status: 'pending' });
  });
});

describe('docs: Validate check outcome (docs.complycube.com/api-reference/v.1.7.2/checks/validate-a-check)', () => {
  it('takes the documented body and echoes it', async () => {
    const api = complyCube(sandbox);
    const { body: photo } = await api.post('/livePhotos', { clientId: JANE_DOE_ID, data: jpeg().toString('base64') });
    const { body: created } = await api.post('/checks', { clientId: JANE_DOE_ID, type: 'age_estimation_check', livePhotoId: photo.id });
    sandbox.sandbox.completePendingTasks();
    const response = await api.post(`/checks/${created.id}/validate`, { outcome: 'rejected' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ outcome: 'rejected' });
    expect((await api.get(`/checks/${created.id}`)).body.result.outcome).toBe('rejected');
  });
});

describe('docs: Redact check outcome (docs.complycube.com/documentation/api-reference/core-resources/checks/redact-a-check)', () => {
  it("takes the documented request on the documented document check, whose outcome holds none of the named attributes", async () => {
    const api = complyCube(sandbox);
    const check = '65c12a6426d2ab000814037e';
    const response = await api.post(`/checks/${check}/redact`, {
      attributes: ['documentNumber', 'personalNumber', 'issuingAuthority'],
      images: ['face'],
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: check, type: 'document_check', status: 'complete' });
    expect(response.body.result.breakdown.extractedData).toEqual({
      documentDetails: { documentType: 'passport', issuingCountry: 'GB' },
      holderDetails: { firstName: ['Jane'], lastName: ['Doe'], dob: { day: 20, month: 12, year: 1995 }, nationality: 'US' },
    });
  });
});

describe('docs: Redact image attachment (docs.complycube.com/documentation/api-reference/core-resources/documents/upload-image-attachment-1)', () => {
  it('takes the documented request, which redacts the entire front and back images of the document', async () => {
    const api = complyCube(sandbox);
    const client = (await api.post('/clients', { type: 'person', email: 'john@doe.com', personDetails: { firstName: 'John', lastName: 'Doe' } })).body;
    const document = (await api.post('/documents', { clientId: client.id, type: 'driving_license', issuingCountry: 'GB' })).body;
    for (const side of ['front', 'back']) {
      expect((await api.post(`/documents/${document.id}/upload/${side}`, { fileName: `${side}.jpg`, data: jpeg().toString('base64') })).status).toBe(200);
    }
    const response = await api.post(`/documents/${document.id}/redact`, { attributes: ['images'] });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(document.id);
    expect(response.body).not.toHaveProperty('images');
    expect((await api.get(`/documents/${document.id}/download/front`)).status).toBe(404);
    expect((await api.get(`/documents/${document.id}/download/back`)).status).toBe(404);
  });
});

describe('docs: Generate a token (docs.complycube.com/api-reference/other-resources/tokens/generate-a-token)', () => {
  it.each([
    ['Web SDK', { referrer: 'https://www.example.com/*' }],
    ['Mobile SDK', { appId: 'com.myapp.demo.app' }],
  ])('answers {"token": "header.payload.signature"} to the %s example', async (_sdk, example) => {
    const api = complyCube(sandbox);
    const response = await api.post('/tokens', { clientId: JANE_DOE_ID, ...example });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['token']);
    expect(response.body.token.split('.')).toHaveLength(3);
  });

  it('answers the documented error example for an invalid clientId', async () => {
    const api = complyCube(sandbox);
    const response = await api.post('/tokens', { clientId: 'CLIENT_ID', referrer: 'https://www.example.com/*' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ type: 'invalid_request', message: "'clientId' is invalid", param: 'clientId' });
  });
});

describe("docs: the documented example records, in every key's data, so that the documented requests work as written", () => {
  it.each([
    // docs.complycube.com/api-reference/overview/addresses/get-an-address
    ['/addresses/5eb1276f96be4a0008713af6', { type: 'main', propertyNumber: 'Flat 323', line: 'Common street', city: 'Aldgate', state: 'London', postalCode: 'W10 11L', country: 'GB', fromDate: '2007-09-01' }],
    // documentation/guides/api-quick-guide/run-a-document-check: the document, its front image and the check
    ['/documents/5ebd40714f23960008c81527', { type: 'passport', issuingCountry: 'GB', images: [expect.objectContaining({ id: '5eb169302d868c0008828591', fileName: 'front-test.jpg', documentSide: 'front', contentType: 'image/jpg' })] }],
    ['/checks/65c12a6426d2ab000814037e', { type: 'document_check', documentId: '5ebd40714f23960008c81527', status: 'complete', result: expect.objectContaining({ outcome: 'clear' }) }],
    // api-reference/overview/live-photos/create-a-live-photo
    ['/livePhotos/5eb1b5f231778a0008d1c3f6', { contentType: 'image/jpg', performLivenessCheck: true }],
    // api-reference/overview/checks/get-a-check
    ['/checks/5eb2b61e02df0a0008f1cf2a', { type: 'extensive_screening_check', enableMonitoring: false, status: 'complete', result: expect.objectContaining({ outcome: 'clear' }) }],
    // api-reference/other-resources/webhooks/create-a-webhook, seeded disabled: no key's events leave the sandbox unasked
    ['/webhooks/5ed1712e99c81a0007b9a3d6', { description: 'This is my webhook, I like it a lot', url: 'https://example.com/my/webhook/endpoint', enabled: false, events: ['check.pending', 'check.completed'] }],
    // documentation/api-reference/core-resources/workflow-sessions/get-a-workflow-session, still to be completed
    ['/workflowSessions/5eb2b61e02df0a0008f1cf2a', { status: 'started', workflowTemplateId: '68566be2a37a78622f4f7be3' }],
    // api-reference/other-resources/audit-logs/list-audit-logs: the createClient log, of Jane Doe's creation
    ['/auditLogs/5f2aca60bbddb422f9b60e7a', { memberId: null, resourceType: 'client', resourceId: JANE_DOE_ID, trigger: 'createClient', action: 'create' }],
  ])('GET %s', async (path, documented) => {
    const response = await complyCube(sandbox).get(path);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject(documented);
    if (response.body.clientId !== undefined) expect(response.body.clientId).toBe(JANE_DOE_ID);
  });

  it('serves the seeded images as the 35,000-byte JPEG the upload examples send', async () => {
    const api = complyCube(sandbox);
    for (const path of ['/documents/5ebd40714f23960008c81527/download/front', '/livePhotos/5eb1b5f231778a0008d1c3f6/download']) {
      const { body } = await api.get(path);
      const bytes = Buffer.from(body.data, 'base64');
      expect([path, bytes.length, bytes.subarray(0, 3).toString('hex')]).toEqual([path, 35_000, 'ffd8ff']);
    }
  });

  it('finds the seeded company as the first match of the same search', async () => {
    const api = complyCube(sandbox);
    const seeded = await api.get('/lookup/companies/276a33b02075300cb94afa16');
    expect(seeded.body).toMatchObject({ name: 'COMPLYCUBE LIMITED', incorporationCountry: 'GB' });
    const [first] = (await api.post('/lookup/companies', { companyName: 'ComplyCube', incorporationCountry: 'GB' })).body;
    expect(first.id).toBe('276a33b02075300cb94afa16');
  });
});
