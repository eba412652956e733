import type { OpenAPIV3_1 } from 'openapi-types';
import { loadSpec, type LoadedSpec, type OperationSpec } from '../../src/spec/load-spec.js';
import { VENDORS } from '../../src/registry/vendors.js';
import { credentialsFor } from '../helpers/credentials.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';

/**
 * The docs page's "Try it out" sends what each document offers: each parameter's example (else its
 * schema's default), and the request body's example. Each operation
 * is tried once that way, in a fresh tenant, and must succeed, so that a person exploring a vendor
 * from the docs page never meets a refusal the document itself caused.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

type Parameter = OpenAPIV3_1.ParameterObject & { schema?: OpenAPIV3_1.SchemaObject };

function exampleOf(parameter: Parameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values(parameter.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
  if (first?.value !== undefined) return first.value;
  return parameter.schema?.example ?? parameter.schema?.examples?.[0];
}

function bodyExampleOf(operation: OperationSpec): { json: unknown } | undefined {
  const body = operation.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  const media = body?.content?.['application/json'];
  if (!media) return undefined;
  if (media.example !== undefined) return { json: media.example };
  const first = Object.values(media.examples ?? {})[0] as OpenAPIV3_1.ExampleObject | undefined;
  if (first?.value !== undefined) return { json: first.value };
  const schema = media.schema as OpenAPIV3_1.SchemaObject | undefined;
  if (schema?.example !== undefined) return { json: schema.example };
  throw new Error(`${operation.operationId}: the request body has no example, so Try it out would make one up from the schema`);
}

/** The operation's parameters with those its path declares for every method, as swagger-ui merges them. */
function parametersOf(spec: LoadedSpec, operation: OperationSpec): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const shared = (spec.document.paths?.[operation.path]?.parameters ?? []) as Parameter[];
  for (const parameter of [...shared, ...((operation.operation.parameters ?? []) as Parameter[])]) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  return [...byKey.values()];
}

/** The request Try it out sends for the operation, or the reason it cannot be sent without typing. */
function tryItOutRequest(spec: LoadedSpec, operation: OperationSpec): { url: string; json?: unknown } {
  const parameters = parametersOf(spec, operation);
  let path = operation.path;
  const search = new URLSearchParams();
  for (const parameter of parameters) {
    const example = exampleOf(parameter);
    if (parameter.in === 'path') {
      if (example === undefined) throw new Error(`${operation.operationId}: path parameter '${parameter.name}' has no example`);
      path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(example)));
    } else if (parameter.in === 'query') {
      // swagger-ui fills each field from its example, else its schema's default, required or not.
      const value = example ?? parameter.schema?.default;
      if (parameter.required && value === undefined) throw new Error(`${operation.operationId}: required query parameter '${parameter.name}' has no example`);
      if (value !== undefined) search.append(parameter.name, String(value));
    }
  }
  const query = search.toString();
  return { url: query ? `${path}?${query}` : path, ...bodyExampleOf(operation) };
}

const OPERATIONS = (await Promise.all(VENDORS.map((vendor) => loadSpec(vendor.name, vendor.specPath)))).flatMap((spec) =>
  spec.operations.map((operation) => ({ vendor: spec.vendor, operationId: operation.operationId })),
);

/**
 * Operations whose vendor documents only a failure for its own example, which the sandbox then
 * answers as documented: CryptoMate's get-by-phone-whatsapp.mdx gives its example phone (John Doe's,
 * WhatsApp off in get-client.mdx) and only the 404 answer.
 */
const DOCUMENTED_FAILURES: Record<string, number> = { 'cryptomate getClientByWhatsAppPhone': 404 };

describe('each operation, as the docs page’s Try it out sends it, succeeds', () => {
  it.each(OPERATIONS)('$vendor $operationId', async ({ vendor, operationId }) => {
    const spec = sandbox.sandbox.vendors.find(({ vendor: module }) => module.name === vendor)!.spec;
    const operation = spec.operations.find((candidate) => candidate.operationId === operationId)!;
    const { headers } = await credentialsFor(sandbox, spec, `try-${vendor}-${operationId}`);
    const request = tryItOutRequest(spec, operation);
    const response = await sandbox.request(operation.method.toUpperCase(), request.url, { headers, json: request.json });
    const documentedFailure = DOCUMENTED_FAILURES[`${vendor} ${operationId}`];
    if (documentedFailure !== undefined) {
      expect(response.status).toBe(documentedFailure);
      return;
    }
    expect([`${operation.method.toUpperCase()} ${request.url}`, response.status, response.status < 300 ? '' : response.text]).toEqual([
      `${operation.method.toUpperCase()} ${request.url}`,
      expect.any(Number),
      '',
    ]);
  });
});
