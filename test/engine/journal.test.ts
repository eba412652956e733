// The request journal as README.md describes it ("A bounded journal", and `GET /__sandbox/requests`):
// the last 2 000 requests and about 8 MB in all; a body over 16 KB listed by its size only; headers, query
// parameters and body fields named like a secret redacted whatever their value, and the credentials, query
// and fragment of URLs in bodies; filtered by vendor, operation, method, exact path or a prefix ending in
// `*`, status and key, and `limit` the newest N. Expectations are written out, not read from the journal.
import { isSecretName, redactBody, RequestJournal } from '../../src/simulation/journal.js';

type Recorded = Parameters<RequestJournal['record']>[0];

let clock = 0;
const request = (overrides: Partial<Recorded> = {}): Recorded => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)).toISOString(),
  vendor: 'complycube',
  method: 'GET',
  path: '/v1/clients',
  query: {},
  headers: {},
  body: undefined,
  status: 200,
  durationMs: 3,
  credentialHashes: [],
  bodyBytes: 0,
  ...overrides,
});

describe('names that hold a secret', () => {
  it.each([
    'ssn', 'SSN', 'password', 'passwd', 'passphrase', 'passcode', 'secret', 'token', 'pin', 'cvv', 'cvc', 'otp', 'cookie',
    'clientSecret', 'client_secret', 'x-auth-token', 'X-Client-Secret', 'accessToken', 'card_pin', 'set-cookie',
    'apiKey', 'api_key', 'X-API-KEY', 'authorization', 'Proxy-Authorization', 'newPassword', 'privateKey', 'private_key',
    'secretKey', 'webhookKey', 'webhook_key', 'accessKey', 'signature', 'X-Signature', 'credentials', 'userCredential',
  ])('%s is one', (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(['businessName', 'passportNumber', 'tokenization', 'pinnacle', 'spinner', 'email', 'id', 'description', 'signed', 'key', 'keyword', 'authority'])(
    '%s is not',
    (name) => {
      expect(isSecretName(name)).toBe(false);
    },
  );
});

describe('a body as listed', () => {
  it('redacts secret-named fields at any depth, whatever their value, and leaves the original alone', () => {
    const body = {
      email: 'a@b.example',
      password: { nested: 'still secret' },
      people: [{ ssn: '123456789', name: 'Jo' }, 'plain', 7, null, true],
      deep: { deeper: { api_key: 42 } },
    };
    expect(redactBody(body)).toEqual({
      email: 'a@b.example',
      password: '[redacted]',
      people: [{ ssn: '[redacted]', name: 'Jo' }, 'plain', 7, null, true],
      deep: { deeper: { api_key: '[redacted]' } },
    });
    expect(body.people[0]).toEqual({ ssn: '123456789', name: 'Jo' });
  });

  it('redacts the credentials, query and fragment of http(s) URLs, and leaves other strings', () => {
    expect(
      redactBody({
        a: 'https://user:pass@hooks.example.com/path?token=1#frag',
        b: 'http://hooks.example.com/only?x=1',
        c: 'HTTPS://hooks.example.com/p#f',
        d: 'https://hooks.example.com/plain',
        e: 'ftp://user:pass@host/x?y',
        f: 'see https://a:b@c.example/ later',
        g: 'https://Hooks.Example.COM',
      }),
    ).toEqual({
      a: 'https://[redacted]@hooks.example.com/path?[redacted]#[redacted]',
      b: 'http://hooks.example.com/only?[redacted]',
      c: 'https://hooks.example.com/p#[redacted]',
      d: 'https://hooks.example.com/plain',
      e: 'ftp://user:pass@host/x?y',
      f: 'see https://a:b@c.example/ later',
      // A URL without credentials, query or fragment is left exactly as written.
      g: 'https://Hooks.Example.COM',
    });
  });

  it('cuts a body deeper than 64 levels, and keeps one of 64', () => {
    const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { n: nest(levels - 1) });
    const depthOf = (value: unknown): number => (typeof value === 'object' && value !== null ? 1 + depthOf((value as { n: unknown }).n) : 0);
    const cut = redactBody(nest(70));
    expect(depthOf(cut)).toBe(64);
    let inner: unknown = cut;
    for (let level = 0; level < 64; level++) inner = (inner as { n: unknown }).n;
    expect(inner).toBe('[truncated]');
    expect(redactBody(nest(63))).toEqual(nest(63));
    expect(redactBody([[['x']]])).toEqual([[['x']]]);
    // Arrays count as levels too.
    const arrays = (levels: number): unknown => (levels === 0 ? 'leaf' : [arrays(levels - 1)]);
    let innermost: unknown = redactBody(arrays(70));
    for (let level = 0; level < 64; level++) innermost = (innermost as unknown[])[0];
    expect(innermost).toBe('[truncated]');
  });
});

describe('recording', () => {
  it('redacts the vendor’s credential headers and secret-named headers and query parameters as recorded', () => {
    const journal = new RequestJournal(new Set(['x-client-id']));
    journal.record(
      request({
        headers: { 'x-client-id': 'abc', 'x-auth-token': 't', accept: ['a', 'b'], 'content-type': 'application/json', dropped: undefined },
        query: { api_key: 'k', page: 2 },
        body: { password: 'p', name: 'n' },
        bodyBytes: 30,
      }),
    );
    const [entry] = journal.list();
    expect(entry).toEqual({
      id: 1,
      at: expect.any(String),
      vendor: 'complycube',
      method: 'GET',
      path: '/v1/clients',
      query: { api_key: '[redacted]', page: 2 },
      headers: { 'x-client-id': '[redacted]', 'x-auth-token': '[redacted]', accept: 'a, b', 'content-type': 'application/json' },
      body: { password: '[redacted]', name: 'n' },
      status: 200,
      durationMs: 3,
    });
    expect(entry).not.toHaveProperty('credentialHashes');
  });

  it('lists each answer as sent, whether it repeats the one before it or not', () => {
    const journal = new RequestJournal(new Set());
    const answer = (text: string) => ({
      operationId: 'listClients',
      response: { headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }, payload: text },
    });
    // Equal texts made apart, as a repeated request makes them.
    const page = (total: number) => ['{"items":[],', `"totalItems":${total}}`].join('');
    for (const text of [page(1), page(1), page(2), page(1), '{"totalItems":"ü"}']) journal.record(request(answer(text)));
    journal.record(request({ ...answer(page(1)), operationId: 'listAuditLogs' }));
    expect(journal.list().map((entry) => entry.responseBody)).toEqual([
      { items: [], totalItems: 1 },
      { items: [], totalItems: 1 },
      { items: [], totalItems: 2 },
      { items: [], totalItems: 1 },
      { totalItems: 'ü' },
      { items: [], totalItems: 1 },
    ]);
  });

  it('lists a body over 16 KB by its size only, and one of 16 KB as it is', () => {
    const journal = new RequestJournal(new Set());
    journal.record(request({ body: { a: 1 }, bodyBytes: 16 * 1024 }));
    journal.record(request({ body: { a: 2 }, bodyBytes: 16 * 1024 + 1 }));
    expect(journal.list().map((entry) => entry.body)).toEqual([{ a: 1 }, { omitted: '16385 bytes' }]);
  });

  it('counts a body listed by its size only as nothing towards the bound', () => {
    const journal = new RequestJournal(new Set(), 10, 2000);
    journal.record(request({ path: '/a' }));
    journal.record(request({ path: '/b', body: { big: true }, bodyBytes: 5_000_000 }));
    expect(journal.list().map((entry) => entry.path)).toEqual(['/a', '/b']);
  });

  it('keeps the last 2 000 requests by default, numbering them on', () => {
    const journal = new RequestJournal(new Set());
    for (let index = 0; index < 2003; index++) journal.record(request({ path: `/v1/clients/${index}` }));
    const listed = journal.list();
    expect(listed).toHaveLength(2000);
    expect(listed[0]).toMatchObject({ id: 4, path: '/v1/clients/3' });
    expect(listed.at(-1)).toMatchObject({ id: 2003, path: '/v1/clients/2002' });
  });

  it('keeps about 8 MB in all by default, dropping the oldest, but always the newest', () => {
    const journal = new RequestJournal(new Set());
    // Each entry is about 16 KB of body: 8 MB holds some 500 of them, not 600.
    for (let index = 0; index < 600; index++) journal.record(request({ body: { n: index }, bodyBytes: 16 * 1024 }));
    const listed = journal.list();
    expect(listed.length).toBeGreaterThan(450);
    expect(listed.length).toBeLessThan(520);
    expect(listed.at(-1)!.body).toEqual({ n: 599 });

    const tiny = new RequestJournal(new Set(), 10, 100);
    tiny.record(request({ path: '/first' }));
    tiny.record(request({ path: '/second' }));
    // One entry alone is over 100 bytes, and is kept all the same.
    expect(tiny.list().map((entry) => entry.path)).toEqual(['/second']);
  });

  it('counts header and query text towards the bound', () => {
    // 256 a request, plus its path (2), plus each header's and query parameter's name and text.
    const journal = new RequestJournal(new Set(), 10, 2 * (256 + 2 + 1 + 40 + 1 + 40));
    const big = { headers: { h: 'x'.repeat(40) }, query: { q: 'y'.repeat(40) }, path: '/a' };
    journal.record(request(big));
    journal.record(request(big));
    expect(journal.list()).toHaveLength(2);
    journal.record(request(big));
    expect(journal.list()).toHaveLength(2);
    // One byte more than two such entries: only the newest fits beside nothing.
    journal.record(request({ ...big, query: { q: 'y'.repeat(41) } }));
    expect(journal.list().map((entry) => entry.id)).toEqual([4]);
  });

  it('empties on clear, and its bound starts afresh', () => {
    const journal = new RequestJournal(new Set(), 10, 600);
    journal.record(request());
    journal.record(request());
    journal.clear();
    expect(journal.list()).toEqual([]);
    journal.record(request({ path: '/after' }));
    journal.record(request({ path: '/after2' }));
    expect(journal.list().map((entry) => entry.path)).toEqual(['/after', '/after2']);
  });
});

describe('listing', () => {
  const journal = new RequestJournal(new Set());
  beforeAll(() => {
    journal.record(request({ vendor: 'complycube', method: 'GET', path: '/v1/clients', status: 200, credentialHashes: ['k1'], operationId: 'listClients' }));
    journal.record(request({ vendor: 'complycube', method: 'POST', path: '/v1/clients', status: 400, credentialHashes: ['k2'], operationId: 'createClient' }));
    journal.record(request({ vendor: 'send', method: 'GET', path: '/users/u1', status: 404, credentialHashes: ['k1', 'k3'], operationId: 'getUser' }));
    journal.record(request({ vendor: 'complycube', method: 'GET', path: '/v1/clients/c1', status: 200, credentialHashes: ['k2'], operationId: 'getClient' }));
  });
  const paths = (filter: Parameters<RequestJournal['list']>[0]) => journal.list(filter).map((entry) => `${entry.method} ${entry.path}`);

  it('filters on each field, and on all of them together', () => {
    expect(paths({})).toEqual(['GET /v1/clients', 'POST /v1/clients', 'GET /users/u1', 'GET /v1/clients/c1']);
    expect(paths({ vendor: 'send' })).toEqual(['GET /users/u1']);
    expect(paths({ operationId: 'createClient' })).toEqual(['POST /v1/clients']);
    expect(paths({ operationId: 'getUser', vendor: 'complycube' })).toEqual([]);
    expect(paths({ method: 'post' })).toEqual(['POST /v1/clients']);
    expect(paths({ method: 'GET' })).toEqual(['GET /v1/clients', 'GET /users/u1', 'GET /v1/clients/c1']);
    expect(paths({ status: 200 })).toEqual(['GET /v1/clients', 'GET /v1/clients/c1']);
    expect(paths({ credentialHash: 'k1' })).toEqual(['GET /v1/clients', 'GET /users/u1']);
    expect(paths({ vendor: 'complycube', method: 'get', status: 200, credentialHash: 'k2' })).toEqual(['GET /v1/clients/c1']);
  });

  it('matches a path exactly, or by a prefix ending in *', () => {
    expect(paths({ path: '/v1/clients' })).toEqual(['GET /v1/clients', 'POST /v1/clients']);
    expect(paths({ path: '/v1/client' })).toEqual([]);
    expect(paths({ path: '/v1/clients*' })).toEqual(['GET /v1/clients', 'POST /v1/clients', 'GET /v1/clients/c1']);
    expect(paths({ path: '/v1/clients/*' })).toEqual(['GET /v1/clients/c1']);
    expect(paths({ path: '*' })).toHaveLength(4);
  });

  it('gives the newest N with limit, oldest first', () => {
    expect(paths({ limit: 2 })).toEqual(['GET /users/u1', 'GET /v1/clients/c1']);
    expect(paths({ limit: 1, vendor: 'complycube' })).toEqual(['GET /v1/clients/c1']);
    expect(paths({ limit: 10 })).toHaveLength(4);
  });
});
