import { RouteTable } from '../../src/routing/route-table.js';
import { JANE_DOE_ID, complyCube } from '../helpers/complycube.js';
import { cryptoMate, TRACE_ID } from '../helpers/cryptomate.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';

/**
 * How a request's path finds its operation, through two vendors whose documents put literal segments
 * beside parameters: CryptoMate's `/management/clients/countries` (GET), `/business` (POST only) and
 * `/documentation/{checklistId}` beside `/management/clients/{id}`. Expectations are the vendors'
 * documented answers: CryptoMate's 404 `Company client not found with id: …` (cryptomate.yaml's
 * example), ComplyCube's 404 `Invalid client id '…'` (its error reference).
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

const clientNotFound = (id: string) => ({ code: 'NOT_FOUND', message: `Company client not found with id: ${id}` });

describe('a literal segment beside a parameter', () => {
  it('routes to the literal where it has the method: GET /management/clients/countries lists countries', async () => {
    const countries = await cryptoMate(sandbox).get('/clients/countries');
    expect(countries.status).toBe(200);
    expect(countries.body.data).toContainEqual(expect.objectContaining({ name: 'United States', alpha3: 'USA' }));
  });

  it('gives the segment to the parameter where the literal lacks the method or the rest of the path', async () => {
    const api = cryptoMate(sandbox);
    // `/business` is POST only; `/documentation` routes nothing without a checklist id after it.
    for (const segment of ['business', 'documentation']) {
      const response = await api.get(`/clients/${segment}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject(clientNotFound(segment));
      expect(response.body.trace_id).toMatch(TRACE_ID);
    }
  });
});

describe('a path as received', () => {
  it('decodes escapes in each segment, literal or parameter', async () => {
    const api = complyCube(sandbox);
    for (const path of [`/v1/%63lients/${JANE_DOE_ID}`, `/v1/clients/%35${JANE_DOE_ID.slice(1)}`]) {
      const response = await sandbox.request('GET', path, { headers: { Authorization: api.apiKey } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: JANE_DOE_ID, entityName: 'Jane Doe' });
    }
  });

  it('keeps an escaped slash inside its segment, and decodes UTF-8', async () => {
    const api = complyCube(sandbox);
    expect(await api.get('/clients/a%2Fb')).toMatchObject({ status: 404, body: { type: 'resource_not_found', message: "Invalid client id 'a/b'" } });
    expect(await api.get('/clients/%E2%82%AC')).toMatchObject({ status: 404, body: { type: 'resource_not_found', message: "Invalid client id '€'" } });
  });

  it('routes nothing for a segment that does not decode, answering in the vendor’s format', async () => {
    const response = await complyCube(sandbox).get('/clients/%zz');
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ type: 'resource_not_found', message: "The resource 'GET /v1/clients/%zz' does not exist" });
  });

  it('passes a long id to the operation like any other, which answers that it has no such client', async () => {
    const id = 'x'.repeat(300);
    expect(await complyCube(sandbox).get(`/clients/${id}`)).toMatchObject({ status: 404, body: { message: `Invalid client id '${id}'` } });
  });
});

describe('a route table', () => {
  it('refuses a template whose segment is neither literal nor one whole parameter, and a route given twice', () => {
    const table = new RouteTable<string>();
    expect(() => table.add('get', '/files/{id}.pdf', 'file')).toThrow("/files/{id}.pdf: a path segment must be literal or one whole {parameter}, not '{id}.pdf'");
    table.add('get', '/files/{id}', 'file');
    expect(() => table.add('GET', '/files/{name}', 'again')).toThrow('GET /files/{name} is routed twice');
  });

  it('names each parameter as its own template does', () => {
    const table = new RouteTable<string>();
    table.add('get', '/clients/{id}', 'client');
    table.add('get', '/clients/{clientId}/banks/{bankId}', 'bank');
    expect({ ...table.find('GET', '/clients/c1')?.params }).toEqual({ id: 'c1' });
    expect(table.find('GET', '/clients/c1/banks/b2')).toMatchObject({ value: 'bank', params: { clientId: 'c1', bankId: 'b2' } });
    expect(table.find('GET', '/clients/c1/banks')).toBeUndefined();
  });
});
