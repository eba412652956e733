// Every problem the engine reports, in SEND's error body `{"success": false, "error": {code, message, field?}}`
// (openapi/send.yaml's Error schema; Machnet publishes no texts, so these are the sandbox's own, each naming
// the field at fault and what is expected, written out as a caller should read them).
import { badRequest, sendProblem, UNAUTHORIZED_MESSAGE, userNotFound } from '../../src/vendors/send/errors.js';
import { failure } from '../helpers/problems.js';

const error = (status: number, code: string, message: string, field?: string) => ({
  status,
  body: { success: false, error: field === undefined ? { code, message } : { code, message, field } },
});
const invalid = (message: string, field?: string) => error(400, 'VALIDATION_ERROR', message, field);
const DATA_URI = 'must be a Base64 data URI such as data:image/jpg;base64,SUQs==';

describe('validation failures', () => {
  it.each([
    [failure('required', ''), invalid('A JSON request body is required, sent with Content-Type: application/json')],
    [failure('required', 'email'), invalid('email is required', 'email')],
    [failure('additionalProperties', 'colour'), invalid('colour is not a recognised field', 'colour')],
    [failure('unevaluatedProperties', 'colour'), invalid('colour is not a recognised field', 'colour')],
    [failure('format', 'date_of_birth', { format: 'date' }), invalid('date_of_birth must be a date in the format yyyy-MM-dd', 'date_of_birth')],
    [failure('format', 'email', { format: 'email' }), invalid('email must be an email address', 'email')],
    [failure('format', 'id', { format: 'uuid' }), invalid('id must be a valid uuid', 'id')],
    [failure('enum', 'Prefer', {}, 'header', 'code=418 is not documented'), invalid('Prefer: code=418 is not documented', 'Prefer')],
    [failure('enum', 'Prefer', { allowedValues: ['a', 'b'] }, 'body'), invalid('Prefer must be one of: a, b', 'Prefer')],
    [failure('enum', 'x-client-id', { allowedValues: ['a'] }, 'header'), invalid('x-client-id must be one of: a', 'x-client-id')],
    [failure('enum', 'user_scope', { allowedValues: ['PERSONAL', 'FINANCE'] }), invalid('user_scope must be one of: PERSONAL, FINANCE', 'user_scope')],
    [failure('const', 'business', { allowedValue: true }), invalid('business must be true', 'business')],
    [failure('pattern', 'virtual_documents.0.document_value'), invalid('virtual_documents.0.document_value must be nine digits without dashes for document_type SSN', 'virtual_documents.0.document_value')],
    [failure('pattern', 'virtual_documents.12.document_value'), invalid('virtual_documents.12.document_value must be nine digits without dashes for document_type SSN', 'virtual_documents.12.document_value')],
    [failure('pattern', 'physical_documents.0.document_value'), invalid(`physical_documents.0.document_value ${DATA_URI}`, 'physical_documents.0.document_value')],
    [failure('pattern', 'physical_documents.0.document_value_back'), invalid(`physical_documents.0.document_value_back ${DATA_URI}`, 'physical_documents.0.document_value_back')],
    [failure('pattern', 'virtual_documents.0.document_value_back'), invalid(`virtual_documents.0.document_value_back ${DATA_URI}`, 'virtual_documents.0.document_value_back')],
    [failure('pattern', 'document_value'), invalid(`document_value ${DATA_URI}`, 'document_value')],
    [failure('pattern', 'user.virtual_documents.1.document_value'), invalid('user.virtual_documents.1.document_value must be nine digits without dashes for document_type SSN', 'user.virtual_documents.1.document_value')],
    [failure('pattern', 'xvirtual_documents.1.document_value'), invalid(`xvirtual_documents.1.document_value ${DATA_URI}`, 'xvirtual_documents.1.document_value')],
    [failure('pattern', 'mobile_phone'), invalid('mobile_phone must be 10 to 15 digits, without spaces, dashes or a leading +', 'mobile_phone')],
    [failure('pattern', 'mailing_address.state'), invalid('mailing_address.state must be a 2-letter state code in capital letters, such as CA', 'mailing_address.state')],
    [failure('pattern', 'country'), invalid('country must be a 2-letter ISO 3166-1 country code in capital letters, such as US', 'country')],
    [failure('pattern', 'gender'), invalid('gender must be one of: male, female, other', 'gender')],
    [failure('pattern', 'zipcode'), invalid('zipcode is not in the expected format', 'zipcode')],
    [failure('type', ''), invalid('Request body must be a JSON object')],
    [failure('type', 'business', { type: 'boolean' }), invalid('business must be of type boolean', 'business')],
    [failure('minLength', 'first_name', { limit: 1 }), invalid('first_name must not be empty', 'first_name')],
    [failure('maxLength', 'first_name', { limit: 50 }), invalid('first_name must be at most 50 characters long', 'first_name')],
    [failure('maxItems', 'virtual_documents', { limit: 5 }), invalid('virtual_documents must have at most 5 items', 'virtual_documents')],
    [failure('minimum', 'ownership_percentage', { limit: 0 }), invalid('ownership_percentage must be at least 0', 'ownership_percentage')],
    [failure('maximum', 'ownership_percentage', { limit: 100 }), invalid('ownership_percentage must be at most 100', 'ownership_percentage')],
    [failure('oneOf', ''), invalid('Request is invalid')],
    [failure('oneOf', 'address'), invalid('address is invalid', 'address')],
    // Fields with alternatives: the message gives them all, whichever keyword failed…
    [
      failure('type', 'number_of_transaction_per_month', { type: 'integer' }),
      invalid('number_of_transaction_per_month must be a whole number of at least 0, or a string of 1 to 9 digits such as "122"', 'number_of_transaction_per_month'),
    ],
    [failure('format', 'ip_address', { format: 'ipv4' }), invalid('ip_address must be an IPv4 or IPv6 address', 'ip_address')],
    // …but a missing or unknown one is said as such.
    [failure('required', 'ip_address'), invalid('ip_address is required', 'ip_address')],
    [failure('additionalProperties', 'ip_address'), invalid('ip_address is not a recognised field', 'ip_address')],
    [failure('unevaluatedProperties', 'number_of_transaction_per_month'), invalid('number_of_transaction_per_month is not a recognised field', 'number_of_transaction_per_month')],
  ])('%j', (problem, expected) => {
    // Strictly: a body without a field has no `field` key at all.
    expect(sendProblem(problem)).toStrictEqual(expected);
  });
});

describe('the handlers’ refusals', () => {
  it('answers 400 with the code, message and field given, and 404 for an unknown user', () => {
    expect(badRequest('CORRIDOR_NOT_ENABLED', 'GB is not enabled', 'country').response).toStrictEqual(error(400, 'CORRIDOR_NOT_ENABLED', 'GB is not enabled', 'country'));
    expect(badRequest('USER_SUSPENDED', 'User is suspended').response).toStrictEqual(error(400, 'USER_SUSPENDED', 'User is suspended'));
    expect(userNotFound().response).toStrictEqual(error(404, 'USER_NOT_FOUND', 'User not found'));
  });
});

describe('the engine’s other problems', () => {
  it('answers each in SEND’s body', () => {
    expect(UNAUTHORIZED_MESSAGE).toBe('Invalid or missing X-Client-Id or X-Client-Secret');
    expect(sendProblem({ kind: 'unauthorized', reason: 'missing' })).toEqual(error(401, 'UNAUTHORIZED', 'Invalid or missing X-Client-Id or X-Client-Secret'));
    expect(sendProblem({ kind: 'route_not_found', method: 'GET', path: '/users/x/y' })).toEqual(error(404, 'NOT_FOUND', 'GET /users/x/y does not exist'));
    expect(sendProblem({ kind: 'malformed_body', detail: 'x' })).toEqual(invalid('Request body is not valid JSON'));
    expect(sendProblem({ kind: 'body_too_deep', maxDepth: 64 })).toEqual(invalid('Request body nests arrays and objects deeper than 64 levels'));
    expect(sendProblem({ kind: 'payload_too_large', limitBytes: 2048 })).toEqual(error(413, 'PAYLOAD_TOO_LARGE', 'Request body is larger than 2048 bytes'));
    expect(sendProblem({ kind: 'rate_limited', retryAfterSeconds: 3, limit: 10 })).toEqual(error(429, 'TOO_MANY_REQUESTS', 'Too many requests; retry after 3 seconds'));
    expect(sendProblem({ kind: 'tenant_limit', maxTenants: 7, retryAfterSeconds: 1 })).toEqual(
      error(429, 'TOO_MANY_REQUESTS', 'The sandbox holds its maximum of 7 tenants: reset some (POST /__sandbox/reset) or raise --max-tenants'),
    );
    expect(sendProblem({ kind: 'internal' })).toEqual(error(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong'));
  });

  it.each([
    [400, 'VALIDATION_ERROR', 'Request is invalid'],
    [401, 'UNAUTHORIZED', 'Invalid or missing X-Client-Id or X-Client-Secret'],
    [403, 'FORBIDDEN', 'This client is not allowed to perform this action'],
    [404, 'NOT_FOUND', 'Resource not found'],
    [409, 'USER_ALREADY_EXISTS', 'A user with these details already exists'],
    [413, 'PAYLOAD_TOO_LARGE', 'Request body is too large'],
    [429, 'TOO_MANY_REQUESTS', 'Too many requests'],
    [503, 'SERVICE_UNAVAILABLE', 'Service is temporarily unavailable'],
    [500, 'INTERNAL_SERVER_ERROR', 'Something went wrong'],
    [502, 'INTERNAL_SERVER_ERROR', 'Something went wrong'],
  ])('a forced %i is %s', (status, code, message) => {
    expect(sendProblem({ kind: 'simulated', status })).toStrictEqual(error(status, code, message));
  });
});
