import { ResponseValidator } from '../../src/validation/response-validator.js';
import { freezeWallClock, thawWallClock } from '../helpers/frozen-time.js';
import { launchToy, RIPENING_MS, toyVendor, type ToySandbox } from './toy-vendor/toy-vendor.js';

/**
 * The engine alone, through a vendor that exists only for it (`test/engine/toy-vendor/`): routing,
 * binding, validation, authentication, the rate limiter, faults, `Prefer`, the scheduler and the
 * clock. Every answer is checked against the toy's document.
 */
let toy: ToySandbox;
let contract: ResponseValidator;
beforeAll(async () => {
  // Bursts land in one window however loaded the machine; time moves by the sandbox clock only.
  freezeWallClock();
  toy = await launchToy();
  contract = new ResponseValidator(toy.app.vendors.map(({ spec }) => spec));
});
afterAll(async () => {
  await toy.stop();
  thawWallClock();
});

let keys = 0;
const freshKey = () => `toy-key-${++keys}`;

interface CallOptions {
  key?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave the sandbox clock where it is; otherwise each call comes half a second later, within the toy's limit. */
  sameInstant?: boolean;
}

async function call(method: string, path: string, { key, body, headers = {}, sameInstant = false }: CallOptions = {}) {
  if (!sameInstant) toy.app.runtime.clock.advance(500);
  const response = await fetch(toy.url + path, {
    method,
    headers: { ...(key ? { 'x-toy-key': key } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : undefined;
  const problems = contract.check({ method, path, status: response.status, headers: Object.fromEntries(response.headers), body: parsed });
  expect(problems).toEqual([]);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

describe('routing', () => {
  it('serves a templated path, HEAD wherever GET is, and a trailing slash', async () => {
    const key = freshKey();
    const made = await call('POST', '/toy/things', { key, body: { name: 'apple' } });
    expect(made.status).toBe(201);
    expect((await call('GET', `/toy/things/${made.body.id}`, { key })).body).toEqual({ id: made.body.id, name: 'apple', ripe: false });
    expect((await call('GET', '/toy/things/', { key })).body.items).toHaveLength(1);
    const head = await call('HEAD', '/toy/things', { key });
    expect([head.status, head.text]).toEqual([200, '']);
  });

  it('answers a path under the base path that no operation has in the vendor’s own format, and leaves others alone', async () => {
    expect((await call('GET', '/toy/nothing', { key: freshKey() })).body).toEqual({ error: 'route_not_found', detail: 'GET /toy/nothing' });
    expect((await call('DELETE', '/toy/things', { key: freshKey() })).body).toEqual({ error: 'route_not_found', detail: 'DELETE /toy/things' });
    expect((await fetch(`${toy.url}/elsewhere`)).status).toBe(404);
  });
});

describe('binding operations to handlers', () => {
  it('refuses to start without a handler for an operation, or with one for no operation, naming it', async () => {
    const { getThing: _missing, ...handlers } = toyVendor.handlers;
    await expect(launchToy({}, { ...toyVendor, handlers })).rejects.toThrow(/operation 'getThing' \(GET \/toy\/things\/\{id\}\) has no handler/);
    await expect(launchToy({}, { ...toyVendor, handlers: { ...toyVendor.handlers, eatThing: () => ({ status: 200 }) } })).rejects.toThrow(
      /handler 'eatThing' has no operation/,
    );
  });
});

describe('authentication and validation', () => {
  it('refuses a missing key, and lets a public operation through without one', async () => {
    expect(await call('GET', '/toy/things')).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(await call('GET', '/toy/ping')).toMatchObject({ status: 200, body: { pong: true } });
  });

  it('refuses a body or query the document does not allow, naming the field, and changes nothing', async () => {
    const key = freshKey();
    expect((await call('POST', '/toy/things', { key, body: { name: '' } })).body).toEqual({ error: 'validation', detail: 'name: must NOT have fewer than 1 characters' });
    expect((await call('POST', '/toy/things', { key, body: { name: 'pear', colour: 'green' } })).body.error).toBe('validation');
    expect((await call('GET', '/toy/things?limit=11', { key })).body).toEqual({ error: 'validation', detail: 'limit: must be <= 10' });
    expect((await call('GET', '/toy/things', { key })).body).toEqual({ limit: 3, items: [] });
  });

  it('hands the handler the query coerced to the document’s types, with its defaults', async () => {
    const key = freshKey();
    for (const name of ['a', 'b', 'c', 'd']) await call('POST', '/toy/things', { key, body: { name } });
    const listed = await call('GET', '/toy/things?limit=2', { key });
    expect(listed.body.limit).toBe(2);
    expect(listed.body.items.map((thing: { name: string }) => thing.name)).toEqual(['a', 'b']);
  });
});

describe('the rate limiter', () => {
  it('lets the vendor’s two a second through, refuses the third with Retry-After, and opens the next window', async () => {
    const key = freshKey();
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await call('GET', '/toy/things', { key, sameInstant: true })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await call('GET', '/toy/things', { key, sameInstant: true });
    expect(refused.headers.get('retry-after')).toBe('1');
    // Another key has its own window.
    expect((await call('GET', '/toy/things', { key: freshKey(), sameInstant: true })).status).toBe(200);
    toy.app.runtime.clock.advance(999);
    expect((await call('GET', '/toy/things', { key, sameInstant: true })).status).toBe(429);
    toy.app.runtime.clock.advance(1);
    expect((await call('GET', '/toy/things', { key, sameInstant: true })).status).toBe(200);
  });
});

describe('faults and Prefer', () => {
  it('fails exactly the next matching requests a fault names, then serves again', async () => {
    const key = freshKey();
    toy.app.plane.faults.add({ path: '/toy/things', count: 2, action: 'status', status: 503 });
    const statuses = [];
    for (let index = 0; index < 3; index++) statuses.push((await call('GET', '/toy/things', { key })).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('answers a documented status on request, refuses an undocumented or malformed one, and ignores other preferences', async () => {
    const key = freshKey();
    const get = (prefer: string) => call('GET', '/toy/things/none', { key, headers: { prefer } });
    const forced = await get('code=429');
    expect([forced.status, forced.body, forced.headers.get('retry-after')]).toEqual([429, { error: 'simulated' }, '1']);
    expect((await get('code=418')).body).toEqual({ error: 'validation', detail: 'Prefer: code=418 is not documented for getThing; documented: 200, 401, 404, 429, 500' });
    expect((await get('code=abc')).body).toEqual({ error: 'validation', detail: 'Prefer: code=abc is not an HTTP status (100 to 599)' });
    expect((await get('code=42')).body).toEqual({ error: 'validation', detail: 'Prefer: code=42 is not an HTTP status (100 to 599)' });
    expect((await get('delay=-5')).body).toEqual({ error: 'validation', detail: 'Prefer: delay=-5 is not a whole number of milliseconds up to 60000' });
    expect((await get('delay=10s')).headers.get('sandbox-simulated')).toBe('refused');
    // RFC 7240's own preferences are the client's business: the request is served (here, its 404).
    expect((await get('return=minimal, respond-async')).body).toEqual({ error: 'not_found', detail: 'no thing none' });
  });
});

describe('the scheduler and the clock', () => {
  it('runs pending work when the sandbox clock reaches it, not before', async () => {
    const key = freshKey();
    const made = await call('POST', '/toy/things', { key, body: { name: 'plum' } });
    const ripe = async () => {
      toy.app.runtime.scheduler.runDue();
      return (await call('GET', `/toy/things/${made.body.id}`, { key, sameInstant: true })).body.ripe;
    };
    toy.app.runtime.clock.advance(RIPENING_MS - 1);
    expect(await ripe()).toBe(false);
    toy.app.runtime.clock.advance(1);
    expect(await ripe()).toBe(true);
  });

  it('runs everything pending at once when asked', async () => {
    const key = freshKey();
    const made = await call('POST', '/toy/things', { key, body: { name: 'fig' } });
    expect(toy.app.runtime.scheduler.runAll()).toBeGreaterThanOrEqual(1);
    expect((await call('GET', `/toy/things/${made.body.id}`, { key })).body.ripe).toBe(true);
  });
});
