import { STATUS_CODES } from 'node:http';
import type { Problem, ValidationFailure, VendorResponse } from '../contract.js';
import { VendorError } from '../contract.js';

export type FieldErrors = Record<string, string[]>;

export function b2coreError(status: number, message: string, errors?: FieldErrors): VendorResponse {
  return { status, body: errors === undefined ? { code: status, message } : { code: status, message, errors } };
}

const reason = (status: number) => STATUS_CODES[status] ?? 'Error';

export const unauthorized = () => new VendorError(b2coreError(401, 'Unauthorized'));
export const forbidden = () => new VendorError(b2coreError(403, 'Forbidden'));
export const clientNotFound = () => new VendorError(b2coreError(404, 'Client not found'));
export const badRequest = (message: string, errors?: FieldErrors) => new VendorError(b2coreError(400, message, errors));
/** The API overview answers 400 for missing required fields and failed data validation alike. */
export const validationFailed = (errors: FieldErrors) => new VendorError(b2coreError(400, 'Validation failed', errors));

function fieldMessage(failure: ValidationFailure): string {
  const { params } = failure;
  switch (failure.keyword) {
    case 'required':
      return 'This field is missing.';
    case 'additionalProperties':
      return 'This field was not expected.';
    case 'type':
      return `This value should be of type ${String(params.type)}.`;
    case 'format':
      return params.format === 'email' ? 'This value is not a valid email address.' : 'This value is not valid.';
    case 'enum':
      return `The value you selected is not a valid choice. Choose one of: ${(params.allowedValues as unknown[]).join(', ')}.`;
    case 'minLength':
      return 'This value should not be blank.';
    case 'maxLength':
      return `This value is too long. It should have ${String(params.limit)} characters or less.`;
    case 'minimum':
      return `This value should be greater than or equal to ${String(params.limit)}.`;
    case 'maximum':
      return `This value should be less than or equal to ${String(params.limit)}.`;
    case 'minProperties':
      return 'This collection should contain 1 element or more.';
    case 'pattern':
      return 'This value is not valid.';
    default:
      return 'This value is not valid.';
  }
}

function validationError(failure: ValidationFailure): VendorResponse {
  // A path that fails its integer requirement names no client, as a route requirement would.
  if (failure.location === 'path') return b2coreError(404, 'Client not found');
  if (failure.location === 'body' && failure.field === '') {
    // Without `Content-Type: application/json` the body is not read at all, and arrives as missing.
    if (failure.keyword === 'required') {
      return b2coreError(400, 'The request body is missing: send it as JSON with Content-Type: application/json');
    }
    return b2coreError(400, 'The request body must be a JSON object');
  }
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
      return b2coreError(401, 'Unauthorized');
    case 'route_not_found':
      return b2coreError(404, `No route found for "${problem.method} ${problem.path}"`);
    case 'validation':
      return validationError(problem.failure);
    case 'malformed_body':
      return b2coreError(400, 'The request body is not valid JSON');
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
