import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { ADMIN, b2core, EU_DESK, isolatedCredentials, signIn } from '../helpers/b2core.js';

const HOUR = 3600 * 1000;
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;
const SIGN_IN = 'sign in with POST /api/v2/signin and send its accessToken.token as Authorization: Bearer <token>';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

describe('sign-in', () => {
  it('gives a pair of JWT-shaped tokens: access for 10 hours, refresh for 30 days', async () => {
    const response = await sandbox.request('POST', '/api/v2/signin', { json: ADMIN });
    expect(response.status).toBe(200);
    const { accessToken, refreshToken } = response.body;
    expect(response.body['2faRequired']).toBe(false);
    for (const token of [accessToken, refreshToken]) {
      expect(token.createdAt).toMatch(TIME);
      expect(token.expiresAt).toMatch(TIME);
    }
    expect(Date.parse(accessToken.expiresAt) - Date.parse(accessToken.createdAt)).toBe(10 * HOUR);
    expect(Date.parse(refreshToken.expiresAt) - Date.parse(refreshToken.createdAt)).toBe(30 * 24 * HOUR);
    const payload = JSON.parse(Buffer.from(accessToken.token.split('.')[1], 'base64url').toString());
    expect(payload).toMatchObject({ sub: '1', exp: Date.parse(accessToken.expiresAt) / 1000 });
    expect(accessToken.token).not.toBe(refreshToken.token);
  });

  it('takes the email in any case', async () => {
    const upper = await sandbox.request('POST', '/api/v2/signin', { json: { ...ADMIN, email: 'ADMIN@B2CORE.example' } });
    expect(upper.status).toBe(200);
  });

  it('refuses wrong credentials with 401', async () => {
    for (const json of [{ ...ADMIN, password: 'wrong' }, { email: 'nobody@b2core.example', password: ADMIN.password }, { ...ADMIN, password: 123 }]) {
      const response = await sandbox.request('POST', '/api/v2/signin', { json });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 401, message: 'Invalid credentials.' });
    }
  });

  it('answers a body without a password with 400 naming it', async () => {
    const response = await sandbox.request('POST', '/api/v2/signin', { json: { email: ADMIN.email } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 400, message: 'Validation failed', errors: { password: ['This field is missing.'] } });
  });

  it('answers a body that is not JSON with 400', async () => {
    const response = await sandbox.request('POST', '/api/v2/signin', { raw: '{"email":', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: 400, message: 'The request body is not valid JSON: Unexpected end of JSON input' });
  });
});

describe('bearer tokens', () => {
  it('refuses a missing, unknown or malformed bearer with 401 Unauthorized, saying which and how to sign in', async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, 'no bearer token'],
      [{ Authorization: 'Bearer not-a-token' }, 'the bearer token is not one this sandbox issued'],
      [{ Authorization: 'Basic YWRtaW46YWRtaW4=' }, 'no bearer token'],
      [{ Authorization: 'Bearer ' }, 'no bearer token'],
    ];
    for (const [headers, why] of cases) {
      const response = await sandbox.request('GET', '/api/v2/clients', { headers });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 401, message: `Unauthorized: ${why}; ${SIGN_IN}` });
    }
  });

  it('does not take the refresh token as a bearer, and says so', async () => {
    const { refreshToken } = await signIn(sandbox);
    const response = await b2core(sandbox, refreshToken.token).get('/clients');
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      code: 401,
      message: `Unauthorized: the bearer token is the refresh token, not the access token; ${SIGN_IN}`,
    });
  });

  it('accepts the access token until it expires, then refuses it with 401', async () => {
    const { accessToken } = await signIn(sandbox);
    const api = b2core(sandbox, accessToken.token);
    expect((await api.get('/clients/1')).status).toBe(200);

    sandbox.sandbox.advanceClock(10 * HOUR - 60 * 1000);
    expect((await api.get('/clients/1')).status).toBe(200);

    sandbox.sandbox.advanceClock(2 * 60 * 1000);
    const expired = await api.get('/clients/1');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ code: 401, message: `Unauthorized: the access token expired at ${accessToken.expiresAt}; ${SIGN_IN}` });
    expect((await api.get('/clients')).status).toBe(401);

    const fresh = await signIn(sandbox);
    expect((await b2core(sandbox, fresh.accessToken.token).get('/clients/1')).status).toBe(200);
  });
});

describe('back offices', () => {
  it('are apart by sub-address and shared by the admins who sign in with the same one', async () => {
    const [alpha, beta] = [await isolatedCredentials(sandbox, 'alpha'), await isolatedCredentials(sandbox, 'beta')];
    const as = (headers: Record<string, string>) => (method: string, path: string, json?: unknown) =>
      sandbox.request(method, `/api/v2${path}`, { headers, json });
    const [inAlpha, inBeta] = [as(alpha), as(beta)];
    const shared = b2core(sandbox, (await signIn(sandbox)).accessToken.token);
    const euAlpha = b2core(sandbox, (await signIn(sandbox, { ...EU_DESK, email: 'eu.desk+alpha@b2core.example' })).accessToken.token);

    const newClient = { info: { givenName: 'Ada', familyName: 'Alpha' }, email: 'ada@example.com' };
    const created = await inAlpha('POST', '/clients', newClient);
    expect(created.status).toBe(201);
    expect((await inAlpha('GET', `/clients/${created.body.clientId}`)).status).toBe(200);
    expect((await inBeta('GET', '/clients?filter[email]=ada@example.com')).body.total).toBe(0);
    expect((await shared.get('/clients?filter[email]=ada@example.com')).body.total).toBe(0);
    // The EU desk of the same back office sees its clients tagged EU, not Ada, who has no tags.
    expect((await euAlpha.get('/clients?filter[email]=ada@example.com')).body.total).toBe(0);
    expect((await euAlpha.get('/clients/2')).status).toBe(200);
    // The email is free in another back office.
    expect((await inBeta('POST', '/clients', newClient)).status).toBe(201);
  });
});

describe('unknown routes', () => {
  it('answer 404 in the B2Core error format', async () => {
    const { accessToken } = await signIn(sandbox);
    const response = await b2core(sandbox, accessToken.token).get('/wallets');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ code: 404, message: 'No route found for "GET /api/v2/wallets"' });
  });
});

describe('rate limit', () => {
  it('is off by default', async () => {
    const { accessToken } = await signIn(sandbox);
    const api = b2core(sandbox, accessToken.token);
    const statuses = await Promise.all(Array.from({ length: 12 }, () => api.get('/clients?limit=1')));
    expect(statuses.every((response) => response.status === 200)).toBe(true);
  });

  it('answers 429 with Retry-After and X-RateLimit headers once --rate-limit is used up', async () => {
    const limited = await launch({ rateLimit: 2 });
    try {
      const { accessToken } = await signIn(limited);
      const api = b2core(limited, accessToken.token);
      // Sign-in used one of the two requests of the window: the back office's quota is shared by its admins.
      const responses = [];
      for (let index = 0; index < 3; index++) responses.push(await api.get('/clients?limit=1'));
      const refused = responses.find((response) => response.status === 429)!;
      expect(refused).toBeDefined();
      expect(refused.body).toEqual({ code: 429, message: 'Too Many Requests' });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('x-ratelimit-limit')).toBe('2');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    } finally {
      await limited.stop();
    }
  });
});
