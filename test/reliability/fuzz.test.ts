import fc from 'fast-check';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadSpec, type OperationSpec } from '../../src/spec/load-spec.js';
import { VENDORS } from '../../src/registry/vendors.js';
import { arbitraryFor, bodyBreakers } from '../helpers/schema-arbitrary.js';
import { credentialsFor } from '../helpers/credentials.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';

/**
 * Property-based requests generated from every operation of every vendor document: valid inputs,
 * broken bodies and broken query values. The server never answers 5xx, answers every failure in
 * the vendor's documented body (the helper checks each response against the document), and a
 * rejected request leaves the tenant's data as it was.
 */
const VALID_RUNS = 30;

let sandbox: TestSandbox;
beforeAll(async () => {
  // Pending work completes only when asked: a check finishing on its own between the two reads of a
  // rejected request would look like the rejection changed data.
  sandbox = await launch({ bodyLimitBytes: 1024 * 1024, checkDelayMs: 24 * 3600 * 1000 });
});
afterAll(() => sandbox.stop());


function jsonSchemaOf(operation: OperationSpec): OpenAPIV3_1.SchemaObject | undefined {
  const body = operation.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
  return body?.content?.['application/json']?.schema as OpenAPIV3_1.SchemaObject | undefined;
}

function parametersOf(operation: OperationSpec, location: 'path' | 'query') {
  return ((operation.operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).filter((parameter) => parameter.in === location);
}

function urlOf(operation: OperationSpec, params: Record<string, unknown>, query: Record<string, unknown>): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? 'x')));
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.append(name, String(value));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const objectOf = (parameters: OpenAPIV3_1.ParameterObject[]) =>
  fc.record(
    Object.fromEntries(parameters.map((parameter) => [parameter.name, arbitraryFor(parameter.schema as object)])),
    { requiredKeys: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name) },
  );

type Data = Record<string, Record<string, Record<string, unknown>>>;

/** The records a rejected request changed, named by partition, collection and id; empty when none. */
function changes(before: Data, after: Data): string[] {
  const changed: string[] = [];
  for (const partition of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, is] = [before[partition] ?? {}, after[partition] ?? {}];
    for (const collection of new Set([...Object.keys(was), ...Object.keys(is)])) {
      const [records, now] = [(was[collection] ?? {}) as Record<string, unknown>, (is[collection] ?? {}) as Record<string, unknown>];
      for (const id of new Set([...Object.keys(records), ...Object.keys(now)])) {
        if (JSON.stringify(records[id]) !== JSON.stringify(now[id])) changed.push(`${collection}/${id}`);
      }
    }
  }
  return changed;
}

// Operations are read before the tests are declared, so that each is a test of its own.
const OPERATIONS = (await Promise.all(VENDORS.map((vendor) => loadSpec(vendor.name, vendor.specPath)))).flatMap((spec) =>
  spec.operations.map((operation) => ({ vendor: spec.vendor, operationId: operation.operationId })),
);
const counts: Record<string, number> = {};
afterAll(() => process.stdout.write(`generated cases per operation: ${JSON.stringify(counts)}\n`));

describe('generated requests never answer 5xx, always answer in the document, and change nothing when rejected', () => {
  it.each(OPERATIONS)('$vendor $operationId', async ({ vendor, operationId }) => {
    const spec = sandbox.sandbox.vendors.find(({ vendor: module }) => module.name === vendor)!.spec;
    const operation = spec.operations.find((candidate) => candidate.operationId === operationId)!;
    const label = `${spec.vendor}.${operation.operationId}`;
    const tag = label.replace(/\W/g, '_');
    const { headers, key } = await credentialsFor(sandbox, spec, tag);
    const send = (url: string, text?: string, contentType = 'application/json') =>
      sandbox.request(operation.method.toUpperCase(), url, {
        raw: text,
        headers: text === undefined ? headers : { ...headers, 'content-type': contentType },
      });
    // The tenant's first call seeds its data; that is not a change made by a request.
    await sandbox.request('GET', '/__sandbox/health');
    await send(urlOf(operation, {}, {}), jsonSchemaOf(operation) ? '{}' : undefined);
    const snapshot = () => sandbox.sandbox.inspect(key);
    const expectUnchanged = (before: Data, what: string) => expect([what, changes(before, snapshot())]).toEqual([what, []]);

    const schema = jsonSchemaOf(operation);
    const input = fc.record({
      params: objectOf(parametersOf(operation, 'path')),
      query: objectOf(parametersOf(operation, 'query')),
      body: schema ? arbitraryFor(schema as object) : fc.constant(undefined),
    });
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(input, async ({ params, query, body }) => {
        cases++;
        const before = snapshot();
        const response = await send(urlOf(operation, params, query), body === undefined ? undefined : JSON.stringify(body));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expectUnchanged(before, `${label} answered ${response.status}`);
      }),
      { numRuns: VALID_RUNS, seed: 42 },
    );

    const sample = schema ? fc.sample(arbitraryFor(schema as object), { numRuns: 1, seed: 7 })[0] : undefined;
    if (schema) {
      for (const breaker of bodyBreakers) {
        cases++;
        const before = snapshot();
        const { text, contentType } = breaker.apply(sample);
        const response = await send(urlOf(operation, {}, {}), text, contentType);
        expect([breaker.name, response.status < 500]).toEqual([breaker.name, true]);
        if (response.status >= 400) expectUnchanged(before, `${label} with ${breaker.name}`);
      }
    }
    for (const parameter of parametersOf(operation, 'query')) {
      for (const junk of ['', '-1', '9'.repeat(400), '%00', '{"$gt":""}', '__proto__']) {
        cases++;
        const before = snapshot();
        const response = await send(`${urlOf(operation, {}, {})}?${encodeURIComponent(parameter.name)}=${encodeURIComponent(junk)}`);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expectUnchanged(before, `${label} with ${parameter.name}=${junk}`);
      }
    }
    counts[label] = cases;
    expect((await sandbox.request('GET', '/__sandbox/health')).status).toBe(200);
    expect(Object.getPrototypeOf({}).polluted).toBeUndefined();
  }, 60_000);
});

