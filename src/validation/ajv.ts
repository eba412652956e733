import { Ajv2020, type ErrorObject, type Options } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { ValidationFailure } from '../vendors/contract.js';

// ajv-formats is CommonJS: under Node's ESM loader its default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/** An ajv instance that knows every loaded vendor document, so schemas can point into them. */
export function createAjv(specs: LoadedSpec[], options: Options): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: false, ...options });
  addFormats(ajv);
  for (const spec of specs) ajv.addSchema(spec.raw, spec.schemaId);
  return ajv;
}

/** The first ajv error, as the vendor-neutral failure a vendor turns into its own error body. */
export function toValidationFailure(location: ValidationFailure['location'], error: ErrorObject): ValidationFailure {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  // A rule on key names (`propertyNames`) fails on a key, which ajv names beside the params: keep it, so the message can name the key.
  const params: Record<string, unknown> = { ...error.params };
  if (error.propertyName !== undefined) params.propertyName = error.propertyName;
  if (error.keyword === 'required') segments.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') segments.push(String(params.additionalProperty));
  if (error.keyword === 'unevaluatedProperties') segments.push(String(params.unevaluatedProperty));
  return {
    location,
    field: segments.join('.'),
    keyword: error.keyword,
    message: error.message ?? 'is invalid',
    params,
  };
}
