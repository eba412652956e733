import { connect } from 'node:net';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';

/**
 * Requests are recorded the same way whichever way they came: the path without scheme, host or
 * trailing slash, so one filter finds them all; and the journal is filtered by operationId.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

/** Sends one request with `target` as its request line's target, as a proxy client does. */
function send(method: string, target: string, body?: unknown): Promise<string> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const socket = connect(sandbox.sandbox.port, '127.0.0.1', () =>
      socket.end(
        `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${sandbox.sandbox.port}\r\nAuthorization: test_journal_paths\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      ),
    );
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received.split('\r\n')[0]!));
    socket.on('error', reject);
  });
}

describe('the journal, whichever way a request came', () => {
  it('records the path without scheme, host or trailing slash, and finds it by path and by operationId', async () => {
    const token = { clientId: JANE_DOE_ID, referrer: 'https://www.example.com/*' };
    expect(await send('POST', 'https://api.complycube.com/v1/tokens/', token)).toBe('HTTP/1.1 200 OK');
    expect(await send('POST', 'http://api.complycube.com/v1/tokens', token)).toBe('HTTP/1.1 200 OK');
    expect(await send('POST', '/v1/tokens/', token)).toBe('HTTP/1.1 200 OK');
    expect(await send('POST', '/v1/tokens', token)).toBe('HTTP/1.1 200 OK');
    expect(await send('GET', `https://api.complycube.com/v1/clients/${JANE_DOE_ID}/`)).toBe('HTTP/1.1 200 OK');

    const byPath = sandbox.sandbox.requests({ key: 'test_journal_paths', path: '/v1/tokens' });
    expect(byPath.map((entry) => [entry.path, entry.operationId])).toEqual(Array(4).fill(['/v1/tokens', 'generateToken']));
    expect(byPath.map((entry) => entry.headers.host)).toEqual(['api.complycube.com', 'api.complycube.com', `127.0.0.1:${sandbox.sandbox.port}`, `127.0.0.1:${sandbox.sandbox.port}`]);
    expect(sandbox.sandbox.requests({ key: 'test_journal_paths', path: '/v1/clients/*' }).map((entry) => entry.path)).toEqual([`/v1/clients/${JANE_DOE_ID}`]);

    expect(sandbox.sandbox.requests({ key: 'test_journal_paths', operationId: 'generateToken' })).toHaveLength(4);
    expect(sandbox.sandbox.requests({ key: 'test_journal_paths', operationId: 'getClient' }).map((entry) => entry.path)).toEqual([`/v1/clients/${JANE_DOE_ID}`]);
    expect(sandbox.sandbox.requests({ operationId: 'noSuchOperation' })).toEqual([]);

    // The control API takes the same filters.
    const overHttp = await sandbox.request('GET', '/__sandbox/requests?key=test_journal_paths&operationId=generateToken&path=/v1/tokens');
    expect(overHttp.status).toBe(200);
    expect(overHttp.body.items).toHaveLength(4);
    const other = await sandbox.request('GET', '/__sandbox/requests?key=test_journal_paths&operationId=getClient&path=/v1/tokens');
    expect(other.body.items).toEqual([]);
  });
});
