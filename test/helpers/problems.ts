import type { ValidationFailure } from '../../src/vendors/contract.js';

/** A validation failure as the engine hands it to a vendor: the keyword that failed, where, and its params. */
export const failure = (
  keyword: string,
  field: string,
  params: Record<string, unknown> = {},
  location: ValidationFailure['location'] = 'body',
  message = 'must be valid',
): { kind: 'validation'; failure: ValidationFailure } => ({ kind: 'validation', failure: { location, field, keyword, message, params } });
