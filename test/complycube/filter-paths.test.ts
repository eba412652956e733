// ComplyCube's field filters name fields by dotted paths (`personDetails.lastName`, `result.outcome`): a path
// through a step that is missing, null or not an object reads nothing, so such a record does not match.
import { valueAtPath } from '../../src/vendors/kit.js';

describe('dotted field paths', () => {
  const record = { a: { b: 1, n: null, s: 'text', zero: 0 }, top: 'x' };

  it('reads a value at any depth, falsy ones included', () => {
    expect(valueAtPath(record, ['a', 'b'])).toBe(1);
    expect(valueAtPath(record, ['a', 'zero'])).toBe(0);
    expect(valueAtPath(record, ['top'])).toBe('x');
  });

  it('reads nothing through a missing, null or non-object step, nor from the prototype', () => {
    expect(valueAtPath(record, ['missing', 'b'])).toBeUndefined();
    expect(valueAtPath(record, ['a', 'n', 'c'])).toBeUndefined();
    expect(valueAtPath(record, ['a', 's', 'length'])).toBeUndefined();
    expect(valueAtPath(record, ['a', 'toString'])).toBeUndefined();
    expect(valueAtPath(null, ['a'])).toBeUndefined();
    expect(valueAtPath(undefined, ['a'])).toBeUndefined();
  });
});
