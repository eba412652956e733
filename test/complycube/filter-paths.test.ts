// ComplyCube's field filters name fields by dotted paths (`personDetails.lastName`, `result.outcome`): a path
// through a step that is missing, null or not an object reads nothing, so such a record does not match.
import { readPath } from '../../src/vendors/complycube/pagination.js';

describe('dotted field paths', () => {
  const record = { a: { b: 1, n: null, s: 'text', zero: 0 }, top: 'x' };

  it('reads a value at any depth, falsy ones included', () => {
    expect(readPath(record, ['a', 'b'])).toBe(1);
    expect(readPath(record, ['a', 'zero'])).toBe(0);
    expect(readPath(record, ['top'])).toBe('x');
  });

  it('reads nothing through a missing, null or non-object step, nor from the prototype', () => {
    expect(readPath(record, ['missing', 'b'])).toBeUndefined();
    expect(readPath(record, ['a', 'n', 'c'])).toBeUndefined();
    expect(readPath(record, ['a', 's', 'length'])).toBeUndefined();
    expect(readPath(record, ['a', 'toString'])).toBeUndefined();
    expect(readPath(null, ['a'])).toBeUndefined();
    expect(readPath(undefined, ['a'])).toBeUndefined();
  });
});
