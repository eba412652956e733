import { Ajv2020, type ErrorObject, type Options, type SchemaObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { ValidationFailure } from '../vendors/contract.js';

// ajv-formats is CommonJS: under Node's ESM loader its default import is the module object.
const addFormats = ((formatsModule as unknown as { default?: unknown }).default ?? formatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/** An ajv instance that knows the given vendor documents, so schemas can point into them. */
export function createAjv(specs: LoadedSpec[], options: Options): Ajv2020 {
  // Without the meta-schemas, which only checking a schema reads (validateSchema is off) and no document
  // refers to: adding them cost each instance 5 to 10 ms.
  const ajv = new Ajv2020({ strict: false, validateSchema: false, meta: false, allErrors: false, ...options });
  addFormats(ajv);
  for (const spec of specs) ajv.addSchema(spec.raw, spec.schemaId);
  return ajv;
}

/**
 * An ajv instance that adds a vendor's document when the first schema pointing into it is compiled:
 * ajv walks every node of a document as it adds it, and a start's first request needs one vendor's.
 */
export class VendorSchemas {
  readonly #ajv: Ajv2020;
  /** The documents not added yet, by vendor. */
  readonly #pending: Map<string, LoadedSpec>;

  constructor(specs: LoadedSpec[], options: Options) {
    this.#ajv = createAjv([], options);
    this.#pending = new Map(specs.map((spec) => [spec.vendor, spec]));
  }

  /** Compiles `schema`, whose references point into `vendor`'s document, if it has any. */
  compile(schema: SchemaObject, vendor?: string): ValidateFunction {
    const spec = vendor === undefined ? undefined : this.#pending.get(vendor);
    if (spec) {
      this.#ajv.addSchema(spec.raw, spec.schemaId);
      this.#pending.delete(spec.vendor);
    }
    return this.#ajv.compile(schema);
  }
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
