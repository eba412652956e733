import { STATUS_CODES } from 'node:http';
import type { Problem, ValidationFailure, VendorResponse } from '../contract.js';
import { VendorError } from '../contract.js';

export type FieldErrors = Record<string, string[]>;

export function b2coreError(status: number, message: string, errors?: FieldErrors): VendorResponse {
  return { status, body: errors === undefined ? { code: status, message } : { code: status, message, errors } };
}

const reason = (status: number) => STATUS_CODES[status] ?? 'Error';

const SIGN_IN = 'sign in with POST /api/v2/signin and send its accessToken.token as Authorization: Bearer <token>';
const unauthorizedBody = (why: string) => b2coreError(401, `Unauthorized: ${why}; ${SIGN_IN}`);
export const unauthorized = (why: string) => new VendorError(unauthorizedBody(why));
export const forbidden = (why: string) => new VendorError(b2coreError(403, `Forbidden: ${why}`));
export const clientNotFound = () => new VendorError(b2coreError(404, 'Client not found'));
export const badRequest = (message: string, errors?: FieldErrors) => new VendorError(b2coreError(400, message, errors));
/** The API overview answers 400 for missing required fields and failed data validation alike. */
export const validationFailed = (errors: FieldErrors) => new VendorError(b2coreError(400, 'Validation failed', errors));

/** What a value breaking a `pattern` should look like, by the field's name: the pattern alone tells a person little. */
const EXPECTED_FORMS: Record<string, string> = {
  country_code: 'This value should be the three-digit numeric code of a country (ISO 3166), such as "784".',
  phone: 'This value is not a valid phone number: an optional "+", then 5 to 20 digits, spaces, brackets or dashes starting with a digit, such as "+971000000000".',
  locale: 'This value should be a locale such as "en_US": a language, an underscore and a country.',
  birthday: 'This value should be a date such as "1990-05-17", or a date-time such as "1990-05-17T00:00:00+00:00".',
  // A pattern on the object itself can only be its `propertyNames`: one of its keys is at fault.
  addresses: 'Each key of this object should be a form index such as "0"; one is not.',
  phones: 'Each key of this object should be a form index such as "0"; one is not.',
};
const ID_LIST = 'This value should be a comma-separated list of integers, such as "1, 2, 3".';

function patternMessage(failure: ValidationFailure): string {
  if (failure.location === 'query') return ID_LIST;
  const name = failure.field.slice(failure.field.lastIndexOf('.') + 1);
  return EXPECTED_FORMS[name] ?? `This value should match the pattern ${String(failure.params.pattern)}.`;
}

function fieldMessage(failure: ValidationFailure): string {
  const { params } = failure;
  switch (failure.keyword) {
    case 'required':
      return 'This field is missing.';
    case 'additionalProperties':
      return 'This field was not expected.';
    case 'type':
      // ajv joins a list of types with commas (`string,number`).
      return `This value should be of type ${String(params.type).split(',').join(' or ')}.`;
    case 'format':
      return params.format === 'email' ? 'This value is not a valid email address.' : `This value should be in the ${String(params.format)} format.`;
    case 'enum':
      return `The value you selected is not a valid choice. Choose one of: ${[params.allowedValues].flat().join(', ')}.`;
    case 'minLength':
      return params.limit === 1
        ? 'This value should not be blank.'
        : `This value is too short. It should have ${String(params.limit)} characters or more.`;
    case 'maxLength':
      return `This value is too long. It should have ${String(params.limit)} characters or less.`;
    case 'minimum':
      return `This value should be greater than or equal to ${String(params.limit)}.`;
    case 'maximum':
      return `This value should be less than or equal to ${String(params.limit)}.`;
    case 'minProperties':
      return `This object should have ${String(params.limit)} field(s) or more.`;
    case 'uniqueItems': {
      const [first, second] = [Number(params.i), Number(params.j)].sort((a, b) => a - b);
      return `This collection should contain only unique elements: those at indexes ${first} and ${second} are the same.`;
    }
    case 'pattern':
      return patternMessage(failure);
    default:
      return `This value is not valid: it ${failure.message}.`;
  }
}

function validationError(failure: ValidationFailure): VendorResponse {
  // A path that fails its integer requirement names no client, as a route requirement would.
  if (failure.location === 'path') return b2coreError(404, 'Client not found');
  if (failure.location === 'body' && failure.field === '') {
    // B2Core reads a body whatever its Content-Type, so only a body that is not there at all arrives as missing.
    if (failure.keyword === 'required') return b2coreError(400, 'The request body is missing: send a JSON object');
    if (failure.keyword === 'minProperties') {
      return b2coreError(400, 'The request body is an empty object: send at least one field to change, such as {"nickname": "Nickname"}');
    }
    return b2coreError(400, 'The request body must be a JSON object, not an array or a single value');
  }
  // B2Core declares no header parameters: a header failure is the engine's own (a refused `Prefer`), worded by it.
  if (failure.location === 'header') return b2coreError(400, 'Invalid request headers', { [failure.field]: [failure.message] });
  const errors = { [failure.field]: [fieldMessage(failure)] };
  if (failure.location === 'body') return b2coreError(400, 'Validation failed', errors);
  return b2coreError(400, 'Invalid query parameters', errors);
}

const tooManyRequests = (headers: Record<string, string>): VendorResponse => ({
  ...b2coreError(429, 'Too Many Requests'),
  headers,
});

export function b2coreProblem(problem: Problem): VendorResponse {
  switch (problem.kind) {
    case 'unauthorized':
      return unauthorizedBody(problem.reason === 'missing' ? 'no bearer token' : 'the bearer token is not valid');
    case 'route_not_found':
      return b2coreError(404, `No route found for "${problem.method} ${problem.path}"`);
    case 'validation':
      return validationError(problem.failure);
    case 'malformed_body':
      return b2coreError(400, `The request body is not valid JSON: ${problem.detail}`);
    case 'body_too_deep':
      return b2coreError(400, `The request body nests arrays and objects deeper than ${problem.maxDepth} levels`);
    case 'payload_too_large':
      return b2coreError(413, reason(413));
    case 'rate_limited':
      return tooManyRequests({
        'x-ratelimit-limit': String(problem.limit),
        'x-ratelimit-remaining': '0',
      });
    case 'tenant_limit':
      return b2coreError(429, `The sandbox holds its maximum of ${problem.maxTenants} tenants: reset some (POST /__sandbox/reset) or raise --max-tenants`);
    case 'internal':
      return b2coreError(500, reason(500));
    case 'simulated':
      // A forced 429 has no limit behind it to report.
      return problem.status === 429 ? tooManyRequests({}) : b2coreError(problem.status, reason(problem.status));
  }
}
