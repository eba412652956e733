import type { ValidateFunction } from 'ajv';
import { schemaAt, type LoadedSpec, type OperationSpec, type ParameterSpec } from '../spec/load-spec.js';
import type { ValidationFailure } from '../vendors/contract.js';
import { toValidationFailure, VendorSchemas } from './ajv.js';

export interface RequestParts {
  params: Record<string, string>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  /** `undefined` when the request carried no body. */
  body: unknown;
}

/** How long a warm-up waits, when the sandbox is busy, before it looks again. */
const BUSY_RETRY_MS = 10;

export type RequestCheck = (request: RequestParts) => ValidationFailure | undefined;

/**
 * ajv coerces a long run of digits to Infinity and accepts it as an integer; no vendor takes a
 * number too large to write back, so such a value is refused like any other out of range.
 */
function nonFiniteNumber(values: Record<string, unknown>, location: 'path' | 'query'): ValidationFailure | undefined {
  for (const field of Object.keys(values)) {
    const value = values[field];
    if (Array.isArray(value) ? value.some(isNonFiniteNumber) : isNonFiniteNumber(value)) {
      return { location, field, keyword: 'maximum', message: 'is too large', params: { limit: Number.MAX_SAFE_INTEGER } };
    }
  }
  return undefined;
}

const isNonFiniteNumber = (value: unknown) => typeof value === 'number' && !Number.isFinite(value);

/**
 * Compiles one check per operation at start. Path, query and header values arrive as text and
 * are coerced to their schema's type in place (with defaults filled in), so handlers read typed
 * values; bodies are JSON and are checked as they are.
 */
export class RequestValidator {
  readonly #textSchemas: VendorSchemas;
  /** Made for the first operation with a body compiled: a start served by a GET does without it. */
  #bodySchemasMade: VendorSchemas | undefined;

  constructor(private readonly specs: LoadedSpec[]) {
    this.#textSchemas = new VendorSchemas(specs, { coerceTypes: 'array', useDefaults: true });
  }

  get #bodySchemas(): VendorSchemas {
    return (this.#bodySchemasMade ??= new VendorSchemas(this.specs, {}));
  }

  /** Builders of the checks not compiled yet, for `warmUp`. */
  #pending: (() => void)[] = [];

  /**
   * The operation's check, compiled on first use or by `warmUp`, whichever comes first: compiling
   * every operation of every document up front would double the time to start.
   */
  compile(operation: OperationSpec): RequestCheck {
    let check: RequestCheck | undefined;
    const build = () => (check ??= this.compileNow(operation));
    this.#pending.push(build);
    return (request) => (check ?? build())(request);
  }

  /**
   * Compiles the remaining checks one at a time while the sandbox is idle, beginning a moment after
   * start: no request queues behind a compile, and a server under steady load compiles only the checks
   * its requests use, on first use. (An unref'd immediate would not do: it waits for the next I/O, so
   * it ran under load and hardly ever when idle.)
   */
  warmUp(onError: (error: unknown) => void, { afterMs = 300, busy = () => false }: { afterMs?: number; busy?: () => boolean } = {}): void {
    const compileOne = () => {
      // Timers run before the loop reads its sockets: after a long task (a collection, a slice of
      // snapshot), the requests that waited meanwhile have not been seen yet, and the sandbox only
      // seemed quiet. An immediate runs once they have been.
      if (busy()) {
        setTimeout(next, BUSY_RETRY_MS).unref();
        return;
      }
      try {
        this.#pending.shift()?.();
      } catch (error) {
        onError(error);
      }
      if (this.#pending.length > 0) setTimeout(next, 0).unref();
    };
    const next = () => {
      if (busy()) setTimeout(next, BUSY_RETRY_MS).unref();
      else setImmediate(compileOne);
    };
    setTimeout(next, afterMs).unref();
  }

  compileNow(operation: OperationSpec): RequestCheck {
    const path = this.#compileParameters(operation, 'path', false);
    // Query parameters the document lacks are ignored, as the vendors' APIs do; handlers read only declared ones
    // (and dynamic families such as ComplyCube's `metadata.<key>`).
    const query = this.#compileParameters(operation, 'query', true);
    const headers = this.#compileParameters(operation, 'header', true);
    const bodySchema = operation.requestBody?.content['application/json'];
    const body = bodySchema ? this.#bodySchemas.compile({ $ref: bodySchema }, operation.vendor) : undefined;
    const bodyRequired = operation.requestBody?.required === true;

    return (request) => {
      if (path && !path(request.params)) return toValidationFailure('path', path.errors![0]!);
      if (query && !query(request.query)) return toValidationFailure('query', query.errors![0]!);
      if (headers && !headers(request.headers)) return toValidationFailure('header', headers.errors![0]!);
      const overflow = nonFiniteNumber(request.params, 'path') ?? nonFiniteNumber(request.query, 'query');
      if (overflow) return overflow;
      if (request.body === undefined) {
        if (bodyRequired) {
          return { location: 'body', field: '', keyword: 'required', message: 'a JSON body is required', params: {} };
        }
      } else if (body && !body(request.body)) {
        return toValidationFailure('body', body.errors![0]!);
      }
      return undefined;
    };
  }

  #compileParameters(
    operation: OperationSpec,
    location: ParameterSpec['in'],
    allowOthers: boolean,
  ): ValidateFunction | undefined {
    const selected = operation.parameters.filter((parameter) => parameter.in === location);
    if (selected.length === 0 && allowOthers) return undefined;
    const name = (parameter: ParameterSpec) => (location === 'header' ? parameter.name.toLowerCase() : parameter.name);
    const spec = this.specs.find((candidate) => candidate.vendor === operation.vendor)!;
    let pointsIntoDocument = false;
    const properties = selected.map((parameter) => {
      // A schema that points nowhere else (most do not) is checked as it stands, so that its document
      // need not be added to ajv for it.
      const schema = schemaAt(spec, parameter.schema);
      if (!hasReference(schema)) return [name(parameter), schema];
      pointsIntoDocument = true;
      // ajv fills in defaults only where they stand beside the property, not behind a $ref.
      return [name(parameter), parameter.default === undefined ? { $ref: parameter.schema } : { $ref: parameter.schema, default: parameter.default }];
    });
    return this.#textSchemas.compile(
      {
        // Stryker disable next-line StringLiteral: equivalent: path, query and headers always arrive as objects
        type: 'object',
        properties: Object.fromEntries(properties),
        required: selected.filter((parameter) => parameter.required).map(name),
        additionalProperties: allowOthers,
      },
      pointsIntoDocument ? operation.vendor : undefined,
    );
  }
}

function hasReference(node: unknown): boolean {
  return typeof node === 'object' && node !== null && Object.entries(node).some(([key, value]) => key === '$ref' || hasReference(value));
}
