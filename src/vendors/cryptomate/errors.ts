import { randomBytes } from 'node:crypto';
import type { Problem, ValidationFailure, VendorResponse } from '../contract.js';
import { servedRequestId, VendorError } from '../contract.js';

type CryptoMateErrorCode = 'BAD_REQUEST' | 'APP_ERROR' | 'API_ERROR' | 'NOT_FOUND' | 'VAL' | 'WARNING' | 'SERVER_ERROR';

/**
 * Trace ids of refused requests come from the engine's request count, not the partition's random
 * source: a refused request must change nothing stored, and a draw would move every later id. Outside
 * a request (the engine serves every one within) a random id stands in.
 */
const errorTraceId = () => servedRequestId() ?? randomBytes(16).toString('hex');

function cryptoMateError(status: number, code: CryptoMateErrorCode, message: string): VendorResponse {
  const traceId = errorTraceId();
  return { status, body: { code, message, trace_id: traceId }, headers: { 'x-trace-id': traceId } };
}

const UNAUTHORIZED_MESSAGE = 'Access denied. The API Key is not authorized to do this operation.';

export const unauthorized = () => new VendorError(cryptoMateError(401, 'API_ERROR', UNAUTHORIZED_MESSAGE));
export const notFound = (message: string) => new VendorError(cryptoMateError(404, 'NOT_FOUND', message));
export const clientNotFound = (id: string) => notFound(`Company client not found with id: ${id}`);
/** A business rule the request breaks: CryptoMate's `ValidationException`. */
export const validationFailed = (message: string) => new VendorError(cryptoMateError(412, 'VAL', message));
export const badRequest = (message: string) => new VendorError(cryptoMateError(400, 'BAD_REQUEST', message));

const NOT_AN_OBJECT = 'JSON parse error: the request body must be a JSON object';

/** A body field as Spring's property paths write it: `associated_persons[0].email`. */
const propertyPath = (field: string) => field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/** Bean-validation style `<field>: <reason>`, with Hibernate Validator's default reasons where one applies. */
function validationMessage(failure: ValidationFailure): string {
  const { params } = failure;
  const field = failure.location === 'body' ? propertyPath(failure.field) : failure.field;
  if (failure.location === 'body' && field === '') {
    return failure.keyword === 'required' ? 'Required request body is missing' : NOT_AN_OBJECT;
  }
  if (failure.location === 'query' && failure.keyword === 'required') {
    return `Required request parameter '${field}' is not present`;
  }
  // A header's refusal (`Content-Type`, `Prefer`) is about its value's form, which the engine's own words say.
  if (failure.location === 'header') return `${field}: ${failure.message}`;
  switch (failure.keyword) {
    case 'required':
      return `${field}: must not be null`;
    case 'format':
      if (params.format === 'email') return `${field}: must be a well-formed email address`;
      if (params.format === 'date') return `${field}: must be a valid date (yyyy-mm-dd)`;
      return `${field}: must be a valid ${String(params.format)}`;
    case 'type': {
      // A field that may be null is still, to the caller, of its non-null type.
      const types = [params.type].flat().filter((type) => type !== 'null');
      return `${field}: must be of type ${types.join(' or ')}`;
    }
    case 'minItems':
      return `${field}: must not be empty`;
    case 'minLength':
      return `${field}: must not be blank`;
    case 'minimum':
      return `${field}: must be greater than or equal to ${String(params.limit)}`;
    case 'maximum':
      return `${field}: must be less than or equal to ${String(params.limit)}`;
    case 'enum':
      return `${field}: must be one of ${[params.allowedValues].flat().join(', ')}`;
    default:
      return `${field}: ${failure.message}`;
  }
}

/**
 * What body-parser found, in Spring's `JSON parse error: …` form. Its strict mode reports a body that does
 * not open with `{` or `[` as a syntax error at that first character, although `"x"`, `12` or `null` are valid
 * JSON: what is wrong with those is that no operation reads anything but an object.
 */
function unreadableBody(detail: string): string {
  const firstCharacter = /^Unexpected token '(.)', "\s*(.)/.exec(detail);
  if (firstCharacter && firstCharacter[1] === firstCharacter[2]) return NOT_AN_OBJECT;
  if (detail.startsWith('unsupported charset')) return `Content-Type: ${detail}; send the JSON body in UTF-8`;
  if (/JSON/.test(detail)) return `JSON parse error: ${detail}`;
  return `The request body could not be read: ${detail}`;
}

/** What the docs show for a status a test forces; 429 keeps its own, differently keyed body. */
const SIMULATED: Record<number, [CryptoMateErrorCode, string]> = {
  302: ['WARNING', 'The operation needs confirmation'],
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['API_ERROR', UNAUTHORIZED_MESSAGE],
  404: ['NOT_FOUND', 'Resource not found'],
  412: ['VAL', 'Validation failed'],
};

function rateLimited(retryAfterSeconds: number): VendorResponse {
  const traceId = errorTraceId();
  return {
    status: 429,
    body: { error_code: 'TOO_MANY_REQUESTS', message: `Rate limit exceeded. Retry after ${retryAfterSeconds} seconds` },
    headers: { 'x-trace-id': traceId },
  };
}

export function cryptoMateProblem(problem: Problem): VendorResponse {
  switch (problem.kind) {
    case 'unauthorized':
      return cryptoMateError(401, 'API_ERROR', UNAUTHORIZED_MESSAGE);
    case 'route_not_found':
      return cryptoMateError(404, 'NOT_FOUND', 'Resource not found');
    case 'validation':
      return cryptoMateError(400, 'BAD_REQUEST', validationMessage(problem.failure));
    case 'malformed_body':
      return cryptoMateError(400, 'BAD_REQUEST', unreadableBody(problem.detail));
    case 'body_too_deep':
      return cryptoMateError(400, 'BAD_REQUEST', `JSON parse error: the request body nests arrays and objects deeper than ${problem.maxDepth} levels`);
    case 'payload_too_large':
      return cryptoMateError(400, 'BAD_REQUEST', `The request body is larger than ${problem.limitBytes} bytes`);
    // Stryker disable next-line ConditionalExpression: equivalent: it would fall through to tenant_limit, which answers the same
    case 'rate_limited':
      return rateLimited(problem.retryAfterSeconds);
    case 'tenant_limit':
      // The document fixes this body's message to the rate limit's words; the sandbox's log says why.
      return rateLimited(problem.retryAfterSeconds);
    case 'internal':
      return cryptoMateError(500, 'SERVER_ERROR', 'Internal server error');
    case 'simulated': {
      if (problem.status === 429) return rateLimited(1);
      const [code, message] = SIMULATED[problem.status] ?? ['SERVER_ERROR', 'Internal server error'];
      return cryptoMateError(problem.status, code, message);
    }
  }
}
