// Every problem the engine reports, in CryptoMate's body `{code, message, trace_id}` with X-Trace-Id (docs:
// Errors, ledger facts 4, 8–11: 401 API_ERROR "Access denied. The API Key is not authorized to do this
// operation.", 404 NOT_FOUND "Resource not found" for an unknown route, 500 SERVER_ERROR; 400 BAD_REQUEST
// `<field>: <reason>` in Spring's words), and the 429 body exactly as the rate-limiting page shows it.
import { badRequest, clientNotFound, cryptoMateProblem, notFound, unauthorized, validationFailed } from '../../src/vendors/cryptomate/errors.js';
import type { VendorError } from '../../src/vendors/contract.js';
import { TRACE_ID } from '../helpers/cryptomate.js';
import { failure } from '../helpers/problems.js';

/** The body and headers, with the trace id checked to be one and the same 32 hex digits in both. */
function answered(problem: Parameters<typeof cryptoMateProblem>[0]) {
  const response = cryptoMateProblem(problem);
  const headers = response.headers as Record<string, string>;
  expect(headers['x-trace-id']).toMatch(TRACE_ID);
  const { trace_id: traceId, ...body } = response.body as Record<string, unknown>;
  if (traceId !== undefined) expect(traceId).toBe(headers['x-trace-id']);
  return { status: response.status, body, traced: traceId !== undefined };
}
const error = (status: number, code: string, message: string) => ({ status, body: { code, message }, traced: true });
const bad = (message: string) => error(400, 'BAD_REQUEST', message);

describe('validation failures', () => {
  it.each([
    [failure('required', ''), bad('Required request body is missing')],
    [failure('type', '', { type: 'object' }), bad('JSON parse error: the request body must be a JSON object')],
    [failure('required', 'full_phone_number', {}, 'query'), bad("Required request parameter 'full_phone_number' is not present")],
    [failure('type', 'limit', { type: 'integer' }, 'query', 'must be integer'), bad('limit: must be of type integer')],
    [failure('enum', 'Prefer', {}, 'header', 'code=418 is not documented'), bad('Prefer: code=418 is not documented')],
    [failure('required', 'associated_persons.0.email'), bad('associated_persons[0].email: must not be null')],
    // Spring writes list indexes in brackets in a body's paths only; a query parameter keeps its name.
    [failure('type', 'ids.1', { type: 'integer' }, 'query'), bad('ids.1: must be of type integer')],
    [failure('required', 'a.10.b.2'), bad('a[10].b[2]: must not be null')],
    [failure('required', 'address.zip1'), bad('address.zip1: must not be null')],
    [failure('format', 'email', { format: 'email' }), bad('email: must be a well-formed email address')],
    [failure('format', 'date_of_birth', { format: 'date' }), bad('date_of_birth: must be a valid date (yyyy-mm-dd)')],
    [failure('format', 'id', { format: 'uuid' }), bad('id: must be a valid uuid')],
    [failure('type', 'phone', { type: ['string', 'null'] }), bad('phone: must be of type string')],
    [failure('type', 'x', { type: ['string', 'number'] }), bad('x: must be of type string or number')],
    [failure('minItems', 'associated_persons'), bad('associated_persons: must not be empty')],
    [failure('minLength', 'first_name'), bad('first_name: must not be blank')],
    [failure('minimum', 'ownership', { limit: 0 }), bad('ownership: must be greater than or equal to 0')],
    [failure('maximum', 'ownership', { limit: 100 }), bad('ownership: must be less than or equal to 100')],
    [failure('enum', 'type', { allowedValues: ['INDIVIDUAL', 'BUSINESS'] }), bad('type: must be one of INDIVIDUAL, BUSINESS')],
    [failure('pattern', 'country', {}, 'body', 'must match pattern "^[A-Z]{2}$"'), bad('country: must match pattern "^[A-Z]{2}$"')],
  ])('%j', (problem, expected) => {
    expect(answered(problem)).toEqual(expected);
  });
});

describe('a body that cannot be read', () => {
  it.each([
    // body-parser's strict mode on a string, a number or null: valid JSON, but not an object.
    [`Unexpected token '"', ""x"" is not valid JSON`, 'JSON parse error: the request body must be a JSON object'],
    [`Unexpected token 'n', "null" is not valid JSON`, 'JSON parse error: the request body must be a JSON object'],
    [`Unexpected token '1', " 12" is not valid JSON`, 'JSON parse error: the request body must be a JSON object'],
    // A real syntax error keeps the parser's reason.
    [`Unexpected token 'x', "{x}" is not valid JSON`, `JSON parse error: Unexpected token 'x', "{x}" is not valid JSON`],
    ['Unexpected end of JSON input', 'JSON parse error: Unexpected end of JSON input'],
    // Only a message that opens with the parser's words is read for a first character.
    [`Bad body: Unexpected token '"', ""x"" is not valid JSON`, `JSON parse error: Bad body: Unexpected token '"', ""x"" is not valid JSON`],
    ['unsupported charset "LATIN1"', 'Content-Type: unsupported charset "LATIN1"; send the JSON body in UTF-8'],
    ['unsupported content encoding "br"', 'The request body could not be read: unsupported content encoding "br"'],
  ])('%s', (detail, message) => {
    expect(answered({ kind: 'malformed_body', detail })).toEqual(bad(message));
  });
});

describe('the handlers’ refusals', () => {
  it('answers each in CryptoMate’s body, with a trace id', () => {
    const strip = (error: VendorError) => {
      const { trace_id: _trace, ...body } = error.response.body as Record<string, unknown>;
      expect((error.response.headers as Record<string, string>)['x-trace-id']).toMatch(TRACE_ID);
      return { status: error.response.status, body };
    };
    expect(strip(unauthorized())).toEqual({ status: 401, body: { code: 'API_ERROR', message: 'Access denied. The API Key is not authorized to do this operation.' } });
    expect(strip(notFound('Client not found: 7'))).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Client not found: 7' } });
    expect(strip(clientNotFound('cc_1'))).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: 'Company client not found with id: cc_1' } });
    expect(strip(validationFailed('A BRIDGE link is needed'))).toEqual({ status: 412, body: { code: 'VAL', message: 'A BRIDGE link is needed' } });
    expect(strip(badRequest('email: must not be blank'))).toEqual({ status: 400, body: { code: 'BAD_REQUEST', message: 'email: must not be blank' } });
  });
});

describe('the engine’s other problems', () => {
  const RATE_LIMITED = (seconds: number) => ({
    status: 429,
    body: { error_code: 'TOO_MANY_REQUESTS', message: `Rate limit exceeded. Retry after ${seconds} seconds` },
    traced: false,
  });

  it('answers each in CryptoMate’s body', () => {
    expect(answered({ kind: 'unauthorized', reason: 'missing' })).toEqual(
      error(401, 'API_ERROR', 'Access denied. The API Key is not authorized to do this operation.'),
    );
    expect(answered({ kind: 'route_not_found', method: 'GET', path: '/management/x' })).toEqual(error(404, 'NOT_FOUND', 'Resource not found'));
    expect(answered({ kind: 'body_too_deep', maxDepth: 64 })).toEqual(bad('JSON parse error: the request body nests arrays and objects deeper than 64 levels'));
    expect(answered({ kind: 'payload_too_large', limitBytes: 99 })).toEqual(bad('The request body is larger than 99 bytes'));
    expect(answered({ kind: 'rate_limited', retryAfterSeconds: 2, limit: 15 })).toEqual(RATE_LIMITED(2));
    expect(answered({ kind: 'tenant_limit', maxTenants: 2, retryAfterSeconds: 4 })).toEqual(RATE_LIMITED(4));
    expect(answered({ kind: 'internal' })).toEqual(error(500, 'SERVER_ERROR', 'Internal server error'));
  });

  it.each([
    [302, 'WARNING', 'The operation needs confirmation'],
    [400, 'BAD_REQUEST', 'Bad request'],
    [401, 'API_ERROR', 'Access denied. The API Key is not authorized to do this operation.'],
    [404, 'NOT_FOUND', 'Resource not found'],
    [412, 'VAL', 'Validation failed'],
    [500, 'SERVER_ERROR', 'Internal server error'],
    [503, 'SERVER_ERROR', 'Internal server error'],
  ])('a forced %i is %s', (status, code, message) => {
    expect(answered({ kind: 'simulated', status })).toEqual(error(status, code, message));
  });

  it('a forced 429 is the documented body, for a second', () => {
    expect(answered({ kind: 'simulated', status: 429 })).toEqual(RATE_LIMITED(1));
  });

  it('gives every refusal a trace id of its own', () => {
    const ids = new Set(Array.from({ length: 5 }, () => (cryptoMateProblem({ kind: 'internal' }).headers as Record<string, string>)['x-trace-id']));
    expect(ids.size).toBe(5);
  });
});
