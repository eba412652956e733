import { request as httpRequest } from 'node:http';
import { launch, type TestResponse, type TestSandbox } from '../helpers/sandbox.js';
import { associatedPerson, cryptoMate, newBusiness, newIndividual, TRACE_ID } from '../helpers/cryptomate.js';

/**
 * Issue 14, item 9: each error names the field or header at fault, says what is wrong and what is
 * expected. These are the sandbox's own texts, in the form Spring gives CryptoMate's (`<field>: <reason>`,
 * `JSON parse error: …`); the texts CryptoMate documents are pinned in documented-examples.test.ts.
 */

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ clients: 1 });
});
afterAll(() => sandbox.stop());

function expectBadRequest(response: TestResponse, message: string) {
  expect(response.status).toBe(400);
  expect(response.body).toEqual({ code: 'BAD_REQUEST', message, trace_id: expect.stringMatching(TRACE_ID) });
}

const postRaw = (api: ReturnType<typeof cryptoMate>, raw: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  api.post('/clients', undefined, { raw, headers });

describe('a body that is not a JSON object says which it is', () => {
  it.each([
    ['a JSON string', '"John Doe"'],
    ['a JSON number', '4155551234'],
    ['JSON null', 'null'],
    ['a bare word', 'first_name=John'],
  ])('%s is not an object, whether or not it is valid JSON', async (_case, raw) => {
    // Was "JSON parse error: the request body is not valid JSON", false for the first three.
    expectBadRequest(await postRaw(cryptoMate(sandbox), raw), 'JSON parse error: the request body must be a JSON object');
  });

  it('an array is not an object either', async () => {
    expectBadRequest(await cryptoMate(sandbox).post('/clients', []), 'JSON parse error: the request body must be a JSON object');
  });

  it("broken JSON passes on the parser's reason", async () => {
    // Was "JSON parse error: the request body is not valid JSON", with no hint of where.
    expectBadRequest(await postRaw(cryptoMate(sandbox), '{"first_name": John}'), `JSON parse error: Unexpected token 'J', "{"first_name": John}" is not valid JSON`);
  });

  it('a charset other than UTF-8 names the header and the charset to use', async () => {
    // Was "JSON parse error: the request body is not valid JSON".
    const response = await postRaw(cryptoMate(sandbox), '{"first_name": "John"}', { 'Content-Type': 'application/json; charset=latin1' });
    expectBadRequest(response, 'Content-Type: unsupported charset "LATIN1"; send the JSON body in UTF-8');
  });

  it('a content encoding the sandbox cannot undo says so', async () => {
    // Was "JSON parse error: the request body is not valid JSON".
    const response = await postRaw(cryptoMate(sandbox), '{"first_name": "John"}', { 'Content-Type': 'application/json', 'Content-Encoding': 'compress' });
    expectBadRequest(response, 'The request body could not be read: unsupported content encoding "compress"');
  });
});

describe('a body sent without the JSON content type names the header', () => {
  it('as text/plain', async () => {
    // Was "Required request body is missing", although a body was sent.
    const response = await postRaw(cryptoMate(sandbox), '{"first_name": "John"}', { 'Content-Type': 'text/plain' });
    expectBadRequest(response, 'Content-Type: must be application/json for a JSON body, got text/plain');
  });

  it('without any Content-Type', async () => {
    const api = cryptoMate(sandbox);
    const { status, body } = await new Promise<{ status: number; body: any }>((resolve, reject) => {
      const sent = httpRequest(`${sandbox.url}/management/clients`, { method: 'POST', headers: { 'X-API-KEY': api.apiKey } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      sent.on('error', reject);
      sent.end('{"first_name": "John"}');
    });
    expect(status).toBe(400);
    expect(body).toEqual({ code: 'BAD_REQUEST', message: 'Content-Type: must be application/json for a JSON body, got none', trace_id: expect.stringMatching(TRACE_ID) });
  });

  it('and a request without a body still gets Spring’s missing-body text', async () => {
    expectBadRequest(await cryptoMate(sandbox).post('/clients'), 'Required request body is missing');
  });
});

describe('a field inside a list is named as Spring names it, with its index in brackets', () => {
  it.each([
    ["an associated person's email", newBusiness({ associated_persons: [associatedPerson({ email: 'jane' })] }), 'associated_persons[0].email: must be a well-formed email address'],
    [
      "an associated person's identification without its number",
      newBusiness({ associated_persons: [associatedPerson({ identifying_information: [{ type: 'ssn', issuing_country: 'USA' }] })] }),
      'associated_persons[0].identifying_information[0].number: must not be null',
    ],
    ['an industry code that is a number', newBusiness({ business_industry: [541511] }), 'business_industry[0]: must be of type string'],
  ])('%s', async (_case, body, message) => {
    // Were `associated_persons.0.email: …`, `….identifying_information.0.number: …`, `business_industry.0: …`.
    expectBadRequest(await cryptoMate(sandbox).post('/clients/business', body), message);
  });

  it("an individual's document that is not an object", async () => {
    expectBadRequest(await cryptoMate(sandbox).post('/clients', newIndividual({ documents: ['passport'] })), 'documents[0]: must be of type object');
  });
});

describe('a refused Prefer says what it asked and what the operation documents', () => {
  it('names the status and the documented ones', async () => {
    // Was "Prefer: must be one of 200, 400, 401, 429, 500", as if the header's value were a status.
    const response = await cryptoMate(sandbox).get('/clients', { headers: { Prefer: 'code=404' } });
    expectBadRequest(response, 'Prefer: code=404 is not documented for listClients; documented: 200, 400, 401, 429, 500');
    expect(response.headers.get('sandbox-simulated')).toBe('refused');
  });
});
