// ComplyCube's lists (ledger facts 7 and 8, docs/vendors/complycube.md): `page` from 1 and `pageSize`
// (default 100) give `{page, pageSize, totalItems, pages, items}`, newest first; `createdAfter/Before`,
// `updatedAfter/Before` and the resource's fields filter, and a malformed date matches nothing. Each page
// below is written out by hand from the records the test made, in the documented order.
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { complyCube, newPerson } from '../helpers/complycube.js';

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['complycube'], clients: 3 });
});
afterAll(() => sandbox.stop());

interface Listed {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** Five persons with one externalId, a second apart, oldest first; and a company between the 2nd and 3rd. */
/** Five persons made a second apart, oldest first, with a company between the second and the third. */
async function batch(api: ReturnType<typeof complyCube>, externalId: string): Promise<[Listed, Listed, Listed, Listed, Listed]> {
  const made: Listed[] = [];
  for (let index = 0; index < 5; index++) {
    sandbox.sandbox.advanceClock(1000);
    const created = await api.post('/clients', newPerson({ externalId, email: `p${index}.${externalId}@example.com` }));
    expect(created.status).toBe(200);
    made.push(created.body);
    if (index === 1) {
      sandbox.sandbox.advanceClock(1000);
      const company = await api.post('/clients', {
        type: 'company',
        externalId,
        email: `co.${externalId}@example.com`,
        companyDetails: { name: 'Batch Ltd' },
      });
      expect(company.status).toBe(200);
    }
  }
  const [p1, p2, p3, p4, p5] = made;
  return [p1!, p2!, p3!, p4!, p5!];
}

const ids = (body: { items: Listed[] }) => body.items.map((item) => item.id);

describe('a filtered list, paged', () => {
  it('pages the matches newest first, each page exactly pageSize long but the last', async () => {
    const api = complyCube(sandbox);
    const [p1, p2, p3, p4, p5] = await batch(api, 'paged');
    // type is answered by the index; externalId filters what it gives.
    const page = (n: number) => api.get(`/clients?type=person&externalId=paged&pageSize=2&page=${n}`);
    expect((await page(1)).body).toEqual({ page: 1, pageSize: 2, totalItems: 5, pages: 3, items: [p5, p4] });
    expect((await page(2)).body).toEqual({ page: 2, pageSize: 2, totalItems: 5, pages: 3, items: [p3, p2] });
    expect((await page(3)).body).toEqual({ page: 3, pageSize: 2, totalItems: 5, pages: 3, items: [p1] });
    expect((await page(4)).body).toEqual({ page: 4, pageSize: 2, totalItems: 5, pages: 3, items: [] });
    // Six with the company; a page of three divides them evenly.
    const all = await api.get('/clients?externalId=paged&pageSize=3&page=2');
    expect(all.body).toMatchObject({ page: 2, pageSize: 3, totalItems: 6, pages: 2 });
    // Newest first: p5, p4, p3, the company, p2, p1.
    expect(all.body.items.map((item: Listed & { type: string }) => item.type)).toEqual(['company', 'person', 'person']);
    expect(ids(all.body).slice(1)).toEqual([p2.id, p1.id]);
  });

  it('filters on a date alone, strictly after or before, and pages what matches', async () => {
    const api = complyCube(sandbox);
    const [p1, p2, p3, p4, p5] = await batch(api, 'dated');
    const after = await api.get(`/clients?createdAfter=${p2.createdAt}&pageSize=2`);
    // p3, p4, p5 and the company made after p2 (and nothing seeded: those were made before).
    expect(after.body).toMatchObject({ page: 1, pageSize: 2, totalItems: 4, pages: 2 });
    expect(ids(after.body)).toEqual([p5.id, p4.id]);
    const secondPage = await api.get(`/clients?createdAfter=${p2.createdAt}&pageSize=2&page=2`);
    expect(secondPage.body.items).toHaveLength(2);
    expect(secondPage.body.items[0].id).toBe(p3.id);

    const before = await api.get(`/clients?externalId=dated&createdBefore=${p4.createdAt}`);
    expect(before.body).toMatchObject({ totalItems: 4, pages: 1, pageSize: 100 });
    expect(ids(before.body)).toEqual([p3.id, expect.any(String), p2.id, p1.id]);
    expect((await api.get(`/clients?externalId=dated&createdBefore=${p1.createdAt}`)).body).toMatchObject({ totalItems: 0, pages: 0, items: [] });

    // Update p1 later: it alone was updated after p5 was made.
    sandbox.sandbox.advanceClock(1000);
    const updated = await api.post(`/clients/${p1.id}`, { mobile: '+44 7700 900999' });
    expect(updated.status).toBe(200);
    const updatedAfter = await api.get(`/clients?updatedAfter=${p5.updatedAt}`);
    expect(updatedAfter.body).toMatchObject({ totalItems: 1, pages: 1 });
    expect(ids(updatedAfter.body)).toEqual([p1.id]);
    const updatedBefore = await api.get(`/clients?externalId=dated&type=person&updatedBefore=${updated.body.updatedAt}`);
    expect(ids(updatedBefore.body)).toEqual([p5.id, p4.id, p3.id, p2.id]);
    // Both bounds: a window holding p3 and p4 only.
    const window = await api.get(`/clients?createdAfter=${p2.createdAt}&createdBefore=${p5.createdAt}&type=person`);
    expect(ids(window.body)).toEqual([p4.id, p3.id]);
  });

  it('matches nothing for a malformed date in any of the four filters', async () => {
    const api = complyCube(sandbox);
    await batch(api, 'malformed');
    for (const name of ['createdAfter', 'createdBefore', 'updatedAfter', 'updatedBefore']) {
      const listed = await api.get(`/clients?externalId=malformed&${name}=not-a-date`);
      expect([name, listed.body]).toEqual([name, { page: 1, pageSize: 100, totalItems: 0, pages: 0, items: [] }]);
    }
    // A well-formed one beside a malformed one still matches nothing.
    const mixed = await api.get('/clients?createdAfter=2000-01-01T00:00:00.000Z&updatedBefore=soon');
    expect(mixed.body.totalItems).toBe(0);
  });

  it('matches a field filter exactly, on every field it names', async () => {
    const api = complyCube(sandbox);
    const [p1] = await batch(api, 'exact');
    expect((await api.get('/clients?externalId=exac')).body.totalItems).toBe(0);
    expect((await api.get('/clients?externalId=exact&email=p0.exact%40example.com')).body).toMatchObject({
      totalItems: 1,
      items: [{ id: p1!.id }],
    });
    // Dotted fields: records without the parent object (the company has no personDetails) do not match.
    expect((await api.get('/clients?externalId=exact&personDetails.lastName=Smith')).body.totalItems).toBe(5);
    expect((await api.get('/clients?externalId=exact&personDetails.dob=1988-02-03&pageSize=2')).body).toMatchObject({ totalItems: 5, pages: 3 });
    expect((await api.get('/clients?externalId=exact&companyDetails.name=Batch%20Ltd')).body.totalItems).toBe(1);
    expect((await api.get('/clients?externalId=exact&personDetails.middleName=Ann')).body.totalItems).toBe(0);
    // A field the records lack matches nothing, even asked for as the text "undefined".
    expect((await api.get('/clients?externalId=exact&telephone=undefined')).body.totalItems).toBe(0);
    // Two field filters, the second one not the index's: both must match.
    expect((await api.get('/clients?type=company&externalId=exact')).body.totalItems).toBe(1);
    expect((await api.get('/clients?type=company&email=p0.exact%40example.com')).body.totalItems).toBe(0);
  });
});

describe('lists of other resources', () => {
  it('pages addresses and checks, filtered or not, in the same envelope', async () => {
    const api = complyCube(sandbox);
    const client = (await api.post('/clients', newPerson())).body;
    for (const line of ['1 High St', '2 High St', '3 High St']) {
      const address = await api.post('/addresses', { clientId: client.id, type: 'main', line, city: 'London', country: 'GB' });
      expect(address.status).toBe(200);
    }
    const page = await api.get(`/addresses?clientId=${client.id}&pageSize=2&page=2`);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, totalItems: 3, pages: 2 });
    expect(page.body.items.map((address: { line: string }) => address.line)).toEqual(['1 High St']);
    expect((await api.get('/checks?pageSize=1')).status).toBe(200);
  });
});

describe('an unfiltered list, paged', () => {
  it('reads pages backwards from the newest, each exactly pageSize long but the last', async () => {
    const api = complyCube(sandbox);
    const everything = await api.get('/clients?pageSize=1000');
    const total = everything.body.totalItems as number;
    expect(everything.body.items).toHaveLength(total);
    const [, , , , p5] = await batch(api, 'unfiltered');
    const count = total + 6;
    const pageSize = 4;
    const pages = Math.ceil(count / pageSize);
    const first = await api.get(`/clients?pageSize=${pageSize}`);
    expect(first.body).toMatchObject({ page: 1, pageSize, totalItems: count, pages });
    expect(first.body.items).toHaveLength(pageSize);
    expect(first.body.items[0].id).toBe(p5.id);
    // The last page holds what is left, the oldest last; one past it is empty.
    const last = await api.get(`/clients?pageSize=${pageSize}&page=${pages}`);
    expect(last.body.items).toHaveLength(count - (pages - 1) * pageSize);
    expect(last.body.items.at(-1).id).toBe(everything.body.items.at(-1).id);
    expect((await api.get(`/clients?pageSize=${pageSize}&page=${pages + 1}`)).body.items).toEqual([]);
    // Pages meet without a gap or an overlap: page 2 starts with the item after page 1's last.
    const second = await api.get(`/clients?pageSize=${pageSize}&page=2`);
    const both = await api.get(`/clients?pageSize=${pageSize * 2}`);
    expect([...ids(first.body), ...ids(second.body)]).toEqual(ids(both.body));
  });
});
