import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { MACHNET_ID, TENZIN_ID, accountOperator, expectOk, newBusiness, newIndividual, sendApi } from '../helpers/send.js';

/**
 * The sandbox's own error texts (Machnet publishes none), each naming the field at fault, what is wrong
 * with it and what is expected, as an integrator reads them.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
});
afterAll(() => sandbox.stop());

const invalid = (field: string, message: string) => ({ success: false, error: { code: 'VALIDATION_ERROR', message, field } });

describe('validation texts', () => {
  it("says a physical document's value must be a data URI, without a word about SSNs", async () => {
    const response = await sendApi(sandbox).post('/users', newIndividual({ physical_documents: [{ document_type: 'STATE_ID', document_value: 'id.jpg' }] }));
    expect([response.status, response.body]).toEqual([
      400,
      invalid('physical_documents.0.document_value', 'physical_documents.0.document_value must be a Base64 data URI such as data:image/jpg;base64,SUQs=='),
    ]);
  });

  it("says an SSN's value must be nine digits, without a word about data URIs, for users and representatives", async () => {
    const api = sendApi(sandbox);
    const ssn = { document_type: 'SSN', document_value: '123-45-6789' };
    const message = 'virtual_documents.0.document_value must be nine digits without dashes for document_type SSN';
    const user = await api.post('/users', newIndividual({ virtual_documents: [ssn] }));
    expect([user.status, user.body]).toEqual([400, invalid('virtual_documents.0.document_value', message)]);
    const representative = await api.post(`/users/${MACHNET_ID}/business-representative`, { ...accountOperator, virtual_documents: [ssn] });
    expect([representative.status, representative.body]).toEqual([400, invalid('virtual_documents.0.document_value', message)]);
  });

  it('asks for country codes in capitals, with an example', async () => {
    const response = await sendApi(sandbox).post('/users', newIndividual({ country: 'us' }));
    expect(response.body).toEqual(invalid('country', 'country must be a 2-letter ISO 3166-1 country code in capital letters, such as US'));
  });

  it('names both kinds of IP address, whichever the value missed', async () => {
    const response = await sendApi(sandbox).post('/users', newIndividual({ ip_address: '10.0.0' }));
    expect(response.body).toEqual(invalid('ip_address', 'ip_address must be an IPv4 or IPv6 address'));
  });

  it('says number_of_transaction_per_month may be a number or a numeric string, whatever was wrong with it', async () => {
    const api = sendApi(sandbox);
    const message = 'number_of_transaction_per_month must be a whole number of at least 0, or a string of 1 to 9 digits such as "122"';
    for (const value of ['many', -1, 2.5]) {
      const response = await api.post('/users', newBusiness({ number_of_transaction_per_month: value }));
      expect([value, response.body]).toEqual([value, invalid('number_of_transaction_per_month', message)]);
    }
  });

  it('gives the bounds of ownership_percentage', async () => {
    const api = sendApi(sandbox);
    const over = await api.post(`/users/${MACHNET_ID}/business-representative`, { ...accountOperator, ownership_percentage: 101 });
    expect(over.body).toEqual(invalid('ownership_percentage', 'ownership_percentage must be at most 100'));
    const under = await api.post(`/users/${MACHNET_ID}/business-representative`, { ...accountOperator, ownership_percentage: -1 });
    expect(under.body).toEqual(invalid('ownership_percentage', 'ownership_percentage must be at least 0'));
  });

  it('asks for an email address', async () => {
    const response = await sendApi(sandbox).post('/users', newIndividual({ email: 'pema at example.com' }));
    expect(response.body).toEqual(invalid('email', 'email must be an email address'));
  });

  it('names the content type a body must come with, when it came with another or none', async () => {
    const api = sendApi(sandbox);
    // A body that came, but not as JSON: the header is at fault.
    const wrongType = { success: false, error: { code: 'VALIDATION_ERROR', message: 'Content-Type must be application/json', field: 'Content-Type' } };
    for (const contentType of ['text/plain', '']) {
      const response = await api.call('POST', '/users', { raw: JSON.stringify(newIndividual()), headers: { 'Content-Type': contentType } });
      expect([contentType, response.status, response.body]).toEqual([contentType, 400, wrongType]);
    }
    // No body at all, and so no type.
    const missing = await sandbox.request('POST', '/users', { headers: { 'X-Client-Id': api.clientId, 'X-Client-Secret': api.clientSecret } });
    expect(missing.body).toEqual({
      success: false,
      error: { code: 'VALIDATION_ERROR', message: 'A JSON request body is required, sent with Content-Type: application/json' },
    });
  });
});

describe("the sandbox's rule texts", () => {
  it('lists the corridors that are enabled', async () => {
    const response = await sendApi(sandbox).post('/users', newIndividual({ country: 'GB' }));
    expect(response.body).toEqual({
      success: false,
      error: { code: 'CORRIDOR_NOT_ENABLED', message: 'GB is not an originating corridor enabled for this client (enabled: US)', field: 'country' },
    });
  });

  it('says why listing an individual’s representatives is refused, rather than speaking of adding them', async () => {
    const response = await sendApi(sandbox).get(`/users/${TENZIN_ID}/business-representative`);
    expect(response.body).toEqual({
      success: false,
      error: { code: 'NOT_A_BUSINESS_USER', message: 'Only business send users have business representatives: this user is an individual', field: 'user_id' },
    });
  });

  it('says how to add the account operator KYB needs', async () => {
    const api = sendApi(sandbox);
    const user = expectOk(await api.post('/users', newBusiness()));
    const response = await api.post(`/users/${user.id}/kyc`);
    expect(response.body).toEqual({
      success: false,
      error: {
        code: 'ACCOUNT_OPERATOR_REQUIRED',
        message: 'An account operator must be added before KYB can be initiated: add a business representative whose br_type.account_operator is true',
      },
    });
  });
});
