import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { LoadedSpec, OperationSpec, ResponseSpec } from '../spec/load-spec.js';
import { RouteTable } from '../routing/route-table.js';
import { createAjv } from './ajv.js';

/** Marks a response the sandbox made up on a test's request (a fault, a refused `Prefer`). */
export const SIMULATED_HEADER = 'sandbox-simulated';

export interface ObservedResponse {
  method: string;
  /** Path with or without the query string. */
  path: string;
  status: number;
  headers: Record<string, string | undefined>;
  /** Parsed JSON, or `undefined` for an empty body. */
  body: unknown;
  contentType?: string;
}

/**
 * Checks that a response conforms to the vendor's document: the status is documented for the
 * operation, the body matches that status's schema, required headers are there. Responses to
 * paths no operation has must match the document's `x-sandbox-error-schema`. Validators are
 * compiled on first use: this serves the tests and the opt-in `--validate-responses`, never the
 * hot path of a default run.
 */
export class ResponseValidator {
  readonly #ajv: Ajv2020;
  readonly #routes = new RouteTable<OperationSpec>();
  readonly #prefixes: { prefix: string; spec: LoadedSpec }[];
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(specs: LoadedSpec[]) {
    this.#ajv = createAjv(specs, {});
    for (const spec of specs) for (const op of spec.operations) this.#routes.add(op.method, op.path, op);
    this.#prefixes = specs
      .map((spec) => ({ prefix: spec.basePath, spec }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** Every way the response breaks the document; empty when it conforms. */
  check(response: ObservedResponse): string[] {
    const path = response.path.split('?')[0]!;
    const label = `${response.method.toUpperCase()} ${path} → ${response.status}`;
    const match = this.#routes.find(response.method, path);
    // Made-up failures are the vendor's error body at a status a test chose, documented or not.
    if (!match || response.headers[SIMULATED_HEADER] !== undefined) return this.#checkUnmatched(response, path, label);
    const operation = match.value;
    const spec = pickResponse(operation.responses, response.status);
    if (!spec) return [`${label}: status ${response.status} is not documented for ${operation.operationId}`];
    return this.#checkAgainst(spec, response, `${label} (${operation.operationId})`);
  }

  #checkUnmatched(response: ObservedResponse, path: string, label: string): string[] {
    const owner = this.#prefixes.find(({ prefix }) => path === prefix || path.startsWith(prefix + '/'));
    if (!owner) return [];
    if (!owner.spec.errorSchema) return [`${label}: no operation matches and the document has no x-sandbox-error-schema`];
    if (response.status < 400) return [`${label}: no operation matches, yet the status is not an error`];
    return this.#checkBody(owner.spec.errorSchema, response.body, label);
  }

  #checkAgainst(spec: ResponseSpec, response: ObservedResponse, label: string): string[] {
    const problems: string[] = [];
    for (const [name, header] of Object.entries(spec.headers)) {
      if (header.required && response.headers[name] === undefined) problems.push(`${label}: header ${name} is missing`);
    }
    const types = Object.keys(spec.content);
    if (response.body === undefined) {
      if (types.length > 0 && response.method.toUpperCase() !== 'HEAD') problems.push(`${label}: body is empty`);
      return problems;
    }
    const contentType = (response.contentType ?? response.headers['content-type'] ?? '').split(';')[0]!.trim();
    const schema = spec.content[contentType];
    if (!schema) return [...problems, `${label}: content type '${contentType}' is not documented (${types.join(', ') || 'no body'})`];
    return [...problems, ...this.#checkBody(schema, response.body, label)];
  }

  #checkBody(schema: string, body: unknown, label: string): string[] {
    let validate = this.#compiled.get(schema);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: schema });
      this.#compiled.set(schema, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map((error) => `${label}: body${error.instancePath} ${error.message}`);
  }
}

function pickResponse(responses: Record<string, ResponseSpec>, status: number): ResponseSpec | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}
