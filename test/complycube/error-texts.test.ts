import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';

/**
 * The sandbox's own error texts (those ComplyCube does not document), read as an integrator meets them:
 * each names the field or key at fault, says what is wrong and what is expected.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ checkDelayMs: 60_000 });
});
afterAll(() => sandbox.stop());

const invalid = (message: string, param?: string) => (param === undefined ? { type: 'invalid_request', message } : { type: 'invalid_request', message, param });

describe('validation failures', () => {
  it('names a metadata key over 40 characters, on create and on update', async () => {
    const api = complyCube(sandbox);
    const key = 'customer_reference_number_from_the_crm_xy';
    const expected = invalid(`'metadata' key '${key}' is 41 characters long; key names must be at most 40 characters long`, 'metadata');
    expect((await api.post('/clients', newPerson({ metadata: { [key]: 'v' } }))).body).toEqual(expected);
    expect((await api.post(`/clients/${JANE_DOE_ID}`, { metadata: { [key]: 'v' } })).body).toEqual(expected);
  });

  it('says a body was required when none was sent', async () => {
    const response = await sandbox.request('POST', '/v1/clients', { headers: { Authorization: 'error-texts-key' } });
    expect(response.body).toEqual(invalid('The request body must be a JSON object; none was sent'));
  });

  it('says in words what a pattern asks for', async () => {
    const api = complyCube(sandbox);
    expect((await api.post('/addresses', { clientId: JANE_DOE_ID, line: '1 Main St', city: 'Leeds', country: 'gb' })).body).toEqual(
      invalid("'country' must be a two-letter ISO 3166-1 country code in capitals, such as GB", 'country'),
    );
    expect((await api.post('/documents/5ebd40714f23960008c81527/upload/front', { fileName: 'front.gif', data: 'AAAA' })).body).toEqual(
      invalid("'fileName' must be a file name ending in .jpg, .jpeg, .png or .pdf", 'fileName'),
    );
    expect((await api.post('/tokens', { clientId: JANE_DOE_ID, referrer: 'random stuff' })).body).toEqual(
      invalid("'referrer' must be a URL pattern such as https://www.example.com/*", 'referrer'),
    );
  });

  it('says what a format, a list and a type ask for', async () => {
    const api = complyCube(sandbox);
    expect((await api.post('/clients', newPerson({ email: 'john at example.com' }))).body).toEqual(invalid("'email' must be a valid email address", 'email'));
    const flow = { clientId: JANE_DOE_ID, checkTypes: ['document_check'], successUrl: 'https://www.example.com/done now', cancelUrl: 'https://www.example.com/cancel' };
    expect((await api.post('/flow/sessions', flow)).body).toEqual(invalid("'successUrl' must be an absolute URL, such as https://www.example.com/", 'successUrl'));
    const hook = { url: 'https://www.example.com/hook' };
    expect((await api.post('/webhooks', { ...hook, events: [] })).body).toEqual(invalid("'events' must have at least 1 item", 'events'));
    expect((await api.post('/webhooks', { ...hook, events: ['check.pending', 'check.pending'] })).body).toEqual(
      invalid("'events' must not list the same item twice (items 0 and 1, counting from 0, are equal)", 'events'),
    );
    expect((await api.post('/documents/5ebd40714f23960008c81527/redact', { attributes: ['images'], images: ['front', 'back', 'front'] })).body).toEqual(
      invalid("'images' must have at most 2 items", 'images'),
    );
    // The schema also allows null (to remove the field); the text names the type a value must have.
    expect((await api.post('/addresses/5eb1276f96be4a0008713af6', { propertyNumber: 5 })).body).toEqual(
      invalid("'propertyNumber' must be of type string", 'propertyNumber'),
    );
  });

  it('says which status a Prefer header asked for and which the operation documents', async () => {
    const response = await complyCube(sandbox).get(`/clients/${JANE_DOE_ID}`, { headers: { Prefer: 'code=418' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalid("'Prefer': code=418 is not documented for getClient; documented: 200, 401, 404, 429, 500", 'Prefer'));
  });
});

describe('refusals of the handlers', () => {
  it('names the client attribute a check type needs, and the client without it', async () => {
    const api = complyCube(sandbox);
    const { body: client } = await api.post('/clients', newPerson());
    expect((await api.post('/checks', { clientId: client.id, type: 'ssn_check' })).body).toEqual(
      invalid(`Checks of type ssn_check require the client to have 'personDetails.ssn' set; client id '${client.id}' has none`, 'clientId'),
    );
  });

  it("says how to give a document the front image a check reads, and which type a document has", async () => {
    const api = complyCube(sandbox);
    const { body: document } = await api.post('/documents', { clientId: JANE_DOE_ID, type: 'passport' });
    expect((await api.post('/checks', { clientId: JANE_DOE_ID, type: 'document_check', documentId: document.id })).body).toEqual(
      invalid(`Document id '${document.id}' has no front image: upload one (POST /v1/documents/${document.id}/upload/front) before a document_check`, 'documentId'),
    );
    expect((await api.post('/checks', { clientId: JANE_DOE_ID, type: 'driving_license_check', documentId: document.id })).body).toEqual(
      invalid(`Checks of type driving_license_check need a document of type driving_license; document id '${document.id}' is of type passport`, 'documentId'),
    );
  });

  it('says which workflow sessions can be completed', async () => {
    const api = complyCube(sandbox);
    const path = '/workflowSessions/5eb2b61e02df0a0008f1cf2a/complete';
    expect((await api.post(path)).body).toEqual({ status: 'complete' });
    const again = await api.post(path);
    expect(again.status).toBe(422);
    expect(again.body).toEqual({ type: 'processing_error', message: "Workflow session id '5eb2b61e02df0a0008f1cf2a' is complete: only a started session can be completed" });
  });
});
