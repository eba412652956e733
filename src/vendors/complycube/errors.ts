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

/** What the document's patterns ask for, in words; any other pattern is quoted as it stands. */
const PATTERN_MEANING: Record<string, string> = {
  '^[A-Z]{2}$': 'a two-letter ISO 3166-1 country code in capitals, such as GB',
  '\\.([Jj][Pp][Ee]?[Gg]|[Pp][Nn][Gg]|[Pp][Dd][Ff])$': 'a file name ending in .jpg, .jpeg, .png or .pdf',
  '^(\\*|[Hh][Tt][Tt][Pp][Ss]?)://(\\*|(\\*\\.)?[^/*\\s]+)/\\S*$': 'a URL pattern such as https://www.example.com/*',
  '^[Hh][Tt][Tt][Pp][Ss]?://': 'an http or https URL',
};

const FORMAT_MEANING: Record<string, string> = {
  date: 'a valid date in the format YYYY-MM-DD',
  'date-time': 'a date and time in ISO 8601, such as 2020-01-04T17:24:29.146Z',
  email: 'a valid email address',
  uri: 'an absolute URL, such as https://www.example.com/',
};

const plural = (count: unknown, noun: string) => `${String(count)} ${noun}${count === 1 ? '' : 's'}`;

function validationMessage(failure: ValidationFailure): string {
  const field = failure.field;
  const params = failure.params;
  switch (failure.keyword) {
    case 'required':
      if (failure.location === 'body' && field === '') return 'The request body must be a JSON object; none was sent';
      if (TYPE_REQUIREMENT[field]) return `'${field}' must be provided when client type is \`${TYPE_REQUIREMENT[field]}\``;
      return `'${field}' is required`;
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `'${field}' is not allowed`;
    case 'format':
      return `'${field}' must be ${FORMAT_MEANING[String(params.format)] ?? `a valid ${String(params.format)}`}`;
    case 'enum':
      // The Prefer header names a status the operation does not document: the failure says which and what is.
      if (failure.location === 'header' && field === 'Prefer') return `'Prefer': ${failure.message}`;
      return `'${field}' must be one of: ${[params.allowedValues].flat().filter((v) => v !== null).join(', ')}`;
    case 'const':
      return `'${field}' must be ${String(params.allowedValue)}`;
    case 'maxProperties':
      return `'${field}' must not have more than ${plural(params.limit, 'key')}`;
    case 'maxLength':
      // A key name over the limit (`propertyNames`): the failure is the object's, and names the key.
      if (typeof params.propertyName === 'string') {
        const key = params.propertyName;
        return `'${field}' key '${key}' is ${plural([...key].length, 'character')} long; key names must be at most ${plural(params.limit, 'character')} long`;
      }
      return `'${field}' must be at most ${plural(params.limit, 'character')} long`;
    case 'minLength':
      return params.limit === 1 ? `'${field}' must not be empty` : `'${field}' must be at least ${plural(params.limit, 'character')} long`;
    case 'pattern':
      return `'${field}' must be ${PATTERN_MEANING[String(params.pattern)] ?? `text matching the pattern ${String(params.pattern)}`}`;
    case 'minItems':
      return `'${field}' must have at least ${plural(params.limit, 'item')}`;
    case 'maxItems':
      return `'${field}' must have at most ${plural(params.limit, 'item')}`;
    case 'uniqueItems':
      return `'${field}' must not list the same item twice (items ${String(params.j)} and ${String(params.i)}, counting from 0, are equal)`;
    case 'type': {
      if (field === '') return 'The request body must be a JSON object';
      const types = [params.type].flat().filter((type) => type !== 'null');
      return `'${field}' must be of type ${types.join(' or ')}`;
    }
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
