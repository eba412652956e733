import { connect } from 'node:net';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ bodyLimitBytes: 64 * 1024, headersTimeoutMs: 500, requestTimeoutMs: 1000 });
});
afterAll(() => sandbox.stop());

describe('limits', () => {
  it('answers an oversized body with 413 in the vendor’s body, and changes nothing', async () => {
    const api = complyCube(sandbox);
    const response = await api.post('/clients', newPerson({ metadata: { big: 'x'.repeat(100 * 1024) } }));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ type: 'request_too_large', message: 'The request is larger than 65536 bytes' });
    expect((await api.get('/clients')).body.totalItems).toBe(26);
  });

  it('does not let a client that trickles its headers hold the server', async () => {
    const socket = connect(sandbox.sandbox.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /v1/clients HTTP/1.1\r\nHost: x\r\n');
    const closed = new Promise<string>((resolve) => {
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.once('close', () => resolve(received));
    });
    // Others are served meanwhile.
    expect((await complyCube(sandbox).get(`/clients/${JANE_DOE_ID}`)).status).toBe(200);
    const answer = await closed;
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  }, 10_000);
});
