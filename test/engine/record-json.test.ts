import { jest } from '@jest/globals';
import fc from 'fast-check';
import { Partition, type PartitionData } from '../../src/store/partition.js';
import { recordsJson } from '../../src/store/record-json.js';

interface Thing {
  id: string;
  name?: string;
  details?: { colour?: string };
}

const collectionOf = (tenant: string) => {
  const data: PartitionData = { state: { draws: 0, seeded: true }, collections: {} };
  return new Partition(`vendor:${tenant}`, data, () => undefined).collection<Thing>('things');
};

const textOf = (value: unknown) => recordsJson(value)?.text;

describe('the JSON text of stored records', () => {
  it('is JSON.stringify’s, and its UTF-8 length Buffer.byteLength’s, for any value holding stored records in its first levels', () => {
    const things = collectionOf('a');
    // Any code point, so that a length counted in characters instead of UTF-8 bytes fails.
    const text = fc.string({ unit: 'binary' });
    const json = fc.jsonValue({ stringUnit: 'binary' });
    fc.assert(
      fc.property(fc.array(fc.record({ id: text, name: fc.option(text, { nil: undefined }), extra: json })), json, text, (records, around, key) => {
        const stored = records.map((record) => things.put({ ...record }));
        for (const value of [stored[0], stored, { page: 1, items: stored, around }, [around, stored, undefined], { skipped: undefined, [key]: around }]) {
          const expected = JSON.stringify(value);
          expect(recordsJson(value)).toEqual(expected === undefined ? undefined : { text: expected, bytes: Buffer.byteLength(expected) });
        }
      }),
    );
  });

  it('is made afresh when the same record is put again after a change within it', () => {
    const things = collectionOf('a');
    const details = { colour: 'red' };
    const thing = things.put({ id: '1', details });
    expect(textOf(thing)).toBe('{"id":"1","details":{"colour":"red"}}');
    details.colour = 'blue';
    things.put(thing);
    expect(textOf(thing)).toBe('{"id":"1","details":{"colour":"blue"}}');
  });

  it('shows a replaced record’s new fields, and the record is frozen once stored', () => {
    const things = collectionOf('a');
    const first = things.put({ id: '1', name: 'Jane' });
    expect(textOf([first])).toBe('[{"id":"1","name":"Jane"}]');
    const second = things.put({ ...first, name: 'Joan' });
    expect(textOf([things.get('1')])).toBe('[{"id":"1","name":"Joan"}]');
    expect(() => {
      (second as { name: string }).name = 'changed in place';
    }).toThrow(TypeError);
  });

  it('of a record shared by many tenants is kept when each tenant’s seeding puts it', () => {
    const shared = Object.freeze({ id: 'documented', name: 'Jane Doe' });
    collectionOf('a').put(shared);
    expect(textOf(shared)).toBe('{"id":"documented","name":"Jane Doe"}');
    collectionOf('b').put(shared);
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(textOf(shared)).toBe('{"id":"documented","name":"Jane Doe"}');
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });
});
