import { credentialsFor } from '../helpers/credentials.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';

/**
 * For every vendor and every resource: what one tenant has, another never sees — not by id, not in
 * a list — and resetting one tenant leaves the other's data as it was.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

type Data = Record<string, Record<string, Record<string, unknown>>>;

const idsOf = (data: Data) => {
  const ids = new Map<string, string[]>();
  for (const collections of Object.values(data)) {
    for (const [collection, records] of Object.entries(collections)) {
      if (collection.startsWith('__')) continue;
      ids.set(collection, [...(ids.get(collection) ?? []), ...Object.keys(records)]);
    }
  }
  return ids;
};

describe('tenants', () => {
  it('never see each other’s records, by id or in lists, and reset apart', async () => {
    let checked = 0;
    for (const { spec } of sandbox.sandbox.vendors) {
      const [alice, bob] = await Promise.all([credentialsFor(sandbox, spec, `iso_a_${spec.vendor}`), credentialsFor(sandbox, spec, `iso_b_${spec.vendor}`)]);
      const keyOf = (headers: Record<string, string>) => headers.Authorization ?? Object.values(headers)[0]!;
      const gets = spec.operations.filter((operation) => operation.method === 'get');
      // Seed both tenants.
      for (const headers of [alice, bob]) for (const list of gets.filter((op) => !op.path.includes('{'))) await sandbox.request('GET', list.path, { headers });

      const bobIds = new Set([...idsOf(sandbox.sandbox.inspect(keyOf(bob))).values()].flat());
      const aliceOnly = new Map([...idsOf(sandbox.sandbox.inspect(keyOf(alice)))].map(([collection, ids]) => [collection, ids.filter((id) => !bobIds.has(id)).slice(0, 3)]));
      const someAliceIds = [...aliceOnly.values()].flat();
      expect([spec.vendor, someAliceIds.length > 0]).toEqual([spec.vendor, true]);

      for (const operation of gets) {
        const params = operation.path.match(/\{[^}]+\}/g) ?? [];
        if (params.length === 0) {
          const listed = await sandbox.request('GET', operation.path, { headers: bob });
          const leaked = someAliceIds.filter((id) => listed.text.includes(id));
          expect([operation.operationId, leaked]).toEqual([operation.operationId, []]);
          checked++;
        } else if (params.length === 1) {
          for (const id of someAliceIds) {
            const response = await sandbox.request('GET', operation.path.replace(params[0]!, encodeURIComponent(id)), { headers: bob });
            // A 404 may name the id it did not find; a success must not show it.
            const leaked = response.status < 400 && response.text.includes(id);
            expect([operation.operationId, id, leaked]).toEqual([operation.operationId, id, false]);
            checked++;
          }
        }
      }

      const bobBefore = JSON.stringify(sandbox.sandbox.inspect(keyOf(bob)));
      expect(sandbox.sandbox.reset(keyOf(alice))).toBeGreaterThan(0);
      expect(JSON.stringify(sandbox.sandbox.inspect(keyOf(bob)))).toBe(bobBefore);
    }
    expect(checked).toBeGreaterThan(10);
  }, 120_000);
});
