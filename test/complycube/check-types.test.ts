import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, jpeg, newCompany, newPerson, webhookReceiver } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ checkDelayMs: 60_000 });
});
afterAll(() => sandbox.stop());

type Api = ReturnType<typeof complyCube>;

async function person(api: Api, personDetails: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  const { body } = await api.post('/clients', newPerson({ personDetails: { ...newPerson().personDetails, ...personDetails }, ...extra }));
  return body.id as string;
}

/** A client with every resource a check can name: a passport with its front image, a live photo, an address. */
async function equipped(api: Api, personDetails: Record<string, string> = {}) {
  const clientId = await person(api, personDetails, { mobile: '+44 7700 900123' });
  const { body: document } = await api.post('/documents', { clientId, type: 'passport', issuingCountry: 'GB' });
  await api.post(`/documents/${document.id}/upload/front`, { fileName: 'front.jpg', data: jpeg().toString('base64') });
  const { body: licence } = await api.post('/documents', { clientId, type: 'driving_license', issuingCountry: 'GB' });
  const { body: photo } = await api.post('/livePhotos', { clientId, data: jpeg().toString('base64') });
  const { body: address } = await api.post('/addresses', { clientId, line: '11 Something Avenue', city: 'London', postalCode: 'E14 4PP', country: 'GB' });
  return { clientId, documentId: document.id as string, licenceId: licence.id as string, livePhotoId: photo.id as string, addressId: address.id as string };
}

async function completed(api: Api, request: Record<string, unknown>) {
  const created = await api.post('/checks', request);
  expect(created.status).toBe(200);
  sandbox.sandbox.completePendingTasks();
  return (await api.get(`/checks/${created.body.id}`)).body;
}

describe('docs: Checks (docs.complycube.com/api-reference/checks)', () => {
  it('creates every check type the API may start, each with the references its page requires', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId, licenceId, livePhotoId, addressId } = await equipped(api, { ssn: '123456789' });
    const requests: Record<string, unknown>[] = [
      { type: 'standard_screening_check' },
      { type: 'extensive_screening_check' },
      { type: 'document_check', documentId },
      { type: 'identity_check', documentId, livePhotoId },
      { type: 'proof_of_address_check', documentId },
      { type: 'multi_bureau_check', addressId },
      { type: 'face_authentication_check', livePhotoId },
      { type: 'age_estimation_check', livePhotoId },
      { type: 'driving_license_check', documentId: licenceId },
      { type: 'ssn_check' },
      { type: 'identity_fraud_check', addressId },
      { type: 'email_intelligence_check' },
      { type: 'mobile_intelligence_check' },
    ];
    for (const request of requests) {
      const created = await api.post('/checks', { clientId, ...request });
      expect([request.type, created.status]).toEqual([request.type, 200]);
      expect(created.body).toMatchObject({ clientId, type: request.type, status: 'pending' });
      // "This will only have a value when a check is complete."
      expect(created.body).not.toHaveProperty('result');
    }
    sandbox.sandbox.completePendingTasks();
    const { body: list } = await api.get(`/checks?clientId=${clientId}&pageSize=100`);
    expect(list.totalItems).toBe(requests.length);
    for (const check of list.items) expect(check).toMatchObject({ status: 'complete', result: { outcome: 'clear' } });
  });

  it('requires the documented reference of each type: addressId for identity_fraud_check, documentId for driving_license_check', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    expect((await api.post('/checks', { clientId, type: 'identity_fraud_check' })).body).toMatchObject({ type: 'invalid_request', param: 'addressId' });
    expect((await api.post('/checks', { clientId, type: 'driving_license_check' })).body).toMatchObject({ type: 'invalid_request', param: 'documentId' });
    expect((await api.post('/checks', { clientId, type: 'enhanced_identity_check', documentId: 'x' })).body).toMatchObject({ param: 'liveVideoId' });
  });

  it('refuses an unknown type, as the real API did for the PHP SDK (tests/integration/CheckTest.php testCreateInvalidCheck)', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    const invalid = await api.post('/checks', { clientId, type: 'invaid_check_type' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ type: 'invalid_request', param: 'type' });
  });
});

describe('docs: Device Intelligence Check and eID Check (docs.complycube.com/api-reference/check-types/eid-check)', () => {
  it.each(['device_intelligence_check', 'eid_check'])('refuses %s: "only initiated through a Workflow Session"', async (type) => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    const refused = await api.post('/checks', { clientId, type });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: 'invalid_request', param: 'type' });
    expect((await api.get(`/checks?clientId=${clientId}`)).body.totalItems).toBe(0);
  });
});

describe('docs: check types for persons only (docs.complycube.com/api-reference/check-types/ssn-check)', () => {
  it('runs an SSN check only on a person with an ssn, and a mobile intelligence check only on a client with a mobile', async () => {
    const api = complyCube(sandbox);
    const { body: company } = await api.post('/clients', newCompany());
    expect((await api.post('/checks', { clientId: company.id, type: 'ssn_check' })).body).toMatchObject({ type: 'invalid_request', param: 'type' });
    const withoutSsn = await person(api);
    expect((await api.post('/checks', { clientId: withoutSsn, type: 'ssn_check' })).body).toMatchObject({ type: 'invalid_request', param: 'clientId' });
    const { body: noMobile } = await api.post('/clients', newPerson({ mobile: undefined }));
    expect((await api.post('/checks', { clientId: noMobile.id, type: 'mobile_intelligence_check' })).body).toMatchObject({ param: 'clientId' });

    const ssn = await completed(api, { clientId: await person(api, { ssn: '123456789' }), type: 'ssn_check' });
    expect(ssn.result.breakdown.dataVerification).toMatchObject({ firstName: 'clear', lastName: 'clear', ssn: 'clear' });
  });

  it('runs a driving licence check only on a document of type driving_license', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId, licenceId } = await equipped(api);
    expect((await api.post('/checks', { clientId, type: 'driving_license_check', documentId })).body).toMatchObject({ param: 'documentId' });
    const check = await completed(api, { clientId, type: 'driving_license_check', documentId: licenceId });
    expect(check.result.breakdown.documentData).toEqual({ documentType: 'driving_license', issuingCountry: 'GB' });
  });
});

describe('docs: Testing Data (docs.complycube.com/documentation/useful-resources/testing-data)', () => {
  it('completes every check clear by default, attention for last name "attention", not_processed for "failed"', async () => {
    const api = complyCube(sandbox);
    for (const [lastName, outcome] of [['Smith', 'clear'], ['attention', 'attention'], ['FAILED', 'not_processed']] as const) {
      const { clientId, documentId, livePhotoId } = await equipped(api, { lastName });
      for (const request of [{ type: 'standard_screening_check' }, { type: 'document_check', documentId }, { type: 'identity_check', documentId, livePhotoId }]) {
        const check = await completed(api, { clientId, ...request });
        expect([lastName, request.type, check.status, check.result.outcome]).toEqual([lastName, request.type, 'complete', outcome]);
      }
    }
  });

  it('gives no outcome of its own to last name "rejected": rejected comes only from validating a check', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId, livePhotoId } = await equipped(api, { lastName: 'rejected' });
    const check = await completed(api, { clientId, type: 'identity_check', documentId, livePhotoId });
    expect(check.result.outcome).toBe('clear');
    expect((await api.post(`/checks/${check.id}/validate`, { outcome: 'rejected' })).status).toBe(200);
    expect((await api.get(`/checks/${check.id}`)).body.result.outcome).toBe('rejected');
  });

  it('leaves the breakdown out of a not_processed check', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api, { lastName: 'failed' });
    const check = await completed(api, { clientId, type: 'extensive_screening_check' });
    expect(check.result).toEqual({ outcome: 'not_processed' });
  });

  it.each([
    [undefined, 'low'],
    ['medium-risk', 'medium'],
    ['high-risk', 'high'],
  ])('gives a client with a nationality and middle name %s an overall risk of %s', async (middleName, overall) => {
    const api = complyCube(sandbox);
    const clientId = await person(api, { nationality: 'IR', ...(middleName === undefined ? {} : { middleName }) });
    expect((await api.get(`/clients/${clientId}/riskProfile`)).body).toMatchObject({ overall, countryRisk: { risk: overall } });
  });

  it('completes a workflow session attention for last name "attention", clear otherwise', async () => {
    const api = complyCube(sandbox);
    for (const [lastName, outcome] of [['attention', 'attention'], ['Smith', 'clear']]) {
      const clientId = await person(api, { lastName: lastName! });
      await api.post('/flow/sessions', { clientId, workflowTemplateId: 'wf1', successUrl: 'https://example.com/ok', cancelUrl: 'https://example.com/no' });
      const { body: sessions } = await api.get(`/workflowSessions?clientId=${clientId}`);
      await api.post(`/workflowSessions/${sessions.items[0].id}/complete`);
      expect((await api.get(`/workflowSessions/${sessions.items[0].id}`)).body.outcome).toBe(outcome);
    }
  });
});

describe('docs: Document Check (docs.complycube.com/api-reference/check-types/document-check)', () => {
  it('extracts names as lists and dates as structured dates, beside the documented analyses', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId } = await equipped(api, { firstName: 'Mary Ann', lastName: 'Smith', dob: '1988-02-03' });
    const check = await completed(api, { clientId, type: 'document_check', documentId });
    const { extractedData, ...analyses } = check.result.breakdown;
    expect(extractedData).toEqual({
      documentDetails: { documentType: 'passport', issuingCountry: 'GB' },
      holderDetails: { firstName: ['Mary', 'Ann'], lastName: ['Smith'], dob: { day: 3, month: 2, year: 1988 }, nationality: 'GB' },
    });
    expect(Object.keys(analyses).sort()).toEqual(
      ['consistencyAnalysis', 'contentAnalysis', 'forensicAnalysis', 'formatAnalysis', 'frontBackAnalysis', 'mrzAnalysis'],
    );
  });

  it('conducts only the analyses named in options.analysisCoverage', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId } = await equipped(api);
    const check = await completed(api, { clientId, type: 'document_check', documentId, options: { analysisCoverage: ['mrz_analysis', 'forensic_analysis'] } });
    expect(Object.keys(check.result.breakdown).sort()).toEqual(['extractedData', 'forensicAnalysis', 'mrzAnalysis']);
  });
});

describe('docs: Redact check outcome (docs.complycube.com/documentation/api-reference/core-resources/checks/redact-a-check)', () => {
  it('removes the named attributes from the extracted data of a completed document check, and nothing else', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId } = await equipped(api, { firstName: 'Mary Ann', lastName: 'Smith', dob: '1988-02-03' });
    const before = await completed(api, { clientId, type: 'document_check', documentId });
    const response = await api.post(`/checks/${before.id}/redact`, { attributes: ['firstName', 'dob', 'issuingCountry', 'documentNumber'] });
    expect(response.status).toBe(200);
    const { result, updatedAt, ...rest } = response.body;
    const { result: resultBefore, updatedAt: updatedBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(updatedBefore));
    expect(result.outcome).toBe('clear');
    expect(result.breakdown.extractedData).toEqual({
      documentDetails: { documentType: 'passport' },
      holderDetails: { lastName: ['Smith'], nationality: 'GB' },
    });
    const { extractedData: _redacted, ...analyses } = result.breakdown;
    const { extractedData: _extracted, ...analysesBefore } = resultBefore.breakdown;
    expect(analyses).toEqual(analysesBefore);
    expect((await api.get(`/checks/${before.id}`)).body).toEqual(response.body);
  });

  it('writes the removals to the audit log and sends check.updated', async () => {
    const receiver = await webhookReceiver();
    try {
      const api = complyCube(sandbox);
      const { clientId, documentId } = await equipped(api);
      const check = await completed(api, { clientId, type: 'document_check', documentId });
      await api.post('/webhooks', { url: receiver.url, events: ['check.updated'] });
      await api.post(`/checks/${check.id}/redact`, { attributes: ['lastName', 'nationality'] });
      const logs = (await api.get(`/auditLogs?resourceId=${check.id}&trigger=redactCheck`)).body.items;
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({ resourceType: 'check', clientId, action: 'update', memberId: null });
      const removals = logs[0].diff.filter((change: { action: string }) => change.action === 'delete');
      expect(removals).toEqual([
        { action: 'delete', path: ['result', 'breakdown', 'extractedData', 'holderDetails', 'lastName'], old: ['Smith'] },
        { action: 'delete', path: ['result', 'breakdown', 'extractedData', 'holderDetails', 'nationality'], old: 'GB' },
      ]);
      const event = JSON.parse((await receiver.waitFor((webhook) => webhook.body.includes(check.id))).body);
      expect(event).toMatchObject({ type: 'check.updated', resourceType: 'check', payload: { id: check.id, clientId, type: 'document_check', status: 'complete', outcome: 'clear' } });
    } finally {
      await receiver.close();
    }
  });

  it('changes nothing when the outcome holds none of the attributes, and erases no image for images', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId } = await equipped(api);
    const check = await completed(api, { clientId, type: 'document_check', documentId });
    const response = await api.post(`/checks/${check.id}/redact`, { attributes: ['mrz', 'personalNumber'], images: ['all', 'face', 'securityElements', 'signature', 'code', 'fingerprint'] });
    expect(response.status).toBe(200);
    expect(response.body).toEqual(check);
    expect((await api.get(`/auditLogs?resourceId=${check.id}&trigger=redactCheck`)).body.totalItems).toBe(0);
    expect((await api.get(`/documents/${documentId}/download/front`)).body.data).toBe(jpeg().toString('base64'));
  });

  it('applies only to document checks, and only once complete', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId } = await equipped(api);
    const screening = await completed(api, { clientId, type: 'standard_screening_check' });
    expect((await api.post(`/checks/${screening.id}/redact`, { attributes: ['firstName'] })).body).toEqual({
      type: 'processing_error',
      message: 'Checks of type standard_screening_check cannot be redacted: only document_check outcomes can',
    });
    const { body: pending } = await api.post('/checks', { clientId, type: 'document_check', documentId });
    const refused = await api.post(`/checks/${pending.id}/redact`, { attributes: ['firstName'] });
    expect([refused.status, refused.body]).toEqual([422, { type: 'processing_error', message: 'pending_check_unmodifiable: a pending check cannot be redacted' }]);
    expect((await api.get(`/checks/${pending.id}`)).body).toEqual(pending);
    expect((await api.get(`/checks/${screening.id}`)).body).toEqual(screening);
  });

  it('answers the documented 404 for an unknown check and refuses values the page does not list', async () => {
    const api = complyCube(sandbox);
    const unknown = await api.post('/checks/5eb2b61e02df0a0008f1cf2b/redact', { attributes: ['firstName'] });
    expect([unknown.status, unknown.body]).toEqual([404, { type: 'resource_not_found', message: "Invalid check id '5eb2b61e02df0a0008f1cf2b'" }]);
    const { clientId, documentId } = await equipped(api);
    const check = await completed(api, { clientId, type: 'document_check', documentId });
    for (const body of [{ attributes: ['middleName'] }, { images: ['front'] }, { attributes: 'firstName' }, { fields: ['firstName'] }]) {
      const refused = await api.post(`/checks/${check.id}/redact`, body);
      expect([JSON.stringify(body), refused.status, refused.body.type]).toEqual([JSON.stringify(body), 400, 'invalid_request']);
    }
    expect((await api.get(`/checks/${check.id}`)).body).toEqual(check);
  });
});

describe('docs: Identity Check (docs.complycube.com/api-reference/check-types/identity-check)', () => {
  it('reports faceAnalysis with faceDetection and facialSimilarity, flagged for last name "attention"', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId, livePhotoId } = await equipped(api, { lastName: 'attention' });
    const check = await completed(api, { clientId, type: 'identity_check', documentId, livePhotoId });
    expect(check.result.outcome).toBe('attention');
    expect(check.result.breakdown.faceAnalysis).toEqual({ faceDetection: 'attention', facialSimilarity: 'clear' });
  });
});

describe('docs: Proof of Address Check (docs.complycube.com/api-reference/check-types/proof-of-address-check)', () => {
  it('extracts the address as extractedData.addressDetails.address', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId } = await equipped(api);
    const check = await completed(api, { clientId, type: 'proof_of_address_check', documentId });
    expect(check.result.breakdown.extractedData.addressDetails).toEqual({ address: '11 Something Avenue, London, E14 4PP, GB' });
    expect(Object.keys(check.result.breakdown).sort()).toEqual(['clientValidation', 'contentAnalysis', 'extractedData', 'geolocationAnalysis']);
  });

  it('runs only on a person', async () => {
    const api = complyCube(sandbox);
    const { body: company } = await api.post('/clients', newCompany());
    const { body: document } = await api.post('/documents', { clientId: company.id, type: 'utility_bill' });
    await api.post(`/documents/${document.id}/upload/front`, { fileName: 'bill.jpg', data: jpeg().toString('base64') });
    expect((await api.post('/checks', { clientId: company.id, type: 'proof_of_address_check', documentId: document.id })).body).toMatchObject({ param: 'type' });
  });
});

describe('docs: Identity Fraud Check and Email Intelligence Check (docs.complycube.com/api-reference/check-types/identity-fraud-check)', () => {
  it('reports identityVerification on name, dob and address, and riskAnalysis for the email', async () => {
    const api = complyCube(sandbox);
    const { clientId, addressId } = await equipped(api);
    const fraud = await completed(api, { clientId, type: 'identity_fraud_check', addressId });
    expect(fraud.result.breakdown.identityVerification).toEqual({ name: 'clear', dob: 'clear', address: 'clear' });
    const email = await completed(api, { clientId, type: 'email_intelligence_check' });
    expect(Object.keys(email.result.breakdown)).toEqual(['riskAnalysis']);
  });
});

describe('docs: Validate check outcome (docs.complycube.com/api-reference/checks/validate-a-check)', () => {
  it('takes rejectionReasons and userSuppliedData for document checks only', async () => {
    const api = complyCube(sandbox);
    const { clientId, documentId, livePhotoId } = await equipped(api);
    const document = await completed(api, { clientId, type: 'document_check', documentId });
    const supplied = { holderDetails: { firstName: ['Jon'], lastName: ['Smith'] } };
    const validation = { outcome: 'rejected', rejectionReasons: ['document_has_expired'], userSuppliedData: supplied };
    expect((await api.post(`/checks/${document.id}/validate`, validation)).body).toEqual(validation);
    expect((await api.get(`/checks/${document.id}`)).body.result).toMatchObject({ outcome: 'rejected', breakdown: { extractedData: supplied } });

    const identity = await completed(api, { clientId, type: 'identity_check', documentId, livePhotoId });
    const refused = await api.post(`/checks/${identity.id}/validate`, { outcome: 'rejected', rejectionReasons: ['document_misread'] });
    expect(refused.body).toMatchObject({ type: 'invalid_request', param: 'rejectionReasons' });
    expect((await api.post(`/checks/${identity.id}/validate`, { outcome: 'rejected', rejectionReasons: ['no_reason'] })).status).toBe(400);
  });
});

describe('docs: Live Photos and Documents (docs.complycube.com/api-reference/live-photos)', () => {
  it('defaults performLivenessCheck to true, keeps false when sent, and leaves images out of a document without any', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    expect((await api.post('/livePhotos', { clientId, data: jpeg().toString('base64') })).body.performLivenessCheck).toBe(true);
    expect((await api.post('/livePhotos', { clientId, data: jpeg().toString('base64'), performLivenessCheck: false })).body.performLivenessCheck).toBe(false);
    const { body: document } = await api.post('/documents', { clientId, type: 'passport' });
    expect(document).not.toHaveProperty('images');
    await api.post(`/documents/${document.id}/upload/front`, { fileName: 'front.jpg', data: jpeg().toString('base64') });
    expect((await api.get(`/documents/${document.id}`)).body.images).toHaveLength(1);
    expect((await api.delete(`/documents/${document.id}/front`)).status).toBe(204);
    expect((await api.get(`/documents/${document.id}`)).body).not.toHaveProperty('images');
  });
});

describe('docs: Generate a token (docs.complycube.com/api-reference/other-resources/tokens/generate-a-token)', () => {
  it('answers the documented 400 for an unknown client and refuses a referrer that is no URI pattern', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    const unknown = await api.post('/tokens', { clientId: 'non existent client id', referrer: 'https://referrer.com/*' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({ type: 'invalid_request', message: "'clientId' is invalid", param: 'clientId' });
    // complycube-php tests/integration/SDKTokenTest.php testGenerateTokenWithInvalidReferrerOrAppId
    expect((await api.post('/tokens', { clientId, referrer: 'random stuff' })).body).toMatchObject({ type: 'invalid_request', param: 'referrer' });
    expect((await api.post('/tokens', { clientId, appId: 'com.myapp.demo.app' })).status).toBe(200);
  });
});

describe('complycube-php tests/integration (answers recorded from the real API)', () => {
  it('creates an address without a type (AddressTest testCreateAddressInLine)', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    const created = await api.post('/addresses', { clientId, line: '11 Something Avenue', city: 'London', country: 'GB' });
    expect(created.status).toBe(200);
    expect(created.body).not.toHaveProperty('type');
    expect((await api.post('/addresses', { clientId, type: 'INVALIDTYPE', line: 'a', city: 'b', country: 'GB' })).status).toBe(400);
  });

  it('downloads a live photo as images/jpg (LivePhotoTest testDownloadLivePhoto)', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    const { body: photo } = await api.post('/livePhotos', { clientId, data: jpeg().toString('base64'), performLivenessCheck: false });
    expect(photo.contentType).toBe('image/jpg');
    expect((await api.get(`/livePhotos/${photo.id}/download`)).body.contentType).toBe('images/jpg');
  });

  it('creates a webhook to http://hook.com/ without a description, which it leaves out (WebhookTest testCreateWebhook)', async () => {
    const api = complyCube(sandbox);
    const created = await api.post('/webhooks', { url: 'http://hook.com/', enabled: false, events: ['check.pending'] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ url: 'http://hook.com/', enabled: false, events: ['check.pending'] });
    expect(created.body).not.toHaveProperty('description');
    expect(typeof created.body.secret).toBe('string');
    expect((await api.get(`/webhooks/${created.body.id}`)).body).not.toHaveProperty('secret');
  });

  it('filters audit logs on action (AuditLogTest testFilterUpdateOnly)', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api);
    await api.post(`/clients/${clientId}`, { email: 'updated@email.com' });
    const { body } = await api.get('/auditLogs?action=update');
    expect(body.totalItems).toBeGreaterThan(0);
    for (const log of body.items) expect(log.action).toBe('update');
  });

  it('validates every match of an attention screening check as rejected and the outcome is clear (CheckTest testValidateCheckById)', async () => {
    const api = complyCube(sandbox);
    const clientId = await person(api, { lastName: 'attention' });
    const check = await completed(api, { clientId, type: 'extensive_screening_check' });
    for (const match of check.result.breakdown.matches) {
      expect((await api.post(`/checks/${check.id}/validate`, { matchId: match.id, outcome: 'rejected' })).status).toBe(200);
    }
    expect((await api.get(`/checks/${check.id}`)).body.result.outcome).toBe('clear');
  });
});
