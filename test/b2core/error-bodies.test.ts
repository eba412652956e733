// Every problem the engine reports, in B2Core's body `{code, message, errors?}` (docs/vendors/b2core.md: field
// errors `400 Validation failed` with `errors`, query ones `Invalid query parameters`, 404 `Client not found`,
// 401 `Unauthorized: <why>; <how to sign in>`, 429 `Too Many Requests` with X-RateLimit-Limit and -Remaining,
// an unknown route `No route found for "GET /path"`), with each field's message written out.
import { b2coreProblem, badRequest, clientNotFound, forbidden, unauthorized, validationFailed } from '../../src/vendors/b2core/errors.js';
import { failure } from '../helpers/problems.js';

const SIGN_IN = 'sign in with POST /api/v2/signin and send its accessToken.token as Authorization: Bearer <token>';
const fieldError = (field: string, message: string) => ({ status: 400, body: { code: 400, message: 'Validation failed', errors: { [field]: [message] } } });
const queryError = (field: string, message: string) => ({ status: 400, body: { code: 400, message: 'Invalid query parameters', errors: { [field]: [message] } } });
const plain = (status: number, message: string) => ({ status, body: { code: status, message } });

describe('field failures in a body', () => {
  it.each([
    [failure('required', 'email'), fieldError('email', 'This field is missing.')],
    [failure('additionalProperties', 'colour'), fieldError('colour', 'This field was not expected.')],
    [failure('type', 'typeId', { type: 'integer' }), fieldError('typeId', 'This value should be of type integer.')],
    [failure('type', 'managerId', { type: 'integer,null' }), fieldError('managerId', 'This value should be of type integer or null.')],
    [failure('format', 'email', { format: 'email' }), fieldError('email', 'This value is not a valid email address.')],
    [failure('format', 'createTime', { format: 'date-time' }), fieldError('createTime', 'This value should be in the date-time format.')],
    [failure('enum', 'locale', { allowedValues: ['en_US', 'de_DE'] }), fieldError('locale', 'The value you selected is not a valid choice. Choose one of: en_US, de_DE.')],
    [failure('minLength', 'givenName', { limit: 1 }), fieldError('givenName', 'This value should not be blank.')],
    [failure('minLength', 'password', { limit: 8 }), fieldError('password', 'This value is too short. It should have 8 characters or more.')],
    [failure('maxLength', 'givenName', { limit: 255 }), fieldError('givenName', 'This value is too long. It should have 255 characters or less.')],
    [failure('minimum', 'typeId', { limit: 1 }), fieldError('typeId', 'This value should be greater than or equal to 1.')],
    [failure('maximum', 'typeId', { limit: 2 }), fieldError('typeId', 'This value should be less than or equal to 2.')],
    [failure('minProperties', 'company', { limit: 1 }), fieldError('company', 'This object should have 1 field(s) or more.')],
    [
      failure('uniqueItems', 'tagIds', { i: 3, j: 1 }),
      fieldError('tagIds', 'This collection should contain only unique elements: those at indexes 1 and 3 are the same.'),
    ],
    [
      failure('uniqueItems', 'tagIds', { i: 2, j: 10 }),
      fieldError('tagIds', 'This collection should contain only unique elements: those at indexes 2 and 10 are the same.'),
    ],
    [failure('pattern', 'country_code'), fieldError('country_code', 'This value should be the three-digit numeric code of a country (ISO 3166), such as "784".')],
    [
      failure('pattern', 'phones.0.phone'),
      fieldError(
        'phones.0.phone',
        'This value is not a valid phone number: an optional "+", then 5 to 20 digits, spaces, brackets or dashes starting with a digit, such as "+971000000000".',
      ),
    ],
    [failure('pattern', 'locale'), fieldError('locale', 'This value should be a locale such as "en_US": a language, an underscore and a country.')],
    [failure('pattern', 'birthday'), fieldError('birthday', 'This value should be a date such as "1990-05-17", or a date-time such as "1990-05-17T00:00:00+00:00".')],
    [failure('pattern', 'addresses'), fieldError('addresses', 'Each key of this object should be a form index such as "0"; one is not.')],
    [failure('pattern', 'phones'), fieldError('phones', 'Each key of this object should be a form index such as "0"; one is not.')],
    [failure('pattern', 'zip', { pattern: '^[0-9]{5}$' }), fieldError('zip', 'This value should match the pattern ^[0-9]{5}$.')],
    [failure('oneOf', 'address', {}, 'body', 'must match exactly one schema'), fieldError('address', 'This value is not valid: it must match exactly one schema.')],
  ])('%j', (problem, expected) => {
    expect(b2coreProblem(problem)).toStrictEqual(expected);
  });
});

describe('the handlers’ refusals', () => {
  it('answers each in B2Core’s body', () => {
    expect(unauthorized('the access token expired at 2024-01-01T10:00:00+00:00').response).toStrictEqual(
      plain(401, `Unauthorized: the access token expired at 2024-01-01T10:00:00+00:00; ${SIGN_IN}`),
    );
    expect(forbidden('this admin sees only clients tagged EU (1)').response).toStrictEqual(plain(403, 'Forbidden: this admin sees only clients tagged EU (1)'));
    expect(clientNotFound().response).toStrictEqual(plain(404, 'Client not found'));
    expect(badRequest('Invalid query parameters', { limit: ['x'] }).response).toStrictEqual(queryError('limit', 'x'));
    expect(badRequest('Bad').response).toStrictEqual(plain(400, 'Bad'));
    expect(validationFailed({ email: ['This field is missing.'] }).response).toStrictEqual(fieldError('email', 'This field is missing.'));
  });
});

describe('failures elsewhere', () => {
  it.each([
    [failure('pattern', 'filter[statusIds]', { pattern: '^x$' }, 'query'), queryError('filter[statusIds]', 'This value should be a comma-separated list of integers, such as "1, 2, 3".')],
    [failure('maximum', 'limit', { limit: 100 }, 'query'), queryError('limit', 'This value should be less than or equal to 100.')],
    [failure('enum', 'sort_by', { allowedValues: ['a', 'b'] }, 'query'), queryError('sort_by', 'The value you selected is not a valid choice. Choose one of: a, b.')],
    // A path that fails its integer requirement names no client.
    [failure('type', 'clientId', { type: 'integer' }, 'path'), plain(404, 'Client not found')],
    [failure('required', ''), plain(400, 'The request body is missing: send a JSON object')],
    [
      failure('minProperties', '', { limit: 1 }),
      plain(400, 'The request body is an empty object: send at least one field to change, such as {"nickname": "Nickname"}'),
    ],
    [failure('type', '', { type: 'object' }), plain(400, 'The request body must be a JSON object, not an array or a single value')],
    [
      failure('enum', 'Prefer', {}, 'header', 'code=418 is not documented'),
      { status: 400, body: { code: 400, message: 'Invalid request headers', errors: { Prefer: ['code=418 is not documented'] } } },
    ],
  ])('%j', (problem, expected) => {
    expect(b2coreProblem(problem)).toStrictEqual(expected);
  });

  it('answers the engine’s other problems', () => {
    expect(b2coreProblem({ kind: 'unauthorized', reason: 'missing' })).toEqual(plain(401, `Unauthorized: no bearer token; ${SIGN_IN}`));
    expect(b2coreProblem({ kind: 'unauthorized', reason: 'invalid' })).toEqual(plain(401, `Unauthorized: the bearer token is not valid; ${SIGN_IN}`));
    expect(b2coreProblem({ kind: 'route_not_found', method: 'GET', path: '/api/v2/robots' })).toEqual(plain(404, 'No route found for "GET /api/v2/robots"'));
    expect(b2coreProblem({ kind: 'malformed_body', detail: 'Unexpected end of JSON input' })).toEqual(
      plain(400, 'The request body is not valid JSON: Unexpected end of JSON input'),
    );
    expect(b2coreProblem({ kind: 'body_too_deep', maxDepth: 64 })).toEqual(plain(400, 'The request body nests arrays and objects deeper than 64 levels'));
    expect(b2coreProblem({ kind: 'payload_too_large', limitBytes: 10 })).toEqual(plain(413, 'Payload Too Large'));
    expect(b2coreProblem({ kind: 'rate_limited', retryAfterSeconds: 1, limit: 5 })).toEqual({
      ...plain(429, 'Too Many Requests'),
      headers: { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0' },
    });
    expect(b2coreProblem({ kind: 'tenant_limit', maxTenants: 2, retryAfterSeconds: 1 })).toEqual(
      plain(429, 'The sandbox holds its maximum of 2 tenants: reset some (POST /__sandbox/reset) or raise --max-tenants'),
    );
    expect(b2coreProblem({ kind: 'internal' })).toEqual(plain(500, 'Internal Server Error'));
  });

  it.each([
    [400, 'Bad Request'],
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
    [404, 'Not Found'],
    [500, 'Internal Server Error'],
    [599, 'Error'],
  ])('a forced %i says %s', (status, message) => {
    expect(b2coreProblem({ kind: 'simulated', status })).toStrictEqual(plain(status, message));
  });

  it('a forced 429 has no limit to report', () => {
    expect(b2coreProblem({ kind: 'simulated', status: 429 })).toEqual({ ...plain(429, 'Too Many Requests'), headers: {} });
  });
});
