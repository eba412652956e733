import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { packagePath } from '../config/package-paths.js';
import { commonPathPrefix } from '../routing/route-table.js';
import { decodeShared, encodeShared, type SharedGraph } from './shared-graph.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Where a schema sits in the raw document, as an ajv reference into it (`vendor.json#/paths/…`). */
export type SchemaRef = string;

export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: SchemaRef;
  default?: unknown;
}

export interface ResponseSpec {
  /** Content type → schema, for the bodies this status may carry. */
  content: Record<string, SchemaRef>;
  headers: Record<string, { required: boolean; schema: SchemaRef }>;
}

export type SecuritySchemeSpec =
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string }
  | { type: 'http'; scheme: string };

export interface OperationSpec {
  vendor: string;
  operationId: string;
  method: HttpMethod;
  /** The document's path template, `/v1/clients/{id}`. */
  path: string;
  parameters: ParameterSpec[];
  requestBody?: { required: boolean; content: Record<string, SchemaRef> };
  /** Status code (or `default`, `4XX`) → response. */
  responses: Record<string, ResponseSpec>;
  /** Alternatives, each a set of scheme names that must all be present; empty means public. */
  security: string[][];
  /** The operation dereferenced: reading it parses the document's dereferenced copy, which a start does not. */
  readonly operation: OpenAPIV3_1.OperationObject;
}

export interface LoadedSpec {
  vendor: string;
  /** The ajv schema id under which the raw document is registered. */
  schemaId: string;
  raw: Record<string, unknown>;
  /** Dereferenced: parsed when first read, as most runs never read it. */
  readonly document: OpenAPIV3_1.Document;
  /** The document's `servers`, which are never references. */
  servers: OpenAPIV3_1.ServerObject[];
  operations: OperationSpec[];
  securitySchemes: Record<string, SecuritySchemeSpec>;
  /** The body of a response that matches no operation (unknown route), from `x-sandbox-error-schema`. */
  errorSchema?: SchemaRef;
  /** Where the vendor's paths live (`/v1`): `x-sandbox-base-path`, or the prefix all paths share. */
  basePath: string;
}

// Most segments have neither `~` nor `/`: those are taken as they are, as a start escapes thousands.
const pointerEscape = (segment: string) => (/[~/]/.test(segment) ? segment.replace(/~/g, '~0').replace(/\//g, '~1') : segment);
const pointer = (...segments: (string | number)[]) => segments.map((s) => '/' + pointerEscape(String(s))).join('');

interface Referable {
  $ref?: string;
}

/**
 * Reads a vendor's OpenAPI document once: dereferenced for the engine to read, and raw for ajv,
 * which compiles each shared component once when schemas point into the document instead of
 * carrying inlined copies.
 */
export interface ParsedDocument {
  /** A hash of the YAML the copy was made from: a copy is used only for exactly that text. */
  source: string;
  raw: Record<string, unknown>;
  readonly document: OpenAPIV3_1.Document;
}

/** Which way the build writes its copies: a copy written another way (an older build) is not read. */
const COMPILED_FORMAT = 'shared-graph-2';

/**
 * The build's copy of a document: the dereferenced one with each shared object written once, as the
 * JSON text of its `SharedGraph`, which is parsed only when the dereferenced document is first read.
 */
interface CompiledDocument {
  format: typeof COMPILED_FORMAT;
  source: string;
  raw: Record<string, unknown>;
  document: string;
}

/** The text of the build's copy of a parsed document. */
export function compiledText({ source, raw, document }: ParsedDocument): string {
  const compiled: CompiledDocument = { format: COMPILED_FORMAT, source, raw, document: JSON.stringify(encodeShared(document)) };
  // In ASCII, escapes for the rest: the text is read as one byte a character instead of two (a single
  // `’` makes a whole string two-byte), and V8 keeps that text for as long as strings parsed from it live.
  return JSON.stringify(compiled).replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Where the build keeps a document parsed and dereferenced (`npm run build`), beside the code. */
export function compiledPathOf(file: string): string {
  return packagePath('dist', 'openapi', basename(file).replace(/\.ya?ml$/, '') + '.json');
}

/**
 * The document, raw and dereferenced: from the build's compiled copy when it was made from this very
 * YAML (parsing YAML and resolving references costs most of a start), else from the YAML itself.
 */
export async function parseDocument(file: string, { preferCompiled = true } = {}): Promise<ParsedDocument> {
  const bytes = readFileSync(file);
  const source = createHash('sha256').update(bytes).digest('hex');
  const compiled = compiledPathOf(file);
  if (preferCompiled && existsSync(compiled)) {
    const copy = JSON.parse(readFileSync(compiled, 'utf8')) as CompiledDocument;
    if (copy.format === COMPILED_FORMAT && copy.source === source) {
      let documentText: string | undefined = copy.document;
      let document: OpenAPIV3_1.Document | undefined;
      return {
        source,
        raw: copy.raw,
        get document() {
          if (document === undefined) {
            document = decodeShared(JSON.parse(documentText!) as SharedGraph) as OpenAPIV3_1.Document;
            documentText = undefined;
          }
          return document;
        },
      };
    }
  }
  const [{ parse }, { dereference }] = await Promise.all([import('yaml'), import('@apidevtools/json-schema-ref-parser')]);
  const raw = parse(bytes.toString('utf8')) as Record<string, unknown>;
  const document = (await dereference(structuredClone(raw))) as unknown as OpenAPIV3_1.Document;
  return { source, raw, document };
}

export async function loadSpec(vendor: string, file: string): Promise<LoadedSpec> {
  const parsed = await parseDocument(file);
  const { raw } = parsed;
  const reader = new RawDocument(raw, `${vendor}.json`);
  const operations: OperationSpec[] = [];
  const documentSecurity = raw.security as OpenAPIV3_1.SecurityRequirementObject[] | undefined;
  for (const path of Object.keys(reader.paths)) {
    for (const method of HTTP_METHODS) {
      // Read from the raw document: an operation's id and security are never references.
      const operation = reader.paths[path]![method] as OpenAPIV3_1.OperationObject | undefined;
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${vendor}: ${method.toUpperCase()} ${path} has no operationId`);
      // Read when first asked for (a response check, a Prefer code), not for every operation at start.
      let responses: Record<string, ResponseSpec> | undefined;
      operations.push({
        vendor,
        operationId: operation.operationId,
        method,
        path,
        parameters: reader.parametersOf(path, method),
        requestBody: reader.requestBodyOf(path, method),
        get responses() {
          return (responses ??= reader.responsesOf(path, method));
        },
        security: (operation.security ?? documentSecurity ?? []).map((requirement) => Object.keys(requirement)),
        get operation() {
          return parsed.document.paths![path]![method]!;
        },
      });
    }
  }
  const errorSchema = (raw as { 'x-sandbox-error-schema'?: Referable })['x-sandbox-error-schema'];
  const basePath = (raw as { 'x-sandbox-base-path'?: string })['x-sandbox-base-path'];
  return {
    vendor,
    schemaId: reader.schemaId,
    raw,
    get document() {
      return parsed.document;
    },
    servers: (raw.servers ?? []) as OpenAPIV3_1.ServerObject[],
    operations,
    securitySchemes: securitySchemesOf(vendor, reader),
    errorSchema: errorSchema?.$ref ? reader.ref(errorSchema.$ref.slice(1)) : undefined,
    basePath: basePath ?? commonPathPrefix(operations.map((operation) => operation.path)),
  };
}

function securitySchemesOf(vendor: string, reader: RawDocument): Record<string, SecuritySchemeSpec> {
  const schemes: Record<string, SecuritySchemeSpec> = {};
  const components = reader.raw.components as OpenAPIV3_1.ComponentsObject | undefined;
  for (const [name, scheme] of Object.entries(components?.securitySchemes ?? {})) {
    const s = reader.resolved(scheme) as OpenAPIV3_1.SecuritySchemeObject;
    if (s.type === 'apiKey') schemes[name] = { type: 'apiKey', in: s.in as 'header', name: s.name };
    else if (s.type === 'http') schemes[name] = { type: 'http', scheme: s.scheme.toLowerCase() };
    else throw new Error(`${vendor}: security scheme '${name}' of type '${s.type}' is not supported`);
  }
  return schemes;
}

type RawNode = Record<string, unknown>;

/**
 * The raw (not dereferenced) document, read for where each schema sits: the engine hands ajv
 * pointers into it, so that a shared component is compiled once, not once per place it is used.
 */
class RawDocument {
  readonly paths: Record<string, RawNode>;

  constructor(
    readonly raw: RawNode,
    readonly schemaId: string,
  ) {
    this.paths = (raw.paths ?? {}) as Record<string, RawNode>;
  }

  ref(jsonPointer: string): SchemaRef {
    return `${this.schemaId}#${jsonPointer}`;
  }

  /** The operation's parameters, those its path declares for every method first, as OpenAPI merges them. */
  parametersOf(path: string, method: HttpMethod): ParameterSpec[] {
    const parameters = new Map<string, ParameterSpec>();
    const lists: [unknown, string][] = [
      [this.paths[path]!.parameters, pointer('paths', path, 'parameters')],
      [this.#operation(path, method).parameters, `${pointer('paths', path, method)}/parameters`],
    ];
    for (const [list, listAt] of lists) {
      ((list ?? []) as unknown[]).forEach((entry, index) => {
        const { node, at } = this.#follow(entry, `${listAt}/${index}`);
        parameters.set(`${node.in}:${node.name}`, {
          name: node.name as string,
          in: node.in as ParameterSpec['in'],
          required: node.required === true,
          schema: this.ref(`${at}/schema`),
          default: this.#follow(node.schema, `${at}/schema`).node?.default,
        });
      });
    }
    return [...parameters.values()];
  }

  requestBodyOf(path: string, method: HttpMethod): OperationSpec['requestBody'] {
    const body = this.#operation(path, method).requestBody;
    if (!body) return undefined;
    const { node, at } = this.#follow(body, `${pointer('paths', path, method)}/requestBody`);
    return { required: node.required === true, content: this.#contentRefs(node.content, `${at}/content`) };
  }

  responsesOf(path: string, method: HttpMethod): Record<string, ResponseSpec> {
    const responses: Record<string, ResponseSpec> = {};
    for (const [status, rawResponse] of Object.entries((this.#operation(path, method).responses ?? {}) as RawNode)) {
      const { node, at } = this.#follow(rawResponse, `${pointer('paths', path, method)}${pointer('responses', status)}`);
      const headers: ResponseSpec['headers'] = {};
      for (const [name, rawHeader] of Object.entries((node.headers ?? {}) as RawNode)) {
        const { node: header, at: headerAt } = this.#follow(rawHeader, `${at}${pointer('headers', name)}`);
        headers[name.toLowerCase()] = { required: header.required === true, schema: this.ref(`${headerAt}/schema`) };
      }
      responses[status] = { content: this.#contentRefs(node.content, `${at}/content`), headers };
    }
    return responses;
  }

  /** The node a `$ref` (or a chain of them) leads to; any other node as it is. */
  resolved(node: unknown): unknown {
    return this.#follow(node, '').node;
  }

  #operation(path: string, method: HttpMethod): RawNode {
    return this.paths[path]![method] as RawNode;
  }

  /** Follows a local `$ref`, returning the target and its pointer. */
  #follow(node: unknown, at: string): { node: RawNode; at: string } {
    let current = node as RawNode & Referable;
    let where = at;
    while (current && typeof current.$ref === 'string') {
      where = current.$ref.slice(1);
      current = resolvePointer(this.raw, where) as RawNode & Referable;
    }
    return { node: current, at: where };
  }

  #contentRefs(content: unknown, at: string): Record<string, SchemaRef> {
    const result: Record<string, SchemaRef> = {};
    for (const [type, media] of Object.entries((content ?? {}) as Record<string, { schema?: unknown }>)) {
      if (media?.schema !== undefined) result[type] = this.ref(`${at}${pointer(type, 'schema')}`);
    }
    return result;
  }
}

/** The raw schema a reference of this document names. */
export function schemaAt(spec: LoadedSpec, ref: SchemaRef): unknown {
  return resolvePointer(spec.raw, ref.slice(ref.indexOf('#') + 1));
}

function resolvePointer(root: unknown, jsonPointer: string): unknown {
  let node = root as Record<string, unknown>;
  for (const segment of jsonPointer.split('/').slice(1)) {
    node = node?.[segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment] as Record<string, unknown>;
  }
  if (node === undefined) throw new Error(`unresolvable reference #${jsonPointer}`);
  return node;
}
