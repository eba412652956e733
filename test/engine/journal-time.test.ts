import fc from 'fast-check';
import { isoTime } from '../../src/store/iso-time.js';
import { launch } from '../helpers/sandbox.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';

/** The time a request is journalled at: ISO 8601 in UTC to the millisecond, as `Date#toISOString` writes it. */
describe('isoTime', () => {
  it.each([
    [Date.UTC(2026, 0, 1, 0, 0, 0, 5), '2026-01-01T00:00:00.005Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 0, 50), '2026-01-01T00:00:00.050Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 0, 999), '2026-01-01T00:00:00.999Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 1, 0), '2026-01-01T00:00:01.000Z'],
    [Date.UTC(2026, 11, 31, 23, 59, 59, 1), '2026-12-31T23:59:59.001Z'],
    [Date.UTC(2026, 0, 1, 0, 0, 0, 7), '2026-01-01T00:00:00.007Z'],
    [Date.UTC(1969, 11, 31, 23, 59, 59, 900), '1969-12-31T23:59:59.900Z'],
  ])('writes %d as %s, in any order', (ms, text) => {
    expect(isoTime(ms)).toBe(text);
  });

  it('writes any time of a four-digit year as toISOString does, whatever times came before', () => {
    const [first, last] = [Date.parse('0000-01-01T00:00:00.000Z'), Date.parse('9999-12-31T23:59:59.999Z')];
    const fourDigitYears = fc.integer({ min: first, max: last });
    // Times near each other too, so that the seconds already formatted are asked for again, in turn.
    const near = 3000;
    const nearby = fc
      .tuple(fc.integer({ min: first + near, max: last - near }), fc.array(fc.integer({ min: -near, max: near }), { maxLength: 20 }))
      .map(([at, steps]) => steps.map((step) => at + step));
    fc.assert(
      fc.property(fc.array(fc.oneof(fourDigitYears.map((at) => [at]), nearby), { maxLength: 10 }), (groups) => {
        for (const ms of groups.flat()) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

it('is the wall time of the answer in the journal', async () => {
  const sandbox = await launch();
  try {
    const key = 'journal-time';
    const before = Date.now();
    await sandbox.request('GET', `/v1/clients/${JANE_DOE_ID}`, { headers: { Authorization: key } });
    const [entry] = sandbox.sandbox.requests({ key });
    const at = Date.parse(entry!.at);
    expect(new Date(at).toISOString()).toBe(entry!.at);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  } finally {
    await sandbox.stop();
  }
});
