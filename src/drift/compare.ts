import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { LoadedSpec, OperationSpec, ResponseSpec } from '../spec/load-spec.js';
import { createAjv } from '../validation/ajv.js';
import { describeValue, scrubText } from './redact.js';

/**
 * What a real answer may do that the document (so the sandbox) does not:
 * - `undocumented_status`: a status the operation does not document;
 * - `extra_field`: a field the document does not declare (the sandbox never sends it);
 * - `missing_field`: a field the document requires, left out;
 * - `unknown_enum`: a value outside the document's enum;
 * - `invalid_body`: any other way the body breaks the schema (a type, a format, not JSON);
 * - `error_body`: an error body whose shape differs from the vendor's error model (its particulars inside);
 * - `missing_header`: a header the documented response requires (rate limit, signature), absent;
 * - `sandbox_status`, `error_type`, `error_message`: for a request the vendor refused (4xx), how the
 *   sandbox's own answer to the same request differs.
 */
export type DifferenceKind =
  | 'undocumented_status'
  | 'extra_field'
  | 'missing_field'
  | 'unknown_enum'
  | 'invalid_body'
  | 'error_body'
  | 'missing_header'
  | 'sandbox_status'
  | 'error_type'
  | 'error_message';

export interface Difference {
  kind: DifferenceKind;
  /** The field (`personDetails.dob`, `items[].type`), header or `(body)`; empty when the kind says it all. */
  where: string;
  message: string;
  /** Redacted values: types and lengths of personal data, codes and enum values as they are. */
  example?: Record<string, unknown>;
}

export interface ObservedAnswer {
  method: string;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, parsed when JSON; undefined when empty. */
  body: unknown;
  /** Set when a non-empty body is not JSON. */
  notJson?: boolean;
}

/** The keys of a vendor's error body: `type`/`message`, `code`/`message`, `error.code`/`error.message`. */
export interface ErrorKeys {
  type?: string[];
  message?: string[];
}

type Schema = Record<string, unknown>;

/** ajv keywords the walk already explains, or that only say a branch failed. */
const EXPLAINED_KEYWORDS = new Set(['additionalProperties', 'unevaluatedProperties', 'required', 'enum', 'const', 'oneOf', 'anyOf', 'if', 'not']);
const MAX_DEPTH = 32;
const TYPE_KEYS = ['type', 'code', 'error', 'errorCode', 'error_code', 'status'];

/**
 * Compares real answers with the documents the sandbox serves: ajv (the engine's own instance, all
 * errors) for validity, and a walk of the body beside its schema for the fields and enum values
 * the document lacks or requires.
 */
export class DocumentComparer {
  readonly #ajv: Ajv2020;
  readonly #specs: Map<string, LoadedSpec>;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(specs: LoadedSpec[]) {
    this.#ajv = createAjv(specs, { allErrors: true });
    this.#specs = new Map(specs.map((spec) => [spec.schemaId, spec]));
  }

  /** Every way `observed` differs from what the document says `operation` answers (or, without one, from its error model). */
  compare(spec: LoadedSpec, operation: OperationSpec | undefined, observed: ObservedAnswer): Difference[] {
    const differences: Difference[] = [];
    const isError = observed.status >= 400;
    const documented = operation ? pickResponse(operation.responses, observed.status) : undefined;
    if (operation && !documented) {
      differences.push({
        kind: 'undocumented_status',
        where: '',
        message: `status ${observed.status} is not documented for ${operation.operationId} (documented: ${Object.keys(operation.responses).join(', ')})`,
        example: { status: observed.status },
      });
    }
    if (documented) {
      for (const [name, header] of Object.entries(documented.headers)) {
        if (header.required && observed.headers[name] === undefined) {
          differences.push({ kind: 'missing_header', where: name, message: `header ${name} is required by the document and missing` });
        }
      }
    }
    if (observed.method.toUpperCase() !== 'HEAD') {
      const schema = documented ? jsonSchemaOf(documented) : isError ? spec.errorSchema : undefined;
      const body = schema ? this.#compareBody(schema, observed, documented) : [];
      if (isError && body.length > 0) {
        differences.push({
          kind: 'error_body',
          where: '',
          message: `the error body differs from the document's error model: ${body.map(describeDifference).join('; ')}`,
          example: { differences: body.map(({ kind, where, example }) => ({ kind, where, ...(example ? { example } : {}) })) },
        });
      } else differences.push(...body);
    }
    return differences;
  }

  /** The vendor's error keys, read from its error schema's properties. */
  errorKeys(spec: LoadedSpec): ErrorKeys {
    if (!spec.errorSchema) return {};
    const { node } = this.#resolve(spec.errorSchema);
    const keysIn = (schema: Schema, prefix: string[], depth: number): ErrorKeys => {
      const properties = propertiesOf(this.#deref(spec, schema));
      const keys: ErrorKeys = {};
      if (properties.message) keys.message = [...prefix, 'message'];
      const typeKey = TYPE_KEYS.find((key) => properties[key] && !isObjectSchema(this.#deref(spec, properties[key]!)));
      if (typeKey) keys.type = [...prefix, typeKey];
      if ((!keys.message || !keys.type) && depth === 0) {
        for (const [name, property] of Object.entries(properties)) {
          const nested = this.#deref(spec, property);
          if (!isObjectSchema(nested)) continue;
          const inner = keysIn(nested, [...prefix, name], depth + 1);
          keys.message ??= inner.message;
          keys.type ??= inner.type;
        }
      }
      return keys;
    };
    return keysIn(node, [], 0);
  }

  #compareBody(schemaRef: string, observed: ObservedAnswer, documented: ResponseSpec | undefined): Difference[] {
    if (observed.notJson) {
      const type = String(observed.headers['content-type'] ?? 'none');
      return [{ kind: 'invalid_body', where: '(body)', message: `the body is not JSON (content type ${type})` }];
    }
    if (observed.body === undefined) {
      const emptyAllowed = documented !== undefined && Object.keys(documented.content).length === 0;
      return emptyAllowed || documented === undefined ? [] : [{ kind: 'invalid_body', where: '(body)', message: 'the body is empty, the document describes one' }];
    }
    const findings = new Map<string, Difference>();
    const { spec, node, at } = this.#resolve(schemaRef);
    this.#walk(spec, observed.body, node, at, '', findings, 0);
    const validate = this.#validator(`${spec.schemaId}#${at}`);
    if (!validate(observed.body)) {
      const errors = validate.errors ?? [];
      const left = errors.filter((error) => !EXPLAINED_KEYWORDS.has(error.keyword) && !/\/(oneOf|anyOf)\//.test(error.schemaPath));
      const shown = left.length > 0 || findings.size > 0 ? left : errors.slice(0, 1);
      for (const error of shown) {
        const where = fieldPath(error.instancePath) || '(body)';
        add(findings, { kind: 'invalid_body', where, message: `${where} ${error.message ?? 'is invalid'} (${error.keyword})` });
      }
    }
    return [...findings.values()];
  }

  /** The body beside its schema: undeclared and missing fields, enum values the document lacks. */
  #walk(spec: LoadedSpec, value: unknown, schema: Schema, at: string, path: string, findings: Map<string, Difference>, depth: number): void {
    if (depth > MAX_DEPTH || value === null || value === undefined) return;
    const flat = this.#flatten(spec, schema, at, value);
    const where = path || '(body)';
    if (flat.enums.length > 0 && typeof value !== 'object') {
      const missing = flat.enums.find((values) => !values.some((allowed) => allowed === value));
      if (missing) {
        add(findings, {
          kind: 'unknown_enum',
          where,
          message: `${where} is ${JSON.stringify(value)}, which the document's enum lacks (${missing.map((v) => JSON.stringify(v)).join(', ')})`,
          example: { observed: typeof value === 'string' ? scrubText(value, []) : value, documented: missing },
        });
      }
    }
    if (Array.isArray(value)) {
      if (flat.items) for (const item of value) this.#walk(spec, item, flat.items.node, flat.items.at, `${path}[]`, findings, depth + 1);
      return;
    }
    if (typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    for (const name of flat.required) {
      if (!(name in object)) {
        const field = join(path, name);
        add(findings, { kind: 'missing_field', where: field, message: `${field} is required by the document and missing` });
      }
    }
    const declaresFields = Object.keys(flat.properties).length > 0;
    for (const [name, fieldValue] of Object.entries(object)) {
      const field = join(path, name);
      const declared = flat.properties[name] ?? flat.patterns.find(({ pattern }) => pattern.test(name))?.schema;
      if (declared) {
        this.#walk(spec, fieldValue, declared.node, declared.at, field, findings, depth + 1);
      } else if (flat.additional) {
        this.#walk(spec, fieldValue, flat.additional.node, flat.additional.at, field, findings, depth + 1);
      } else if (!flat.open && (declaresFields || flat.closed)) {
        add(findings, {
          kind: 'extra_field',
          where: field,
          message: `${field} is not in the document: the sandbox never sends it`,
          example: { observed: describeValue(name, fieldValue) },
        });
      }
    }
  }

  /** A schema with its `$ref`s followed and its `allOf` parts merged; of `oneOf`/`anyOf`, the branch the value fits best. */
  #flatten(spec: LoadedSpec, schema: Schema, at: string, value: unknown, depth = 0): Flat {
    const flat: Flat = { properties: {}, required: [], enums: [], patterns: [], open: false, closed: false };
    const { node, at: where } = this.#follow(spec, schema, at);
    if (depth > MAX_DEPTH) return { ...flat, open: true };
    const merge = (part: Flat) => {
      for (const [name, property] of Object.entries(part.properties)) flat.properties[name] ??= property;
      flat.required.push(...part.required);
      flat.enums.push(...part.enums);
      flat.patterns.push(...part.patterns);
      flat.items ??= part.items;
      flat.additional ??= part.additional;
      flat.open ||= part.open;
      flat.closed ||= part.closed;
    };
    if ((node as unknown) === true || node === undefined || node === null || (typeof node === 'object' && Object.keys(node).length === 0)) return { ...flat, open: true };
    for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, Schema>)) {
      flat.properties[name] = { node: property, at: `${where}/properties/${escape(name)}` };
    }
    if (Array.isArray(node.required)) flat.required.push(...(node.required as string[]));
    if (Array.isArray(node.enum)) flat.enums.push(node.enum as unknown[]);
    if ('const' in node) flat.enums.push([node.const]);
    for (const [pattern, property] of Object.entries((node.patternProperties ?? {}) as Record<string, Schema>)) {
      flat.patterns.push({ pattern: new RegExp(pattern, 'u'), schema: { node: property, at: `${where}/patternProperties/${escape(pattern)}` } });
    }
    if (node.items && typeof node.items === 'object') flat.items = { node: node.items as Schema, at: `${where}/items` };
    if (node.additionalProperties === false) flat.closed = true;
    else if (node.additionalProperties === true) flat.open = true;
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      flat.additional = { node: node.additionalProperties as Schema, at: `${where}/additionalProperties` };
    }
    (Array.isArray(node.allOf) ? (node.allOf as Schema[]) : []).forEach((part, index) => merge(this.#flatten(spec, part, `${where}/allOf/${index}`, value, depth + 1)));
    for (const keyword of ['oneOf', 'anyOf'] as const) {
      const branches = Array.isArray(node[keyword]) ? (node[keyword] as Schema[]) : [];
      if (branches.length === 0) continue;
      const index = this.#bestBranch(spec, branches.map((_, i) => `${where}/${keyword}/${i}`), value);
      merge(this.#flatten(spec, branches[index]!, `${where}/${keyword}/${index}`, value, depth + 1));
    }
    return flat;
  }

  /** The first branch the value is valid against, else the one that breaks it least. */
  #bestBranch(spec: LoadedSpec, pointers: string[], value: unknown): number {
    let best = 0;
    let fewest = Infinity;
    for (const [index, pointer] of pointers.entries()) {
      const validate = this.#validator(`${spec.schemaId}#${pointer}`);
      if (validate(value)) return index;
      const count = validate.errors?.length ?? 0;
      if (count < fewest) [best, fewest] = [index, count];
    }
    return best;
  }

  #validator(ref: string): ValidateFunction {
    let validate = this.#compiled.get(ref);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#compiled.set(ref, validate);
    }
    return validate;
  }

  #resolve(ref: string): { spec: LoadedSpec; node: Schema; at: string } {
    const [schemaId, pointer = ''] = ref.split('#') as [string, string?];
    const spec = this.#specs.get(schemaId);
    if (!spec) throw new Error(`no document ${schemaId}`);
    const { node, at } = this.#follow(spec, resolvePointer(spec.raw, pointer) as Schema, pointer);
    return { spec, node, at };
  }

  #follow(spec: LoadedSpec, schema: Schema, at: string): { node: Schema; at: string } {
    let node = schema;
    let where = at;
    for (let hops = 0; node && typeof node === 'object' && typeof node.$ref === 'string' && hops < 32; hops++) {
      where = (node.$ref as string).replace(/^#/, '');
      node = resolvePointer(spec.raw, where) as Schema;
    }
    return { node, at: where };
  }

  #deref(spec: LoadedSpec, schema: Schema): Schema {
    return this.#follow(spec, schema, '').node ?? {};
  }
}

interface Located {
  node: Schema;
  at: string;
}

interface Flat {
  properties: Record<string, Located>;
  required: string[];
  enums: unknown[][];
  patterns: { pattern: RegExp; schema: Located }[];
  items?: Located;
  additional?: Located;
  /** `additionalProperties: true`, or a schema that says nothing: any field may be there. */
  open: boolean;
  /** `additionalProperties: false`. */
  closed: boolean;
}

/** The error's type and message at the vendor's keys. */
export function errorFields(body: unknown, keys: ErrorKeys): { type?: unknown; message?: unknown } {
  const at = (path: string[] | undefined) => {
    if (!path) return undefined;
    let value: unknown = body;
    for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value;
  };
  return { type: at(keys.type), message: at(keys.message) };
}

/** How the sandbox's own answer to a refused request differs from the vendor's. */
export function compareRefusals(
  upstream: { status: number; body: unknown },
  sandbox: { status: number; body: unknown },
  keys: ErrorKeys,
  secrets: string[],
): Difference[] {
  // A credential only the vendor issued (a B2Core token from the real sign-in) is one the sandbox cannot
  // know: its 401 says nothing of how it would have answered the request itself.
  if (sandbox.status === 401 && upstream.status !== 401) return [];
  const real = errorFields(upstream.body, keys);
  const ours = errorFields(sandbox.body, keys);
  if (upstream.status !== sandbox.status) {
    return [
      {
        kind: 'sandbox_status',
        where: '',
        message: `the vendor refused with ${upstream.status}, the sandbox answers ${sandbox.status}`,
        example: { upstream: { status: upstream.status, type: code(real.type, secrets) }, sandbox: { status: sandbox.status, type: code(ours.type, secrets) } },
      },
    ];
  }
  const differences: Difference[] = [];
  const typeKey = keys.type?.join('.') ?? 'type';
  const messageKey = keys.message?.join('.') ?? 'message';
  if (JSON.stringify(real.type) !== JSON.stringify(ours.type)) {
    differences.push({
      kind: 'error_type',
      where: typeKey,
      message: `the vendor's ${typeKey} is ${JSON.stringify(code(real.type, secrets))}, the sandbox's ${JSON.stringify(code(ours.type, secrets))}`,
      example: { upstream: code(real.type, secrets), sandbox: code(ours.type, secrets) },
    });
  }
  if (JSON.stringify(real.message) !== JSON.stringify(ours.message)) {
    differences.push({
      kind: 'error_message',
      where: messageKey,
      message: `the vendor's ${messageKey} differs from the sandbox's`,
      example: { upstream: code(real.message, secrets), sandbox: code(ours.message, secrets) },
    });
  }
  return differences;
}

/** A code or a message, with credentials and personal data scrubbed. */
function code(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return scrubText(value, secrets);
  if (value === undefined || value === null || typeof value === 'number' || typeof value === 'boolean') return value ?? null;
  return describeValue('', value);
}

function describeDifference({ kind, where }: Difference): string {
  return `${kind.replace('_', ' ')}${where ? ` ${where}` : ''}`;
}

function add(findings: Map<string, Difference>, difference: Difference): void {
  const key = `${difference.kind}\0${difference.where}`;
  if (!findings.has(key)) findings.set(key, difference);
}

function pickResponse(responses: Record<string, ResponseSpec>, status: number): ResponseSpec | undefined {
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
}

function jsonSchemaOf(response: ResponseSpec): string | undefined {
  const type = Object.keys(response.content).find((candidate) => /json/i.test(candidate));
  return type ? response.content[type] : undefined;
}

function propertiesOf(schema: Schema): Record<string, Schema> {
  const own = (schema.properties ?? {}) as Record<string, Schema>;
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as Schema[]) : [];
  return Object.assign({}, ...parts.map((part) => (part.properties ?? {}) as Record<string, Schema>), own);
}

function isObjectSchema(schema: Schema): boolean {
  return schema.type === 'object' || schema.properties !== undefined;
}

const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** `/items/0/createdAt` as `items[].createdAt`. */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[]` : join(path, segment)), '');
}

function resolvePointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const segment of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}
