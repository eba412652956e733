// Every problem the engine reports, in ComplyCube's error body `{type, message, param?}` (R errors, ledger
// facts 2–5): the documented texts (401 "The 'Authorization' header is invalid", 429 "You have exceeded the
// rate limit prescribed to your plan", "'personDetails' must be provided when client type is `person`") and
// the sandbox's own, each written out as a caller should read it.
import { complyCubeProblem, invalidRequest, notFound } from '../../src/vendors/complycube/errors.js';
import { failure } from '../helpers/problems.js';

const invalid = (message: string, param?: string) => ({
  status: 400,
  body: param === undefined ? { type: 'invalid_request', message } : { type: 'invalid_request', message, param },
});

describe('validation failures', () => {
  it.each([
    [failure('required', '', { missingProperty: '' }), invalid('The request body must be a JSON object; none was sent')],
    [failure('required', 'personDetails'), invalid("'personDetails' must be provided when client type is `person`", 'personDetails')],
    [failure('required', 'companyDetails'), invalid("'companyDetails' must be provided when client type is `company`", 'companyDetails')],
    [failure('required', 'email'), invalid("'email' is required", 'email')],
    [failure('required', 'clientId', {}, 'query'), invalid("'clientId' is required", 'clientId')],
    [failure('additionalProperties', 'colour'), invalid("'colour' is not allowed", 'colour')],
    [failure('unevaluatedProperties', 'colour'), invalid("'colour' is not allowed", 'colour')],
    [failure('format', 'joinedDate', { format: 'date' }), invalid("'joinedDate' must be a valid date in the format YYYY-MM-DD", 'joinedDate')],
    [failure('format', 'at', { format: 'date-time' }), invalid("'at' must be a date and time in ISO 8601, such as 2020-01-04T17:24:29.146Z", 'at')],
    [failure('format', 'email', { format: 'email' }), invalid("'email' must be a valid email address", 'email')],
    [failure('format', 'url', { format: 'uri' }), invalid("'url' must be an absolute URL, such as https://www.example.com/", 'url')],
    [failure('format', 'id', { format: 'uuid' }), invalid("'id' must be a valid uuid", 'id')],
    [failure('enum', 'type', { allowedValues: ['person', 'company', null] }), invalid("'type' must be one of: person, company", 'type')],
    [failure('enum', 'Prefer', {}, 'header', 'code=418 is not documented'), invalid("'Prefer': code=418 is not documented", 'Prefer')],
    [failure('enum', 'Prefer', { allowedValues: ['a'] }, 'body'), invalid("'Prefer' must be one of: a", 'Prefer')],
    [failure('enum', 'x-version', { allowedValues: ['1'] }, 'header'), invalid("'x-version' must be one of: 1", 'x-version')],
    [failure('const', 'kind', { allowedValue: 'x' }), invalid("'kind' must be x", 'kind')],
    [failure('maxProperties', 'metadata', { limit: 50 }), invalid("'metadata' must not have more than 50 keys", 'metadata')],
    [failure('maxProperties', 'metadata', { limit: 1 }), invalid("'metadata' must not have more than 1 key", 'metadata')],
    [
      failure('maxLength', 'metadata', { limit: 40, propertyName: 'k'.repeat(41) }),
      invalid(`'metadata' key '${'k'.repeat(41)}' is 41 characters long; key names must be at most 40 characters long`, 'metadata'),
    ],
    [failure('maxLength', 'metadata', { limit: 1, propertyName: 'é' }), invalid("'metadata' key 'é' is 1 character long; key names must be at most 1 character long", 'metadata')],
    [failure('maxLength', 'email', { limit: 100 }), invalid("'email' must be at most 100 characters long", 'email')],
    [failure('maxLength', 'email', { limit: 1 }), invalid("'email' must be at most 1 character long", 'email')],
    [failure('minLength', 'name', { limit: 1 }), invalid("'name' must not be empty", 'name')],
    [failure('minLength', 'name', { limit: 2 }), invalid("'name' must be at least 2 characters long", 'name')],
    [failure('pattern', 'nationality', { pattern: '^[A-Z]{2}$' }), invalid("'nationality' must be a two-letter ISO 3166-1 country code in capitals, such as GB", 'nationality')],
    [
      failure('pattern', 'fileName', { pattern: '\\.([Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Pp][Dd][Ff])$' }),
      invalid("'fileName' must be a file name ending in .jpg, .jpeg, .png or .pdf", 'fileName'),
    ],
    [
      failure('pattern', 'urls.0', { pattern: '^(\\*|[Hh][Tt][Tt][Pp][Ss]?)://(\\*|(\\*\\.)?[^/*\\s]+)/\\S*$' }),
      invalid("'urls.0' must be a URL pattern such as https://www.example.com/*", 'urls.0'),
    ],
    [failure('pattern', 'code', { pattern: '^[0-9]+$' }), invalid("'code' must be text matching the pattern ^[0-9]+$", 'code')],
    [failure('minItems', 'types', { limit: 1 }), invalid("'types' must have at least 1 item", 'types')],
    [failure('minItems', 'types', { limit: 2 }), invalid("'types' must have at least 2 items", 'types')],
    [failure('maxItems', 'types', { limit: 3 }), invalid("'types' must have at most 3 items", 'types')],
    [
      failure('uniqueItems', 'types', { i: 2, j: 0 }),
      invalid("'types' must not list the same item twice (items 0 and 2, counting from 0, are equal)", 'types'),
    ],
    [failure('type', '', { type: 'object' }), invalid('The request body must be a JSON object')],
    [failure('type', 'mobile', { type: ['string', 'null'] }), invalid("'mobile' must be of type string", 'mobile')],
    [failure('type', 'x', { type: ['string', 'number'] }), invalid("'x' must be of type string or number", 'x')],
    [failure('type', 'x', { type: 'integer' }), invalid("'x' must be of type integer", 'x')],
    [failure('minimum', 'page', { limit: 1 }, 'query'), invalid("'page' must be at least 1", 'page')],
    [failure('maximum', 'pageSize', { limit: 1000 }, 'query'), invalid("'pageSize' must be at most 1000", 'pageSize')],
    [failure('oneOf', ''), invalid('The request is invalid')],
    [failure('oneOf', 'address'), invalid("'address' is invalid", 'address')],
  ])('%j', (problem, expected) => {
    // Strictly: a body without a param has no `param` key at all.
    expect(complyCubeProblem(problem)).toStrictEqual(expected);
  });
});

describe('the handlers’ refusals', () => {
  it('answers 400 invalid_request with the param given, and the documented 404 text', () => {
    expect(invalidRequest("'type' cannot be amended", 'type').response).toStrictEqual(invalid("'type' cannot be amended", 'type'));
    expect(invalidRequest('The check cannot be validated').response).toStrictEqual(invalid('The check cannot be validated'));
    // R errors: `Invalid client id '123456789'`.
    expect(notFound('client', '123456789').response).toStrictEqual({
      status: 404,
      body: { type: 'resource_not_found', message: "Invalid client id '123456789'" },
    });
  });
});

describe('the engine’s other problems', () => {
  it.each([
    [{ kind: 'unauthorized', reason: 'missing' }, 401, { type: 'unauthorized', message: "The 'Authorization' header is invalid" }],
    [{ kind: 'unauthorized', reason: 'invalid' }, 401, { type: 'unauthorized', message: "The 'Authorization' header is invalid" }],
    [{ kind: 'route_not_found', method: 'GET', path: '/v1/robots' }, 404, { type: 'resource_not_found', message: "The resource 'GET /v1/robots' does not exist" }],
    [{ kind: 'malformed_body', detail: 'x' }, 400, { type: 'invalid_request', message: 'The request body is not valid JSON' }],
    [{ kind: 'body_too_deep', maxDepth: 64 }, 400, { type: 'invalid_request', message: 'The request body nests arrays and objects deeper than 64 levels' }],
    [{ kind: 'payload_too_large', limitBytes: 1024 }, 413, { type: 'request_too_large', message: 'The request is larger than 1024 bytes' }],
    [{ kind: 'rate_limited', retryAfterSeconds: 1, limit: 5 }, 429, { type: 'rate_limit_exceeded', message: 'You have exceeded the rate limit prescribed to your plan' }],
    [
      { kind: 'tenant_limit', maxTenants: 3, retryAfterSeconds: 1 },
      429,
      { type: 'rate_limit_exceeded', message: 'The sandbox holds its maximum of 3 tenants: reset some (POST /__sandbox/reset) or raise --max-tenants' },
    ],
    [{ kind: 'internal' }, 500, { type: 'internal_server_error', message: 'Something went wrong on our end' }],
  ] as const)('%j', (problem, status, body) => {
    expect(complyCubeProblem(problem as never)).toStrictEqual({ status, body });
  });

  it.each([
    [400, 'invalid_request', 'The request is invalid'],
    [401, 'unauthorized', "The 'Authorization' header is invalid"],
    [402, 'payment_required', 'Payment is due on your account'],
    [403, 'unauthorized', 'Your current plan does not include access to this service'],
    [404, 'resource_not_found', 'The requested resource could not be found'],
    [413, 'request_too_large', 'The request is too large'],
    [422, 'processing_error', 'The request could not be processed'],
    [429, 'rate_limit_exceeded', 'You have exceeded the rate limit prescribed to your plan'],
    [500, 'internal_server_error', 'Something went wrong on our end'],
    [503, 'internal_server_error', 'Something went wrong on our end'],
  ])('a forced %i is %s', (status, type, message) => {
    expect(complyCubeProblem({ kind: 'simulated', status })).toStrictEqual({ status, body: { type, message } });
  });
});
