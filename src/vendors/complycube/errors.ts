import type { Problem, ValidationFailure, VendorResponse } from '../contract.js';
import { VendorError } from '../contract.js';

export type ComplyCubeErrorType =
  | 'invalid_request'
  | 'unauthorized'
  | 'payment_required'
  | 'processing_error'
  | 'resource_not_found'
  | 'request_too_large'
  | 'rate_limit_exceeded'
  | 'internal_server_error';

export function complyCubeError(
  status: number,
  type: ComplyCubeErrorType,
  message: string,
  param?: string,
): VendorResponse {
  return { status, body: param === undefined ? { type, message } : { type, message, param } };
}

export const invalidRequest = (message: string, param?: string) =>
  new VendorError(complyCubeError(400, 'invalid_request', message, param));

/** ComplyCube's documented 404 text: `Invalid client id '123456789'`. */
export const notFound = (resource: string, id: string) =>
  new VendorError(complyCubeError(404, 'resource_not_found', `Invalid ${resource} id '${id}'`));

const TYPE_REQUIREMENT: Record<string, string> = {
  personDetails: 'person',
  companyDetails: 'company',
};

function validationMessage(failure: ValidationFailure): string {
  const field = failure.field;
  const params = failure.params;
  switch (failure.keyword) {
    case 'required':
      if (failure.location === 'body' && field === '') return 'The request body must be a JSON object';
      if (TYPE_REQUIREMENT[field]) return `'${field}' must be provided when client type is \`${TYPE_REQUIREMENT[field]}\``;
      return `'${field}' is required`;
    case 'additionalProperties':
      return `'${field}' is not allowed`;
    case 'format':
      if (params.format === 'date') return `'${field}' must be a valid date in the format YYYY-MM-DD`;
      return `'${field}' must be a valid ${String(params.format)}`;
    case 'enum':
      return `'${field}' must be one of: ${(params.allowedValues as unknown[]).filter((v) => v !== null).join(', ')}`;
    case 'const':
      return `'${field}' must be ${String(params.allowedValue)}`;
    case 'maxProperties':
      return `'${field}' must not have more than ${String(params.limit)} keys`;
    case 'maxLength':
      if (params.propertyName !== undefined) return `'${field}' key names must be at most ${String(params.limit)} characters long`;
      return `'${field}' must be at most ${String(params.limit)} characters long`;
    case 'minLength':
      return `'${field}' must not be empty`;
    case 'pattern':
      return `'${field}' is not in the expected format`;
    case 'type':
      return field === '' ? 'The request body must be a JSON object' : `'${field}' must be of type ${String(params.type)}`;
    case 'minimum':
    case 'maximum':
      return `'${field}' must be ${failure.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}`;
    default:
      return field === '' ? 'The request is invalid' : `'${field}' is invalid`;
  }
}

const SIMULATED: Record<number, [ComplyCubeErrorType, string]> = {
  400: ['invalid_request', 'The request is invalid'],
  401: ['unauthorized', "The 'Authorization' header is invalid"],
  402: ['payment_required', 'Payment is due on your account'],
  403: ['unauthorized', 'Your current plan does not include access to this service'],
  404: ['resource_not_found', 'The requested resource could not be found'],
  413: ['request_too_large', 'The request is too large'],
  422: ['processing_error', 'The request could not be processed'],
  429: ['rate_limit_exceeded', 'You have exceeded the rate limit prescribed to your plan'],
};

function simulatedError(status: number): VendorResponse {
  const [type, message] = SIMULATED[status] ?? ['internal_server_error', 'Something went wrong on our end'];
  return complyCubeError(status, type, message);
}

export function complyCubeProblem(problem: Problem): VendorResponse {
  switch (problem.kind) {
    case 'unauthorized':
      return complyCubeError(401, 'unauthorized', "The 'Authorization' header is invalid");
    case 'route_not_found':
      return complyCubeError(404, 'resource_not_found', `The resource '${problem.method} ${problem.path}' does not exist`);
    case 'validation': {
      const { failure } = problem;
      return complyCubeError(400, 'invalid_request', validationMessage(failure), failure.field || undefined);
    }
    case 'malformed_body':
      return complyCubeError(400, 'invalid_request', 'The request body is not valid JSON');
    case 'body_too_deep':
      return complyCubeError(400, 'invalid_request', `The request body nests arrays and objects deeper than ${problem.maxDepth} levels`);
    case 'payload_too_large':
      return complyCubeError(413, 'request_too_large', `The request is larger than ${problem.limitBytes} bytes`);
    case 'rate_limited':
      return complyCubeError(429, 'rate_limit_exceeded', 'You have exceeded the rate limit prescribed to your plan');
    case 'tenant_limit':
      return complyCubeError(429, 'rate_limit_exceeded', `The sandbox holds its maximum of ${problem.maxTenants} tenants: reset some (POST /__sandbox/reset) or raise --max-tenants`);
    case 'internal':
      return complyCubeError(500, 'internal_server_error', 'Something went wrong on our end');
    case 'simulated':
      return simulatedError(problem.status);
  }
}
