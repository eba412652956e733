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

describe('the JSON text of stored records', () => {
  it('is JSON.stringify’s, for any value holding stored records in its first levels', () => {
    const things = collectionOf('a');
    const json = fc.jsonValue();
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), name: fc.option(fc.string(), { nil: undefined }), extra: json })), json, (records, around) => {
        const stored = records.map((record) => things.put({ ...record }));
        for (const value of [stored[0], stored, { page: 1, items: stored, around }, [around, stored, undefined], { skipped: undefined, around }]) {
          expect(recordsJson(value)).toBe(JSON.stringify(value));
        }
      }),
    );
  });

  it('is made afresh when the same record is put again after a change within it', () => {
    const things = collectionOf('a');
    const details = { colour: 'red' };
    const thing = things.put({ id: '1', details });
    expect(recordsJson(thing)).toBe('{"id":"1","details":{"colour":"red"}}');
    details.colour = 'blue';
    things.put(thing);
    expect(recordsJson(thing)).toBe('{"id":"1","details":{"colour":"blue"}}');
  });

  it('shows a replaced record’s new fields, and the record is frozen once stored', () => {
    const things = collectionOf('a');
    const first = things.put({ id: '1', name: 'Jane' });
    expect(recordsJson([first])).toBe('[{"id":"1","name":"Jane"}]');
    const second = things.put({ ...first, name: 'Joan' });
    expect(recordsJson([things.get('1')])).toBe('[{"id":"1","name":"Joan"}]');
    expect(() => {
      (second as { name: string }).name = 'changed in place';
    }).toThrow(TypeError);
  });

  it('of a record shared by many tenants is kept when each tenant’s seeding puts it', () => {
    const shared = Object.freeze({ id: 'documented', name: 'Jane Doe' });
    collectionOf('a').put(shared);
    expect(recordsJson(shared)).toBe('{"id":"documented","name":"Jane Doe"}');
    collectionOf('b').put(shared);
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      expect(recordsJson(shared)).toBe('{"id":"documented","name":"Jane Doe"}');
      expect(stringify).not.toHaveBeenCalled();
    } finally {
      stringify.mockRestore();
    }
  });
});
