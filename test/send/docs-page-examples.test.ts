import type { OpenAPIV3_1 } from 'openapi-types';
import { loadSpec, type OperationSpec } from '../../src/spec/load-spec.js';
import { send } from '../../src/vendors/send/index.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { MACHNET_ID, TENZIN_ID, sendApi } from '../helpers/send.js';

/**
 * Every example `openapi/send.yaml` offers the docs page, not only the first that Try it out picks: each
 * request body example with the path parameters' example of the same name (else their only one), sent in
 * a fresh client, succeeds as written out below.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
});
afterAll(() => sandbox.stop());

const ASHISH_ID = 'c4f2b8a1-9d3e-4a6b-8c5d-2e1f0a9b8c7d';
const INITIATED = { success: true, status: 'INITIATED' };

/** operationId, example name → the request it makes and what the answer shows (a list: all of it). */
const EXPECTED: Record<string, [string, Record<string, unknown> | unknown[]]> = {
  'registerUser individual': ['POST /users', { first_name: 'Tenzin', email: 'norgayt@test.com', mobile_phone: '9879879870', status: 'UNVERIFIED' }],
  'registerUser receiveIndividual': ['POST /users', { type: 'RECEIVE', first_name: 'edmund', last_name: 'hillary', send_user_id: TENZIN_ID }],
  'registerUser receiveBusiness': ['POST /users', { type: 'RECEIVE', business: true, first_name: 'everest pvt ltd', send_user_id: MACHNET_ID }],
  'getUser individual': [`GET /users/${TENZIN_ID}`, { first_name: 'Tenzin', last_name: 'Norgay' }],
  'getUser business': [`GET /users/${MACHNET_ID}`, { first_name: 'Machnet Technologies Inc' }],
  'updateUser individual': [`PATCH /users/${TENZIN_ID}`, { occupation: 'Banker', ip_address: '10.0.0.1', company_details: { address: '123 address st', company_name: 'ACME', phone_number: '222222222' } }],
  'updateUser business': [`PATCH /users/${MACHNET_ID}`, { number_of_transaction_per_month: 122, transaction_frequency: 'WEEKLY' }],
  'initiateVerification individual': [`POST /users/${TENZIN_ID}/kyc`, INITIATED],
  'initiateVerification business': [`POST /users/${MACHNET_ID}/kyc`, INITIATED],
  'getCipInfo individual': [`GET /users/${TENZIN_ID}/cip-info`, { result: expect.arrayContaining([{ tag: 'NAME', status: 'SUBMIT' }]) }],
  'getCipInfo business': [`GET /users/${MACHNET_ID}/cip-info`, { result: expect.arrayContaining([{ tag: 'COMPANY_NAME', status: 'SUBMIT' }]) }],
  'listBusinessRepresentatives example': [`GET /users/${MACHNET_ID}/business-representative`, { result: [expect.objectContaining({ id: ASHISH_ID })] }],
  'addBusinessRepresentative accountOperator': [`POST /users/${MACHNET_ID}/business-representative`, { first_name: 'John', last_name: 'Sherpa', city: 'San Jose' }],
  'listReceiveUsers individual': [`GET /users/${TENZIN_ID}/receive-users`, []],
  'listReceiveUsers business': [`GET /users/${MACHNET_ID}/receive-users`, []],
  'submitDeclaration individual': [`POST /users/${TENZIN_ID}/declaration`, { user_id: TENZIN_ID, user_agreement: true, ip_address: '73.85.79.9' }],
  'submitDeclaration business': [`POST /users/${MACHNET_ID}/declaration`, { user_id: MACHNET_ID, user_agreement: true, ip_address: '10.0.0.1' }],
  'updateBusinessRepresentative documented': [
    `PATCH /users/${MACHNET_ID}/business-representative/${ASHISH_ID}`,
    { id: ASHISH_ID, first_name: 'John', last_name: 'Sherpa', city: 'North Pole', virtual_documents: [expect.objectContaining({ document_value: '*****2222' })] },
  ],
};

type Parameter = OpenAPIV3_1.ParameterObject;
type Examples = Record<string, OpenAPIV3_1.ExampleObject>;

/** Each named request the document offers for the operation: body examples, else path parameter examples. */
function requestsOf(operation: OperationSpec): { name: string; path: string; json?: unknown }[] {
  const parameters = (operation.operation.parameters ?? []) as Parameter[];
  const media = (operation.operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content['application/json'];
  const bodies = (media?.examples ?? {}) as Examples;
  const names = Object.keys(bodies).length > 0 ? Object.keys(bodies) : Object.keys((parameters[0]?.examples ?? { example: {} }) as Examples);
  return names.map((name) => {
    let path = operation.path;
    for (const parameter of parameters) {
      const examples = (parameter.examples ?? {}) as Examples;
      const value = parameter.example ?? (examples[name] ?? Object.values(examples)[0])?.value;
      path = path.replace(`{${parameter.name}}`, String(value));
    }
    return { name, path, json: bodies[name]?.value };
  });
}

const spec = await loadSpec(send.name, send.specPath);
const REQUESTS = spec.operations.flatMap((operation) =>
  requestsOf(operation).map((request) => ({ ...request, key: `${operation.operationId} ${request.name}`, method: operation.method.toUpperCase() })),
);

it('offers exactly the examples written out here', () => {
  expect(REQUESTS.map(({ key }) => key).sort()).toEqual(Object.keys(EXPECTED).sort());
});

describe('each example of the docs page, sent in a fresh client', () => {
  it.each(REQUESTS)('$key', async ({ key, method, path, json }) => {
    const [request, shown] = EXPECTED[key]!;
    expect(`${method} ${path}`).toBe(request);
    const response = await sendApi(sandbox).call(method, path, { json });
    expect([response.status, response.body]).toEqual([200, Array.isArray(shown) ? shown : expect.objectContaining(shown)]);
  });
});
