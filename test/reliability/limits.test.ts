import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { ResponseValidator } from '../../src/validation/response-validator.js';
import { complyCube, JANE_DOE_ID, newPerson } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  // The request timeout is far above what a loaded CI machine may take to answer: only the headers'
  // timeout is under test here.
  sandbox = await launch({ bodyLimitBytes: 64 * 1024, headersTimeoutMs: 500, requestTimeoutMs: 30_000 });
});

interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** The next whole response on a kept-alive socket, read by its Content-Length. */
function nextResponse(socket: Socket): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [statusLine, ...lines] = received.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length']);
      if (received.length < headEnd + 4 + length) return;
      socket.off('data', onData).off('close', onClose);
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: JSON.parse(received.subarray(headEnd + 4, headEnd + 4 + length).toString()) });
    };
    const onClose = () => reject(new Error(`closed before a whole response: ${received.toString()}`));
    socket.on('data', onData).once('close', onClose);
  });
}
afterAll(() => sandbox.stop());

describe('limits', () => {
  it('answers an oversized body with 413 in the vendor’s body, and changes nothing', async () => {
    const api = complyCube(sandbox);
    const response = await api.post('/clients', newPerson({ metadata: { big: 'x'.repeat(100 * 1024) } }));
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ type: 'request_too_large', message: 'The request is larger than 65536 bytes' });
    expect((await api.get('/clients')).body.totalItems).toBe(26);
  });

  it('refuses a body on its declared length before it is sent, and goes on serving the connection', async () => {
    const contract = new ResponseValidator(sandbox.sandbox.specs);
    const key = 'test_declared_too_large';
    const declared = 100 * 1024;
    const socket = connect(sandbox.sandbox.port, '127.0.0.1');
    await once(socket, 'connect');
    try {
      const refusal = nextResponse(socket);
      const start = '{"type":"person","email":"early@example.com","personDetails":{"firstName":"A","lastName":"B"},"metadata":{"big":"';
      socket.write(
        `POST /v1/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${key}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${declared}\r\n\r\n${start}`,
      );
      // Only the body's first bytes were sent: the answer must not wait for the rest.
      const answer = await refusal;
      expect(contract.check({ method: 'POST', path: '/v1/clients', ...answer })).toEqual([]);
      expect(answer.status).toBe(413);
      expect(answer.body).toEqual({ type: 'request_too_large', message: 'The request is larger than 65536 bytes' });

      const next = nextResponse(socket);
      socket.write(`${'x'.repeat(declared - start.length - 3)}"}}`);
      socket.write(`GET /v1/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${key}\r\n\r\n`);
      const listed = await next;
      expect(contract.check({ method: 'GET', path: '/v1/clients', ...listed })).toEqual([]);
      expect(listed.status).toBe(200);
      expect(listed.body).toMatchObject({ totalItems: 26 });
    } finally {
      socket.destroy();
    }
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
