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

/**
 * What marks each record as the tenant's own: its id where no other text would contain it (small
 * integer ids recur in every tenant and in any body), else its email.
 */
const markersOf = (data: Data) => {
  const markers = new Map<string, { ids: string[]; emails: string[] }>();
  for (const collections of Object.values(data)) {
    for (const [collection, records] of Object.entries(collections)) {
      if (collection.startsWith('__')) continue;
      const entry = markers.get(collection) ?? { ids: [], emails: [] };
      for (const [id, record] of Object.entries(records)) {
        if (id.length >= 8 && !/^\d+$/.test(id)) entry.ids.push(id);
        else if (typeof (record as { email?: unknown }).email === 'string') entry.emails.push((record as { email: string }).email);
      }
      markers.set(collection, entry);
    }
  }
  return markers;
};

describe('tenants', () => {
  it('never see each other’s records, by id or in lists, and reset apart', async () => {
    let checked = 0;
    for (const { spec } of sandbox.sandbox.vendors) {
      const [alice, bob] = await Promise.all([credentialsFor(sandbox, spec, `iso_a_${spec.vendor}`), credentialsFor(sandbox, spec, `iso_b_${spec.vendor}`)]);
      const gets = spec.operations.filter((operation) => operation.method === 'get');
      // Seed both tenants.
      // A tenant's first request seeds its data, whatever it asks.
      for (const { headers } of [alice, bob]) await sandbox.request('GET', gets[0]!.path.replace(/\{[^}]+\}/g, 'seed'), { headers });

      const bobs = [...markersOf(sandbox.sandbox.inspect(bob.key)).values()];
      const bobMarkers = new Set(bobs.flatMap(({ ids, emails }) => [...ids, ...emails]));
      const alices = [...markersOf(sandbox.sandbox.inspect(alice.key)).values()];
      const someAliceIds = alices.flatMap(({ ids }) => ids.filter((id) => !bobMarkers.has(id)).slice(0, 3));
      const someAliceEmails = alices.flatMap(({ emails }) => emails.filter((email) => !bobMarkers.has(email)).slice(0, 3));
      expect([spec.vendor, someAliceIds.length + someAliceEmails.length > 0]).toEqual([spec.vendor, true]);

      for (const operation of gets) {
        const params = operation.path.match(/\{[^}]+\}/g) ?? [];
        if (params.length === 0) {
          const listed = await sandbox.request('GET', operation.path, { headers: bob.headers });
          const leaked = [...someAliceIds, ...someAliceEmails].filter((marker) => listed.text.includes(marker));
          expect([operation.operationId, leaked]).toEqual([operation.operationId, []]);
          checked++;
        } else if (params.length === 1) {
          for (const id of someAliceIds) {
            const response = await sandbox.request('GET', operation.path.replace(params[0]!, encodeURIComponent(id)), { headers: bob.headers });
            // A 404 may name the id it did not find; a success must not show it.
            const leaked = response.status < 400 && response.text.includes(id);
            expect([operation.operationId, id, leaked]).toEqual([operation.operationId, id, false]);
            checked++;
          }
        }
      }

      const bobBefore = JSON.stringify(sandbox.sandbox.inspect(bob.key));
      expect(sandbox.sandbox.reset(alice.key)).toBeGreaterThan(0);
      expect(JSON.stringify(sandbox.sandbox.inspect(bob.key))).toBe(bobBefore);
    }
    expect(checked).toBeGreaterThan(10);
  }, 120_000);
});
