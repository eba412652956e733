import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../src/config/package-paths.js';
import { compiledText, parseDocument } from '../../src/spec/load-spec.js';
import { decodeShared, encodeShared } from '../../src/spec/shared-graph.js';

const roundTrip = (value: unknown) => decodeShared(JSON.parse(JSON.stringify(encodeShared(value))));

describe('the build’s copy of a document', () => {
  const folder = packagePath('openapi');
  const files = readdirSync(folder).filter((file) => file.endsWith('.yaml'));

  it.each(files)('%s: read back, is the document dereferenced from the YAML, in a fraction of plain JSON’s length', async (file) => {
    const parsed = await parseDocument(join(folder, file), { preferCompiled: false });
    const text = compiledText(parsed);
    const copy = JSON.parse(text) as { format: string; source: string; raw: unknown; document: string };
    expect(copy.source).toBe(parsed.source);
    expect(copy.raw).toEqual(parsed.raw);
    expect(decodeShared(JSON.parse(copy.document))).toEqual(parsed.document);
    // Written whole at each use, the dereferenced document alone is longer than the copy of both.
    expect(text.length).toBeLessThan(JSON.stringify(parsed.document).length);
    // ASCII, so that it is held one byte a character once read.
    expect(text).toMatch(/^[\x20-\x7e]*$/);
  });

  it.each(files)('%s: as the build wrote it, is read raw at once and dereferenced when first asked, as the YAML gives it', async (file) => {
    const fromYaml = await parseDocument(join(folder, file), { preferCompiled: false });
    const fromCopy = await parseDocument(join(folder, file));
    expect(fromCopy.source).toBe(fromYaml.source);
    expect(fromCopy.raw).toEqual(fromYaml.raw);
    expect(Object.getOwnPropertyDescriptor(fromCopy, 'document')?.get).toBeInstanceOf(Function);
    expect(fromCopy.document).toEqual(fromYaml.document);
    expect(fromCopy.document).toBe(fromCopy.document);
  });

  it('keeps an object used in two places one object, and arrays, nulls and text as they were', () => {
    const address = { city: 'London', lines: ['1 Main St', null] };
    const decoded = roundTrip({ home: address, work: address, tags: [address, 'x', 0, false, null] }) as Record<string, unknown>;
    expect(decoded).toEqual({ home: address, work: address, tags: [address, 'x', 0, false, null] });
    expect(decoded.home).toBe(decoded.work);
    expect((decoded.tags as unknown[])[0]).toBe(decoded.home);
    expect(decoded.home).not.toBe(address);
  });

  it('keeps a cycle, even one back to the root', () => {
    const root: Record<string, unknown> = { name: 'root' };
    const child: Record<string, unknown> = { parent: root };
    root.children = [child, child];
    const decoded = roundTrip(root) as { name: string; children: { parent: unknown }[] };
    expect(decoded.name).toBe('root');
    expect(decoded.children[0]).toBe(decoded.children[1]);
    expect(decoded.children[0]!.parent).toBe(decoded);
  });

  it('writes an object used once in place, not in the shared table', () => {
    expect(encodeShared({ a: { b: 1 }, c: [1, 2] })).toEqual({ root: { a: { b: 1 }, c: [1, 2] }, shared: [] });
  });
});
