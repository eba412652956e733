import fc from 'fast-check';
import { Partition, type PartitionData } from '../../src/store/partition.js';

interface Thing {
  id: string;
  kind?: string;
  details?: { colour?: string };
}

const fresh = () => {
  const data: PartitionData = { state: { draws: 0, seeded: true }, collections: {} };
  return new Partition('vendor:tenant', data, () => undefined).collection<Thing>('things');
};

const scan = (things: readonly Thing[], field: 'kind' | 'colour', value: string) =>
  things.filter((thing) => (field === 'kind' ? thing.kind : thing.details?.colour) === value).map((thing) => thing.id);

describe('a collection’s equality index', () => {
  it('answers like a scan, in insertion order, through any puts and deletes', () => {
    const value = fc.constantFrom('a', 'b', 'c', undefined);
    const step = fc.oneof(
      fc.record({ op: fc.constant('put' as const), id: fc.integer({ min: 1, max: 12 }), kind: value, colour: value }),
      fc.record({ op: fc.constant('delete' as const), id: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ op: fc.constant('query' as const), field: fc.constantFrom('kind' as const, 'colour' as const), value: fc.constantFrom('a', 'b', 'c') }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const things = fresh();
        for (const action of steps) {
          if (action.op === 'put') {
            things.put({ id: `t${action.id}`, kind: action.kind, details: action.colour === undefined ? {} : { colour: action.colour } });
          } else if (action.op === 'delete') {
            things.delete(`t${action.id}`);
          } else {
            const path = action.field === 'kind' ? 'kind' : 'details.colour';
            expect(things.where(path, action.value).map((thing) => thing.id)).toEqual(scan(things.values(), action.field, action.value));
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
