// How a request that breaks its OpenAPI document is reported to the vendor (README: every request is
// validated against the vendor's document; the first failure, by field, becomes the vendor's 400): path,
// query and header values arrive as text and are coerced to their types with defaults filled in, bodies are
// checked as sent, a required body that is missing is said so, and the failure names the field by its dotted
// path, with JSON pointer escapes undone, the missing or unexpected key included, and a failing key name kept.
// The document is a small one of this test's own (validation/shapes.yaml).
import { fileURLToPath } from 'node:url';
import { loadSpec, type LoadedSpec, type OperationSpec } from '../../src/spec/load-spec.js';
import { RequestValidator, type RequestParts } from '../../src/validation/request-validator.js';
import { toValidationFailure } from '../../src/validation/ajv.js';
import { jest } from '@jest/globals';

let spec: LoadedSpec;
let validator: RequestValidator;
const operation = (id: string): OperationSpec => spec.operations.find((candidate) => candidate.operationId === id)!;

beforeAll(async () => {
  spec = await loadSpec('shapes', fileURLToPath(new URL('./validation/shapes.yaml', import.meta.url)));
  validator = new RequestValidator([spec]);
});

const valid = (): RequestParts => ({
  params: { id: '7' },
  query: { mode: 'fast' },
  headers: { 'x-shape-version': 'v1', 'content-type': 'application/json' },
  body: { name: 'square', sides: 4 },
});
const check = (id: string, parts: Partial<RequestParts>) => validator.compile(operation(id))({ ...valid(), ...parts });

describe('a request that meets its document', () => {
  it('passes, with path and query values coerced to their types and defaults filled in', () => {
    const request = { ...valid(), query: { mode: 'fast', tags: '3' } as Record<string, unknown> };
    expect(validator.compile(operation('updateShape'))(request)).toBeUndefined();
    expect(request.params).toEqual({ id: 7 });
    expect(request.query).toEqual({ mode: 'fast', tags: [3], page: 1, sortBy: 'name' });
  });

  it('lets a query parameter the document does not list through, and an operation without parameters or body', () => {
    expect(check('updateShape', { query: { mode: 'slow', unlisted: 'x' } })).toBeUndefined();
    expect(check('listShapes', { params: {}, query: { anything: '1' }, headers: {}, body: undefined })).toBeUndefined();
    // Even an operation without path parameters refuses one it does not declare.
    expect(check('listShapes', { params: { id: '1' }, query: {}, headers: {}, body: undefined })).toMatchObject({ location: 'path', field: 'id' });
    // An optional body may be left out.
    expect(check('replaceShape', { body: undefined })).toBeUndefined();
  });
});

describe('the failure reported', () => {
  it.each<[string, Partial<RequestParts>, object]>([
    ['a path value of the wrong type', { params: { id: 'seven' } }, { location: 'path', field: 'id', keyword: 'type' }],
    ['a path value out of range', { params: { id: '0' } }, { location: 'path', field: 'id', keyword: 'minimum', params: { comparison: '>=', limit: 1 } }],
    ['a missing required query parameter', { query: {} }, { location: 'query', field: 'mode', keyword: 'required' }],
    ['a query value not in its enum', { query: { mode: 'medium' } }, { location: 'query', field: 'mode', keyword: 'enum' }],
    ['a query value of the wrong type', { query: { mode: 'fast', page: 'two' } }, { location: 'query', field: 'page', keyword: 'type' }],
    ['a query name in camel case, as written', { query: { mode: 'fast', pageSize: '51' } }, { location: 'query', field: 'pageSize', keyword: 'maximum' }],
    ['a path parameter the document does not declare', { params: { id: '7', other: 'x' } }, { location: 'path', field: 'other', keyword: 'additionalProperties' }],
    ['a list item of the wrong type', { query: { mode: 'fast', tags: ['1', 'x'] } }, { location: 'query', field: 'tags.1', keyword: 'type' }],
    ['a missing required header, by its name in lower case', { headers: {} }, { location: 'header', field: 'x-shape-version', keyword: 'required' }],
    ['a header that breaks its pattern', { headers: { 'x-shape-version': '1' } }, { location: 'header', field: 'x-shape-version', keyword: 'pattern' }],
    ['a missing required body field', { body: { sides: 3 } }, { location: 'body', field: 'name', keyword: 'required', params: { missingProperty: 'name' } }],
    ['a nested missing field', { body: { name: 'n', points: [{ x: 1 }, {}] } }, { location: 'body', field: 'points.1.x', keyword: 'required' }],
    ['an unexpected body field', { body: { name: 'n', colour: 'red' } }, { location: 'body', field: 'colour', keyword: 'additionalProperties', params: { additionalProperty: 'colour' } }],
    ['a body value out of range', { body: { name: 'n', sides: 13 } }, { location: 'body', field: 'sides', keyword: 'maximum', message: 'must be <= 12' }],
    ['a key name that breaks its rule, naming the key', { body: { name: 'n', labels: { long: 'x' } } }, { location: 'body', field: 'labels', keyword: 'maxLength', params: { limit: 3, propertyName: 'long' } }],
    ['a field whose name holds / and ~', { body: { name: 'n', 'a/b~c': { 'x/y': 'one' } } }, { location: 'body', field: 'a/b~c.x/y', keyword: 'type' }],
    ['a body that is not an object', { body: ['name'] }, { location: 'body', field: '', keyword: 'type' }],
  ])('%s', (_, parts, expected) => {
    expect(check('updateShape', parts)).toMatchObject(expected);
  });

  it('says a required body that is missing is required', () => {
    expect(check('updateShape', { body: undefined })).toEqual({
      location: 'body',
      field: '',
      keyword: 'required',
      message: 'a JSON body is required',
      params: {},
    });
  });

  it('names an unevaluated property', () => {
    expect(check('replaceShape', { body: { name: 'n', extra: 1 } })).toMatchObject({
      location: 'body',
      field: 'extra',
      keyword: 'unevaluatedProperties',
    });
  });

  it('refuses a run of digits too long to be a number, in the path or the query', () => {
    const huge = '9'.repeat(400);
    const tooLarge = { keyword: 'maximum', message: 'is too large', params: { limit: Number.MAX_SAFE_INTEGER } };
    expect(check('updateShape', { params: { id: huge } })).toEqual({ location: 'path', field: 'id', ...tooLarge });
    expect(check('updateShape', { query: { mode: 'fast', page: huge } })).toEqual({ location: 'query', field: 'page', ...tooLarge });
    expect(check('updateShape', { query: { mode: 'fast', tags: ['1', huge] } })).toEqual({ location: 'query', field: 'tags', ...tooLarge });
  });

  it('compiles every pending check in the warm-up, after the wait, reporting each that fails, and then stops', async () => {
    const broken = (operationId: string): OperationSpec => ({
      ...operation('listShapes'),
      operationId,
      parameters: [{ name: 'q', in: 'query', required: false, schema: `shapes.json#/components/schemas/Nowhere-${operationId}` }],
    });
    const fresh = new RequestValidator([spec]);
    fresh.compile(broken('first'));
    fresh.compile(operation('listShapes'));
    fresh.compile(broken('second'));
    const errors: unknown[] = [];
    const scheduled = jest.spyOn(globalThis, 'setTimeout');
    try {
      fresh.warmUp((error) => errors.push(error), { afterMs: 40 });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(errors).toEqual([]);
      for (let waited = 0; errors.length < 2 && waited < 3000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(errors.map(String)).toEqual([expect.stringMatching(/Nowhere-first/), expect.stringMatching(/Nowhere-second/)]);
      // Once nothing is pending it schedules nothing more (waited for without a timer of the test's own).
      const calls = scheduled.mock.calls.length;
      for (const until = Date.now() + 30; Date.now() < until; ) await new Promise((resolve) => setImmediate(resolve));
      expect(scheduled.mock.calls.length).toBe(calls);
    } finally {
      scheduled.mockRestore();
    }
    // A warm-up with nothing pending reports nothing.
    const idle = new RequestValidator([spec]);
    const none: unknown[] = [];
    idle.warmUp((error) => none.push(error), { afterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(none).toEqual([]);
  });

  it('compiles nothing while the sandbox is busy, and goes on once it is idle', async () => {
    const fresh = new RequestValidator([spec]);
    fresh.compile(operation('listShapes'));
    const compiled = jest.spyOn(fresh, 'compileNow');
    let busy = true;
    try {
      fresh.warmUp(() => undefined, { afterMs: 0, busy: () => busy });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(compiled).not.toHaveBeenCalled();
      busy = false;
      for (let waited = 0; compiled.mock.calls.length === 0 && waited < 1000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(compiled).toHaveBeenCalledTimes(1);
    } finally {
      compiled.mockRestore();
    }
  });

  it('asks again once the loop has read its sockets: a sandbox that only seemed quiet to a timer compiles nothing', async () => {
    const fresh = new RequestValidator([spec]);
    fresh.compile(operation('listShapes'));
    const compiled = jest.spyOn(fresh, 'compileNow');
    // Quiet when the timer asks (a long task kept requests from being read); busy once they have been.
    let asked = 0;
    let busyAfterFirstLook = true;
    try {
      fresh.warmUp(() => undefined, { afterMs: 0, busy: () => asked++ > 0 && busyAfterFirstLook });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(asked).toBeGreaterThan(1);
      expect(compiled).not.toHaveBeenCalled();
      busyAfterFirstLook = false;
      for (let waited = 0; compiled.mock.calls.length === 0 && waited < 1000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(compiled).toHaveBeenCalledTimes(1);
    } finally {
      compiled.mockRestore();
    }
  });

  it('checks each operation once compiled, whether by first use or by warm-up', async () => {
    const fresh = new RequestValidator([spec]);
    const update = fresh.compile(operation('updateShape'));
    const list = fresh.compile(operation('listShapes'));
    const errors: unknown[] = [];
    fresh.warmUp((error) => errors.push(error), { afterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(errors).toEqual([]);
    expect(update({ ...valid(), params: { id: 'x' } })).toMatchObject({ field: 'id' });
    expect(list({ params: {}, query: {}, headers: {}, body: undefined })).toBeUndefined();
  });
});

describe('an ajv error, mapped', () => {
  const error = (overrides: object) => ({ instancePath: '', schemaPath: '#', keyword: 'type', params: {}, message: 'must be object', ...overrides });

  it('joins the instance path with dots, undoing ~1 and ~0', () => {
    expect(toValidationFailure('body', error({ instancePath: '/a~1b/0/c~0d~01' }))).toStrictEqual({
      location: 'body',
      field: 'a/b.0.c~d~1',
      keyword: 'type',
      message: 'must be object',
      params: {},
    });
  });

  it('adds the missing, additional or unevaluated key to the field', () => {
    expect(toValidationFailure('body', error({ instancePath: '/x', keyword: 'required', params: { missingProperty: 'y' } })).field).toBe('x.y');
    expect(toValidationFailure('body', error({ keyword: 'additionalProperties', params: { additionalProperty: 'z' } })).field).toBe('z');
    expect(toValidationFailure('body', error({ keyword: 'unevaluatedProperties', params: { unevaluatedProperty: 'w' } })).field).toBe('w');
    expect(toValidationFailure('query', error({ instancePath: '/q', keyword: 'enum', params: { allowedValues: [1] } }))).toMatchObject({
      location: 'query',
      field: 'q',
      params: { allowedValues: [1] },
    });
  });

  it('keeps a failing key name beside the params, and says "is invalid" when ajv says nothing', () => {
    const mapped = toValidationFailure('body', error({ instancePath: '/labels', keyword: 'maxLength', params: { limit: 3 }, propertyName: 'long', message: undefined }));
    expect(mapped).toStrictEqual({ location: 'body', field: 'labels', keyword: 'maxLength', message: 'is invalid', params: { limit: 3, propertyName: 'long' } });
  });
});
