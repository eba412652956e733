import { loadSpec } from '../../src/spec/load-spec.js';
import { ResponseValidator } from '../../src/validation/response-validator.js';
import { complycube } from '../../src/vendors/complycube/index.js';

let validator: ResponseValidator;
beforeAll(async () => {
  validator = new ResponseValidator([await loadSpec('complycube', complycube.specPath)]);
});

const client = {
  id: '5eb04fcd0f3e360008035eb1',
  type: 'person',
  entityName: 'Jane Doe',
  email: 'jane@example.com',
  createdAt: '2020-01-04T17:13:10.712Z',
  updatedAt: '2020-01-04T17:13:10.712Z',
};
const json = { 'content-type': 'application/json; charset=utf-8' };

describe('the response contract check', () => {
  it('passes a conforming response', () => {
    expect(validator.check({ method: 'GET', path: `/v1/clients/${client.id}`, status: 200, headers: json, body: client })).toEqual([]);
  });

  it('finds a missing field, a wrong type, an extra field and a bad format', () => {
    const check = (body: unknown) => validator.check({ method: 'GET', path: `/v1/clients/${client.id}`, status: 200, headers: json, body });
    const { email: _email, ...noEmail } = client;
    expect(check(noEmail).join()).toMatch(/required property 'email'/);
    expect(check({ ...client, type: 'robot' }).join()).toMatch(/allowed values/);
    expect(check({ ...client, internalFlag: true }).join()).toMatch(/additional properties/);
    expect(check({ ...client, createdAt: 'yesterday' }).join()).toMatch(/format "date-time"/);
  });

  it('finds an undocumented status, a missing required header and an undocumented content type', () => {
    expect(validator.check({ method: 'GET', path: '/v1/clients', status: 418, headers: json, body: {} }).join()).toMatch(
      /status 418 is not documented for listClients/,
    );
    const limited = { type: 'rate_limit_exceeded', message: 'slow down' };
    expect(validator.check({ method: 'GET', path: '/v1/clients', status: 429, headers: json, body: limited }).join()).toMatch(
      /header retry-after is missing/,
    );
    expect(
      validator.check({ method: 'GET', path: `/v1/clients/${client.id}`, status: 200, headers: { 'content-type': 'text/html' }, body: '<p>' }).join(),
    ).toMatch(/content type 'text\/html' is not documented/);
  });

  it('holds unknown routes under the vendor to its error schema', () => {
    const notFound = { type: 'resource_not_found', message: 'no such route' };
    expect(validator.check({ method: 'GET', path: '/v1/nowhere', status: 404, headers: json, body: notFound })).toEqual([]);
    expect(validator.check({ method: 'GET', path: '/v1/nowhere', status: 404, headers: json, body: { error: 'x' } })).not.toEqual([]);
    expect(validator.check({ method: 'GET', path: '/v1/nowhere', status: 200, headers: json, body: notFound })).not.toEqual([]);
  });

  it('requires an empty body where the document declares none', () => {
    expect(validator.check({ method: 'DELETE', path: `/v1/clients/${client.id}`, status: 204, headers: {}, body: undefined })).toEqual([]);
    expect(validator.check({ method: 'DELETE', path: `/v1/clients/${client.id}`, status: 204, headers: json, body: {} }).join()).toMatch(
      /not documented \(no body\)/,
    );
  });
});
