import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { MACHNET_ID, TENZIN_ID, expectOk, sendApi } from '../helpers/send.js';

/**
 * Every request sample of SEND's User section that could be read, sent as written (placeholders such as
 * {{user_id}} filled in), its documented response compared field by field.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch({ vendors: ['send'], clients: 2 });
});
afterAll(() => sandbox.stop());

/** The page's "Individual User" request, with the one trailing comma that stops it being JSON removed. */
const DOCUMENTED_INDIVIDUAL_REQUEST = `{
"first_name":"Tenzin",
"middle_name":"",
"last_name":"Norgay",
"date_of_birth":"2000-01-01",
"email":"tenzin.norgay@example.com",
"gender":"female",
"id":"f45680e1-014d-42c7-be86-3b2899e911c3",
"ip_address":"10.0.0.1",
"mobile_phone":"2106603032",
"address_line1":"500 8 El Camino Real Santa Clara",
"city":"Santa Clara",
"state":"CA",
"country":"US",
"zipcode":"95053",
"occupation":"Banker",
"company_details":{
"company_name":"ACME",
"address":"123 address st",
"phone_number":"222222222"
},
"physical_documents":[
{
"document_value":"data:image/jpg;base64,SUQs==",
"document_value_back":"data:image/jpg;base64,SUQs==",
"country":"US",
"document_type":"DRIVING_LICENCE",
"state":"CA"
},
{
"document_value":"data:image/jpg;base64,SUQs==",
"document_type":"BANK_STATEMENT"
}
],
"virtual_documents":[
{
"document_value":"1111111111",
"document_type":"DRIVING_LICENCE",
"expiry_date":"2025-03-09",
"id_issuing_authority":"CA",
"country":"US",
"state":"CA"
},
{
"document_value":"111111112",
"document_type":"SSN",
"country":"US",
"state":"CA"
}
]
}`;

/** The page's "Individual User" response; document ids are new copies', so any UUID. */
const DOCUMENTED_INDIVIDUAL_RESPONSE = {
  address_line1: '500 8 El Camino Real Santa Clara',
  city: 'Santa Clara',
  company_details: { address: '123 address st', company_name: 'ACME', phone_number: '222222222' },
  country: 'US',
  created_at: '2022-03-29T15:59:03.699517',
  date_of_birth: '2000-01-01',
  email: 'tenzin.norgay@example.com',
  first_name: 'Tenzin',
  gender: 'female',
  id: 'f45680e1-014d-42c7-be86-3b2899e911c3',
  ip_address: '10.0.0.1',
  last_name: 'Norgay',
  middle_name: '',
  mobile_phone: '2106603032',
  occupation: 'Banker',
  physical_documents: [
    { country: 'US', document_type: 'DRIVING_LICENCE', id: expect.any(String), state: 'CA' },
    { document_type: 'BANK_STATEMENT', id: expect.any(String) },
  ],
  state: 'CA',
  status: 'UNVERIFIED',
  user_scope: 'ARTS_ENTERTAINMENT',
  virtual_documents: [
    {
      country: 'US',
      document_type: 'DRIVING_LICENCE',
      document_value: '1111111111',
      id: '38f41ac7-ddb6-44e4-b40c-fa0cf8d05b9d',
      state: 'CA',
      expiry_date: '2025-03-09',
      id_issuing_authority: 'CA',
    },
    { country: 'US', document_type: 'SSN', document_value: '*****1112', id: 'a301b04f-c904-4c78-9a8b-9a384c51b497', state: 'CA' },
  ],
  zipcode: '95053',
};

const documentedHeaders = (api: ReturnType<typeof sendApi>) => ({
  'X-Client-Id': api.clientId,
  'X-Client-Secret': api.clientSecret,
  'Content-Type': 'application/json',
});

describe('docs: Update User (paas.docs.machnetinc.com/api-references/user/user-kyc)', () => {
  it("updates Tenzin Norgay as documented, archiving the old driving licence's copy", async () => {
    const api = sendApi(sandbox);
    const before = expectOk(await api.get(`/users/${TENZIN_ID}`));
    expect(before).toMatchObject({ first_name: 'Tenzin', last_name: 'Norgay', status: 'UNVERIFIED' });
    const oldLicence = before.physical_documents.find((d: { document_type: string }) => d.document_type === 'DRIVING_LICENCE');

    const response = await sandbox.request('PATCH', `/users/${TENZIN_ID}`, {
      headers: documentedHeaders(api),
      raw: DOCUMENTED_INDIVIDUAL_REQUEST,
    });

    expect(response.status).toBe(200);
    const { archived_physical_documents, ...documented } = response.body;
    expect(documented).toEqual(DOCUMENTED_INDIVIDUAL_RESPONSE);
    expect(Object.keys(documented)).toEqual(Object.keys(DOCUMENTED_INDIVIDUAL_RESPONSE).sort());
    const newLicence = documented.physical_documents[0];
    expect(newLicence.id).not.toBe(oldLicence.id);
    expect(archived_physical_documents).toEqual([
      {
        ...oldLicence,
        archived_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
        replaced_by: newLicence.id,
      },
    ]);
    expect(response.text).not.toContain('111111112');
    expect(response.text).not.toContain('base64');
    expect(expectOk(await api.get(`/users/${TENZIN_ID}`))).toEqual(response.body);
  });

  it('refuses the page request exactly as written, whose trailing comma is not JSON, and changes nothing', async () => {
    const api = sendApi(sandbox);
    const before = expectOk(await api.get(`/users/${TENZIN_ID}`));
    const asWritten = DOCUMENTED_INDIVIDUAL_REQUEST.replace('"document_type":"BANK_STATEMENT"\n', '"document_type":"BANK_STATEMENT",\n');
    const response = await sandbox.request('PATCH', `/users/${TENZIN_ID}`, { headers: documentedHeaders(api), raw: asWritten });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ success: false, error: { code: 'VALIDATION_ERROR', message: 'Request body is not valid JSON' } });
    expect(expectOk(await api.get(`/users/${TENZIN_ID}`))).toEqual(before);
  });

  it('updates the business user as documented', async () => {
    const api = sendApi(sandbox);
    const before = expectOk(await api.get(`/users/${MACHNET_ID}`));
    const oldCertificate = before.physical_documents.find(
      (d: { document_type: string }) => d.document_type === 'CERTIFICATE_OF_INCORPORATION',
    );
    const response = await sandbox.request('PATCH', `/users/${MACHNET_ID}`, {
      headers: documentedHeaders(api),
      raw: `{
"number_of_transaction_per_month": "122",
"transaction_frequency": "WEEKLY",
"physical_documents": [
{
"document_value": "data:application/pdf;base64,SUQs==",
"document_type": "CERTIFICATE_OF_INCORPORATION"
},
{
"document_value":"data:image/jpg;base64,SUQs==",
"document_type":"AUDITED_FINANCIALS"
}
]
}`,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      address_line1: '500 8 El Camino Real Santa Clara',
      city: 'Santa Clara',
      company_website: 'www.example.com',
      country: 'US',
      created_at: '2022-04-22T02:21:23.084565',
      date_of_birth: '1995-01-01',
      first_name: 'Machnet Technologies Inc',
      id: MACHNET_ID,
      ip_address: '10.0.10.5',
      mailing_address: { address_line1: '500 8 El Camino Real Santa Clara', city: 'Santa Clara', country: 'US', state: 'CA', zipcode: '95053' },
      mobile_phone: '222222222',
      number_of_employee: 'BETWEEN_25_TO_50',
      number_of_transaction_per_month: 122,
      state: 'CA',
      status: 'UNVERIFIED',
      transaction_frequency: 'WEEKLY',
      user_scope: 'COMPUTER_TECHNOLOGY',
      zipcode: '95053',
    });
    expect(response.body.physical_documents.map((d: { document_type: string }) => d.document_type)).toEqual([
      'CERTIFICATE_OF_INCORPORATION',
      'BANK_STATEMENT',
      'AUDITED_FINANCIALS',
    ]);
    expect(response.body.archived_physical_documents).toEqual([
      { ...oldCertificate, archived_at: expect.any(String), replaced_by: response.body.physical_documents[0].id },
    ]);
  });
});

const USER_DOCS = 'paas.docs.machnetinc.com/api-references/user';

describe(`docs: Register a User (${USER_DOCS}/registration-1)`, () => {
  const INDIVIDUAL_REQUEST = `{
    "first_name": "Tenzin",
    "last_name": "Norgay",
    "email": "norgayt@test.com",
    "gender": "female",
    "date_of_birth": "2000-01-01",
    "address_line1": "500 8 El Camino Real Santa Clara",
    "mobile_phone": "9879879870",
    "city": "Santa Clara",
    "zipcode": "95053",
    "state": "CA",
    "country": "US",
    "ip_address": "73.85.79.9",
    "type": "SEND",
    "physical_documents": [
         {
            "document_value": "data:image/jpg;base64,SUQsasasasas909090==",
            "document_type": "STATE_ID",
            "country": "US",
            "expiry_date": "2025-03-09",
            "state": "CA"
        }
        ],
    "virtual_documents": [
        {
            "document_value": "111111111",
            "document_type": "PASSPORT",
            "expiry_date": "2025-03-09",
            "id_issuing_authority": "CA",
            "country": "US",
            "state": "CA"
        },
        {
            "document_value": "111111111",
            "document_type": "SSN",
            "expiry_date": "2025-03-09",
            "id_issuing_authority": "CA",
            "country": "US",
            "state": "CA"
        }
    ]
  }`;

  it('registers the individual sample as written in a fresh client (its response sample was not published): UNVERIFIED, a new UUID, SSN masked, no images', async () => {
    const api = sendApi(sandbox);
    // The seeded Tenzin Norgay has the Update User page's email and phone, so this sample is no duplicate of him.
    const response = await api.call('POST', '/users', { raw: INDIVIDUAL_REQUEST });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      address_line1: '500 8 El Camino Real Santa Clara',
      city: 'Santa Clara',
      country: 'US',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/),
      date_of_birth: '2000-01-01',
      email: 'norgayt@test.com',
      first_name: 'Tenzin',
      gender: 'female',
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      ip_address: '73.85.79.9',
      last_name: 'Norgay',
      mobile_phone: '9879879870',
      physical_documents: [{ country: 'US', document_type: 'STATE_ID', expiry_date: '2025-03-09', id: expect.any(String), state: 'CA' }],
      state: 'CA',
      status: 'UNVERIFIED',
      virtual_documents: [
        { country: 'US', document_type: 'PASSPORT', document_value: '111111111', expiry_date: '2025-03-09', id: expect.any(String), id_issuing_authority: 'CA', state: 'CA' },
        { country: 'US', document_type: 'SSN', document_value: '*****1111', expiry_date: '2025-03-09', id: expect.any(String), id_issuing_authority: 'CA', state: 'CA' },
      ],
      zipcode: '95053',
    });
  });
});

describe(`docs: Initiate Verification (${USER_DOCS}/initiate-verification)`, () => {
  it('answers the documented body to the documented request, with no body sent', async () => {
    const api = sendApi(sandbox);
    const response = await api.call('POST', `/users/${TENZIN_ID}/kyc`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ success: true, status: 'INITIATED' });
    expect(expectOk(await api.get(`/users/${TENZIN_ID}`)).status).toBe('IN_PROGRESS');
  });
});

describe(`docs: Get Verification Status (${USER_DOCS}/get-verification-status)`, () => {
  it('answers the documented request with each CIP tag in one of the five documented statuses (no response sample was published)', async () => {
    const api = sendApi(sandbox);
    const response = await api.call('GET', `/users/${TENZIN_ID}/cip-info`);
    expect(response.status).toBe(200);
    expect(response.body.result.length).toBeGreaterThan(0);
    for (const { status } of response.body.result) expect(['SUBMIT', 'REVIEWING', 'VERIFIED', 'FAILED', 'REQUESTED']).toContain(status);
  });
});

const ADD_REPRESENTATIVE_REQUEST = `{
    "first_name": "John",
    "middle_name": null,
    "last_name": "Sherpa",
    "city": "San Jose",
    "email":"john.sherpa@yahoo.com",
    "gender": "male",
    "mobile_phone": "5417543010",
    "state": "CA",
    "country": "US",
    "zipcode": "99705",
    "address_line1": "123 Main Street Room 22",
    "date_of_birth": "1997-09-08",
    "br_type": {
        "account_operator": true,
        "beneficial_owner": false,
        "compliance": false,
        "primary_controller": false
    },
    "title":"CEO",
    "virtual_documents": [
        {
            "document_value": "111111111",
            "document_type": "SSN",
            "country": "US",
            "state": "CA",
            "issue_date": "2018-01-01",
            "id_issuing_authority": "POTUS"
        }
     ],
    "physical_documents": [
        {
            "document_value": "data:image/jpg;base64,SUQsasasasas909090==",
            "document_value_back": "data:image/jpg;base64,SUQsasasasas909090==",
            "document_type": "PASSPORT",
            "country": "US",
            "state": "CA",
            "expiry_date": "2023-11-11"
        }
    ]
}`;

const ROLES = { account_operator: true, beneficial_owner: false, compliance: false, primary_controller: false };

describe(`docs: Add Business Representatives (${USER_DOCS}/business-representatives/add-business-representatives)`, () => {
  it('answers the sample request with the response sample, field by field', async () => {
    const api = sendApi(sandbox);
    const response = await api.call('POST', `/users/${MACHNET_ID}/business-representative`, { raw: ADD_REPRESENTATIVE_REQUEST });
    expect(response.status).toBe(200);
    // The response sample says city "North Pole" (the Update page's value) for a request that sends "San Jose": the city sent is answered.
    expect(response.body).toEqual({
      address_line1: '123 Main Street Room 22',
      br_type: ROLES,
      city: 'San Jose',
      country: 'US',
      date_of_birth: '1997-09-08',
      email: 'john.sherpa@yahoo.com',
      first_name: 'John',
      gender: 'male',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      last_name: 'Sherpa',
      mobile_phone: '5417543010',
      ownership_percentage: 0,
      physical_documents: [{ country: 'US', document_type: 'PASSPORT', expiry_date: '2023-11-11', id: expect.any(String), state: 'CA' }],
      state: 'CA',
      title: 'CEO',
      virtual_documents: [
        { country: 'US', document_type: 'SSN', document_value: '*****1111', id: expect.any(String), id_issuing_authority: 'POTUS', issue_date: '2018-01-01', state: 'CA' },
      ],
      zipcode: '99705',
    });
  });
});

describe(`docs: Update Business Representatives (${USER_DOCS}/business-representatives/update-business-representatives)`, () => {
  const UPDATE_REQUEST = `{
"first_name": "John",
"middle_name": null,
"last_name": "Sherpa",
"city": "North Pole",
"state": "CA",
"country": "US",
"zipcode": "99705",
"address_line1": "123 Main Street Room 22",
"date_of_birth": "1997-09-08",
"physical_documents": [
{
"document_value": "data:image/jpg;base64,SUQsasasasas909090==",
"document_value_back": "data:image/jpg;base64,SUQsasasas()()==",
"document_type": "DRIVING_LICENCE"
}
],
"virtual_documents": [
{
"document_value": "222222222",
"document_type": "SSN"
}
]
}`;

  it('refuses the sample as written, whose back image "SUQsasasas()()==" is not Base64, and changes nothing', async () => {
    const api = sendApi(sandbox);
    const added = expectOk(await api.call('POST', `/users/${MACHNET_ID}/business-representative`, { raw: ADD_REPRESENTATIVE_REQUEST }));
    const response = await api.call('PATCH', `/users/${MACHNET_ID}/business-representative/${added.id}`, { raw: UPDATE_REQUEST });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', field: 'physical_documents.0.document_value_back' });
    const { result } = expectOk(await api.get(`/users/${MACHNET_ID}/business-representative`));
    expect(result).toContainEqual(added);
  });

  it('answers the sample (its back image made Base64) with the response sample, field by field', async () => {
    const api = sendApi(sandbox);
    const added = expectOk(await api.call('POST', `/users/${MACHNET_ID}/business-representative`, { raw: ADD_REPRESENTATIVE_REQUEST }));
    const request = UPDATE_REQUEST.replace('SUQsasasas()()==', 'SUQsasasas==');
    const response = await api.call('PATCH', `/users/${MACHNET_ID}/business-representative/${added.id}`, { raw: request });
    expect(response.status).toBe(200);
    const { physical_documents, archived_physical_documents, ...rest } = response.body;
    expect(rest).toEqual({
      address_line1: '123 Main Street Room 22',
      city: 'North Pole',
      date_of_birth: '1997-09-08',
      email: 'john.sherpa@yahoo.com',
      first_name: 'John',
      gender: 'male',
      id: added.id,
      last_name: 'Sherpa',
      mobile_phone: '5417543010',
      ownership_percentage: 0,
      state: 'CA',
      title: 'CEO',
      virtual_documents: [{ document_value: '*****2222', id: added.virtual_documents[0].id, document_type: 'SSN' }],
      zipcode: '99705',
      br_type: ROLES,
      country: 'US',
    });
    // The sample shows the new licence; the passport added before stays, as documents not sent do.
    expect(physical_documents).toEqual([added.physical_documents[0], { id: expect.any(String), document_type: 'DRIVING_LICENCE' }]);
    expect(archived_physical_documents).toBeUndefined();
  });
});

describe(`docs: Add a Receive User (${USER_DOCS}/add-a-receive-user)`, () => {
  it('adds the individual sample, linked to its send user, answered as the response sample shows', async () => {
    const api = sendApi(sandbox);
    const response = await api.call('POST', '/users', {
      raw: `{
    "first_name": "Edmund",
    "middle_name": "",
    "last_name": "Hillary",
    "email":"ednund.hillary@test.com",
    "gender": "male",
    "date_of_birth":"2000-01-01",
    "mobile_phone": "9879879870",
    "address_line1": "500 El Camino Real Santa Clara",
    "city": "Santa Clara",
    "zipcode": "95053",
    "state": "CA",
    "country":"US",
    "business":false,
    "occupation":"Engineer",
    "ip_address":"10.0.0.1",
    "user_relationship": "BROTHER",
    "send_user_id":"${TENZIN_ID}",
    "type":"RECEIVE"
}`,
    });
    expect(response.status).toBe(200);
    // The sample's response is cut short after mobile_phone; its email reads "edmund" where the request says "ednund": the email sent is answered.
    expect(response.body).toMatchObject({
      address_line1: '500 El Camino Real Santa Clara',
      business: false,
      city: 'Santa Clara',
      country: 'US',
      date_of_birth: '2000-01-01',
      email: 'ednund.hillary@test.com',
      first_name: 'edmund',
      gender: 'male',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ip_address: '10.0.0.1',
      last_name: 'hillary',
      middle_name: '',
      mobile_phone: '9879879870',
    });
    expect(response.body).toMatchObject({ type: 'RECEIVE', send_user_id: TENZIN_ID, user_relationship: 'BROTHER', occupation: 'Engineer' });
    expect(Object.keys(response.body)).toEqual([...Object.keys(response.body)].sort());
  });

  it('adds the business sample, whose middle and last names are null and which sends no state', async () => {
    const api = sendApi(sandbox);
    const response = await api.call('POST', '/users', {
      raw: `{
    "first_name": "Everest pvt Ltd",
    "middle_name": null,
    "last_name": null,
    "mobile_phone": "5433456478",
    "address_line1": "Cra.23 No.20B-01, El Retiro",
    "city": "Antioquia",
    "zipcode": "95053",
    "country": "CO",
    "send_user_id": "${MACHNET_ID}",
    "type": "RECEIVE",
    "business": true,
    "virtual_documents": [
        {
            "document_value": "12345",
            "document_type": "EIN_NUMBER"
        }
    ]
}`,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      address_line1: 'Cra.23 No.20B-01, El Retiro',
      business: true,
      city: 'Antioquia',
      country: 'CO',
      created_at: expect.any(String),
      first_name: 'everest pvt ltd',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      mobile_phone: '5433456478',
      send_user_id: MACHNET_ID,
      status: 'UNVERIFIED',
      type: 'RECEIVE',
      virtual_documents: [{ document_type: 'EIN_NUMBER', document_value: '12345', id: expect.any(String) }],
      zipcode: '95053',
    });
  });
});
