import fc, { type Arbitrary } from 'fast-check';

type Schema = Record<string, any>;

const MAX_DEPTH = 5;

/** Values that satisfy a (dereferenced) JSON Schema's common keywords; `if`/`then` rules are not followed. */
export function arbitraryFor(schema: Schema | boolean | undefined, depth = 0): Arbitrary<unknown> {
  if (schema === undefined || schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) {
    return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
  if (schema === false) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  if (Array.isArray(schema.allOf)) return arbitraryFor(mergeAll(schema), depth);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((option: Schema) => arbitraryFor({ ...withoutCombinators(schema), ...option }, depth)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type: string) => arbitraryFor({ ...schema, type }, depth)));
  switch (schema.type) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (depth >= MAX_DEPTH) return fc.constant([]);
      return fc.array(arbitraryFor(schema.items, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    default:
      return objectFor(schema, depth);
  }
}

function withoutCombinators(schema: Schema): Schema {
  const { anyOf: _a, oneOf: _o, allOf: _all, ...rest } = schema;
  return rest;
}

function mergeAll(schema: Schema): Schema {
  const merged: Schema = withoutCombinators(schema);
  for (const part of schema.allOf as Schema[]) {
    const resolved = Array.isArray(part.allOf) ? mergeAll(part) : part;
    for (const [keyword, value] of Object.entries(resolved)) {
      if (keyword === 'properties') merged.properties = { ...merged.properties, ...(value as Schema) };
      else if (keyword === 'required') merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      else if (keyword !== 'if' && keyword !== 'then' && keyword !== 'else') merged[keyword] ??= value;
    }
  }
  return merged;
}

function stringFor(schema: Schema): Arbitrary<string> {
  switch (schema.format) {
    case 'email':
      return fc.emailAddress().filter((email) => email.length <= (schema.maxLength ?? 254));
    case 'date':
      return fc.date({ min: new Date('1950-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
    case 'uuid':
      return fc.uuid();
    case 'uri':
    case 'url':
      return fc.webUrl();
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => fits(schema, text));
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 24, 24), unit: 'grapheme' });
}

const fits = (schema: Schema, text: string) => text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? Infinity);

function objectFor(schema: Schema, depth: number): Arbitrary<Record<string, unknown>> {
  if (depth >= MAX_DEPTH) return fc.constant({});
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const shape = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, arbitraryFor(property, depth + 1)]));
  const record = fc.record(shape, { requiredKeys: (schema.required ?? []).filter((name: string) => name in properties) });
  if (typeof schema.additionalProperties !== 'object' || Object.keys(properties).length > 0) return record;
  return fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }).filter((key) => /^[a-z]\w*$/i.test(key)), arbitraryFor(schema.additionalProperties, depth + 1), {
    maxKeys: 3,
  });
}

/** A body broken in one way: the kinds of input a careless or hostile client sends. */
export const bodyBreakers: { name: string; apply(valid: unknown): { text: string; contentType: string } }[] = [
  { name: 'not JSON', apply: () => ({ text: '{"unterminated": ', contentType: 'application/json' }) },
  { name: 'random bytes', apply: () => ({ text: '\u0000\u00ff\ud7ff binary \u0001', contentType: 'application/json' }) },
  { name: 'a bare string', apply: () => ({ text: '"just text"', contentType: 'application/json' }) },
  { name: 'an array', apply: (valid) => ({ text: JSON.stringify([valid]), contentType: 'application/json' }) },
  { name: 'the wrong content type', apply: (valid) => ({ text: JSON.stringify(valid), contentType: 'text/plain' }) },
  {
    name: 'prototype keys',
    apply: (valid) => ({
      text: `{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "prototype": 1${
        valid && typeof valid === 'object' && Object.keys(valid).length > 0 ? ',' + JSON.stringify(valid).slice(1, -1) : ''
      }}`,
      contentType: 'application/json',
    }),
  },
  { name: 'nesting 100 000 deep', apply: () => ({ text: '['.repeat(100_000) + ']'.repeat(100_000), contentType: 'application/json' }) },
  {
    // The body's own level and 64 arrays: one past the bound of 64 (src/server/json-body.ts).
    name: 'a valid body with a field nested one level past the bound',
    apply: (valid) => ({
      text: JSON.stringify({ ...(valid && typeof valid === 'object' && !Array.isArray(valid) ? valid : {}), deep: nestedArray(64) }),
      contentType: 'application/json',
    }),
  },
  {
    name: 'a huge string in every field',
    apply: (valid) => ({ text: JSON.stringify(mapFields(valid, () => 'x'.repeat(200_000))), contentType: 'application/json' }),
  },
  {
    name: 'wrong types in every field',
    apply: (valid) => ({ text: JSON.stringify(mapFields(valid, (value) => (typeof value === 'string' ? 12345 : 'wrong'))), contentType: 'application/json' }),
  },
  { name: 'unicode in every field', apply: (valid) => ({ text: JSON.stringify(mapFields(valid, () => '𝔘𝔫𝔦\u202e\u0000😀ß')), contentType: 'application/json' }) },
];

function nestedArray(depth: number): unknown {
  let value: unknown = [];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

function mapFields(valid: unknown, change: (value: unknown) => unknown): unknown {
  if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return change(valid);
  return Object.fromEntries(Object.entries(valid).map(([name, value]) => [name, change(value)]));
}
