import type { Problem, ValidationFailure, VendorResponse } from '../contract.js';
import { VendorError } from '../contract.js';

/** The codes of `openapi/send.yaml`'s Error schema (Machnet publishes none: see its assumption). */
export type SendErrorCode =
  | 'VALIDATION_ERROR'
  | 'FIELD_NOT_UPDATABLE'
  | 'USER_SUSPENDED'
  | 'ACCOUNT_OPERATOR_REQUIRED'
  | 'NOT_A_BUSINESS_USER'
  | 'NOT_A_SEND_USER'
  | 'CORRIDOR_NOT_ENABLED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'USER_NOT_FOUND'
  | 'REPRESENTATIVE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'USER_ALREADY_EXISTS'
  | 'PAYLOAD_TOO_LARGE'
  | 'TOO_MANY_REQUESTS'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

export function sendError(status: number, code: SendErrorCode, message: string, field?: string): VendorResponse {
  const error = field === undefined ? { code, message } : { code, message, field };
  return { status, body: { success: false, error } };
}

export const badRequest = (code: SendErrorCode, message: string, field?: string) =>
  new VendorError(sendError(400, code, message, field));

export const userNotFound = () => new VendorError(sendError(404, 'USER_NOT_FOUND', 'User not found'));

export const UNAUTHORIZED_MESSAGE = 'Invalid or missing X-Client-Id or X-Client-Secret';

function validationMessage(failure: ValidationFailure): string {
  const { field, params } = failure;
  const rule = FIELD_RULES[field];
  if (rule && !['required', 'additionalProperties', 'unevaluatedProperties'].includes(failure.keyword)) return `${field} ${rule}`;
  switch (failure.keyword) {
    case 'required':
      // The engine reads a body only when it comes as application/json: one sent as anything else is missing too.
      return field === '' ? 'A JSON request body is required, sent with Content-Type: application/json' : `${field} is required`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `${field} is not a recognised field`;
    case 'format':
      if (params.format === 'date') return `${field} must be a date in the format yyyy-MM-dd`;
      if (params.format === 'email') return `${field} must be an email address`;
      return `${field} must be a valid ${String(params.format)}`;
    case 'enum':
      // A refused `Prefer` is the engine's: its message says what the header asked and what is documented.
      if (failure.location === 'header' && field === 'Prefer') return `Prefer: ${failure.message}`;
      return `${field} must be one of: ${[params.allowedValues].flat().join(', ')}`;
    case 'const':
      return `${field} must be ${String(params.allowedValue)}`;
    case 'pattern':
      return patternMessage(field);
    case 'type':
      return field === '' ? 'Request body must be a JSON object' : `${field} must be of type ${String(params.type)}`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'maxLength':
      return `${field} must be at most ${String(params.limit)} characters long`;
    case 'maxItems':
      return `${field} must have at most ${String(params.limit)} items`;
    case 'minimum':
      return `${field} must be at least ${String(params.limit)}`;
    case 'maximum':
      return `${field} must be at most ${String(params.limit)}`;
    default:
      return field === '' ? 'Request is invalid' : `${field} is invalid`;
  }
}

/**
 * Fields whose schema offers alternatives (a number or a numeric string, IPv4 or IPv6): whichever
 * alternative ajv reports first, the message gives them all.
 */
const FIELD_RULES: Record<string, string> = {
  number_of_transaction_per_month: 'must be a whole number of at least 0, or a string of 1 to 9 digits such as "122"',
  ip_address: 'must be an IPv4 or IPv6 address',
};

/** The rule behind each patterned field, named by its last segment. */
const PATTERN_RULES: Record<string, string> = {
  document_value: 'must be a Base64 data URI such as data:image/jpg;base64,SUQs==',
  document_value_back: 'must be a Base64 data URI such as data:image/jpg;base64,SUQs==',
  mobile_phone: 'must be 10 to 15 digits, without spaces, dashes or a leading +',
  state: 'must be a 2-letter state code in capital letters, such as CA',
  country: 'must be a 2-letter ISO 3166-1 country code in capital letters, such as US',
  gender: 'must be one of: male, female, other',
  agreement_date_time: 'must be a date and time in the format YYYY-MM-DD HH:MM:SS, such as 2023-11-20 10:15:30',
};

function patternMessage(field: string): string {
  // A virtual document's value has a pattern only when it is an SSN; a physical one's is always an image.
  if (/(^|\.)virtual_documents\.\d+\.document_value$/.test(field)) return `${field} must be nine digits without dashes for document_type SSN`;
  const name = field.slice(field.lastIndexOf('.') + 1);
  return `${field} ${PATTERN_RULES[name] ?? 'is not in the expected format'}`;
}

const SIMULATED: Record<number, [SendErrorCode, string]> = {
  400: ['VALIDATION_ERROR', 'Request is invalid'],
  401: ['UNAUTHORIZED', UNAUTHORIZED_MESSAGE],
  403: ['FORBIDDEN', 'This client is not allowed to perform this action'],
  404: ['NOT_FOUND', 'Resource not found'],
  409: ['USER_ALREADY_EXISTS', 'A user with these details already exists'],
  413: ['PAYLOAD_TOO_LARGE', 'Request body is too large'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
  503: ['SERVICE_UNAVAILABLE', 'Service is temporarily unavailable'],
};

export function sendProblem(problem: Problem): VendorResponse {
  switch (problem.kind) {
    case 'unauthorized':
      return sendError(401, 'UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
    case 'route_not_found':
      return sendError(404, 'NOT_FOUND', `${problem.method} ${problem.path} does not exist`);
    case 'validation': {
      const { failure } = problem;
      return sendError(400, 'VALIDATION_ERROR', validationMessage(failure), failure.field || undefined);
    }
    case 'malformed_body':
      return sendError(400, 'VALIDATION_ERROR', 'Request body is not valid JSON');
    case 'body_too_deep':
      return sendError(400, 'VALIDATION_ERROR', `Request body nests arrays and objects deeper than ${problem.maxDepth} levels`);
    case 'payload_too_large':
      return sendError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${problem.limitBytes} bytes`);
    case 'rate_limited':
      return sendError(429, 'TOO_MANY_REQUESTS', `Too many requests; retry after ${problem.retryAfterSeconds} seconds`);
    case 'tenant_limit':
      return sendError(429, 'TOO_MANY_REQUESTS', `The sandbox holds its maximum of ${problem.maxTenants} tenants: reset some (POST /__sandbox/reset) or raise --max-tenants`);
    case 'internal':
      return sendError(500, 'INTERNAL_SERVER_ERROR', 'Something went wrong');
    case 'simulated': {
      const [code, message] = SIMULATED[problem.status] ?? ['INTERNAL_SERVER_ERROR', 'Something went wrong'];
      return sendError(problem.status, code, message);
    }
  }
}
