import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';
import { TENZIN_ID } from '../helpers/send.js';

/**
 * A JSON body sent as another type (or with none) is not read; the answer names the header at fault
 * instead of calling the body missing, in each vendor's validation format.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const body = JSON.stringify({ email: 'jane.new@example.com' });

describe('a JSON body sent with another Content-Type', () => {
  it.each(['text/plain', 'application/x-www-form-urlencoded'])('is refused by ComplyCube as %s, naming Content-Type, and changes nothing', async (type) => {
    const headers = { Authorization: 'ct-key', 'content-type': type };
    const refused = await sandbox.request('POST', `/v1/clients/${JANE_DOE_ID}`, { headers, raw: body });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ type: 'invalid_request', message: "'Content-Type' must be application/json", param: 'Content-Type' });
    expect((await sandbox.request('GET', `/v1/clients/${JANE_DOE_ID}`, { headers })).body.email).not.toBe('jane.new@example.com');
  });

  it('is refused by SEND and CryptoMate in their formats', async () => {
    const send = await sandbox.request('PATCH', `/users/${TENZIN_ID}`, {
      headers: { 'X-Client-Id': 'ct-id', 'X-Client-Secret': 'ct-secret', 'content-type': 'text/plain' },
      raw: body,
    });
    expect(send.status).toBe(400);
    expect(send.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: 'Content-Type must be application/json', field: 'Content-Type' } });
    const crypto = await sandbox.request('POST', '/management/clients', { headers: { 'X-API-KEY': 'ct-key', 'content-type': 'text/plain' }, raw: body });
    expect(crypto.status).toBe(400);
    expect(crypto.body).toMatchObject({ code: 'BAD_REQUEST', message: 'Content-Type: must be application/json for a JSON body, got text/plain' });
  });

  it('is not asked of a request without a body', async () => {
    const response = await sandbox.request('GET', `/v1/clients/${JANE_DOE_ID}`, { headers: { Authorization: 'ct-key', 'content-type': 'text/plain' } });
    expect(response.status).toBe(200);
  });
});
