import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { JANE_DOE_ID } from '../helpers/complycube.js';
import { isolatedCredentials } from '../helpers/b2core.js';

/**
 * A JSON body sent with its length, the way nearly every client sends one, is read by the sandbox
 * itself rather than by express's parser: it must read every body as express's parser does (its
 * UTF-8 decoder, its strict mode, its words for what it refuses), which these pin with bodies of
 * each kind, written out byte by byte.
 */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await launch();
});
afterAll(() => sandbox.stop());

/** Sent as these bytes with their Content-Length, as fetch sends a byte body. */
async function postBytes(path: string, headers: Record<string, string>, bytes: Uint8Array) {
  const response = await fetch(sandbox.url + path, { method: 'POST', headers, body: bytes });
  return { status: response.status, body: (await response.json()) as unknown };
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('a body read as express reads it', () => {
  const key = (name: string) => `json-body-${name}`;
  const updateJane = (name: string, bytes: Uint8Array) =>
    postBytes(`/v1/clients/${JANE_DOE_ID}`, { authorization: key(name), 'content-type': 'application/json' }, bytes);
  const journalled = (name: string) => {
    const [entry] = sandbox.sandbox.requests({ key: key(name) });
    return entry!.body;
  };

  it('without the byte-order mark a body may begin with', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('{"personDetails":{"firstName":"Janet"}}')]);
    const { status, body } = await updateJane('bom', bytes);
    expect({ status, body }).toMatchObject({ status: 200 });
    expect(body).toMatchObject({ id: JANE_DOE_ID, personDetails: { firstName: 'Janet', lastName: 'Doe' } });
    expect(journalled('bom')).toEqual({ personDetails: { firstName: 'Janet' } });
  });

  it('with U+FFFD for each byte that is not UTF-8', async () => {
    // "Jos" then 0xE9, é in Latin-1, which UTF-8 cannot begin a character with here.
    const bytes = Buffer.concat([utf8('{"personDetails":{"firstName":"Jos'), Buffer.from([0xe9]), utf8('"}}')]);
    const { status, body } = await updateJane('latin1-byte', bytes);
    expect({ status, body }).toMatchObject({ status: 200 });
    expect(body).toMatchObject({ personDetails: { firstName: 'Jos\uFFFD' } });
    expect(journalled('latin1-byte')).toEqual({ personDetails: { firstName: 'Jos\uFFFD' } });
  });

  it('with characters beyond ASCII as sent', async () => {
    const { status, body } = await updateJane('accents', utf8('{"personDetails":{"firstName":"José 😀"}}'));
    expect({ status, body }).toMatchObject({ status: 200 });
    expect(body).toMatchObject({ personDetails: { firstName: 'José 😀' } });
    expect(journalled('accents')).toEqual({ personDetails: { firstName: 'José 😀' } });
  });

  it('as an empty object when it is empty', async () => {
    const { status, body } = await updateJane('empty', new Uint8Array(0));
    expect({ status, body }).toMatchObject({ status: 200 });
    expect(body).toMatchObject({ id: JANE_DOE_ID, personDetails: { firstName: 'Jane' } });
    expect(journalled('empty')).toEqual({});
  });
});

describe("a body express's parser refuses is refused in its words", () => {
  let headers: Record<string, string>;
  beforeAll(async () => {
    headers = { ...(await isolatedCredentials(sandbox, 'json-body')), 'content-type': 'application/json' };
  });
  const refusal = (detail: string | RegExp) => ({
    code: 400,
    message: typeof detail === 'string' ? `The request body is not valid JSON: ${detail}` : expect.stringMatching(`^The request body is not valid JSON: ${detail.source}$`),
  });

  it.each([
    ['a JSON string', '"jdoe"', `Unexpected token '"', ""jdoe"" is not valid JSON`],
    ['a JSON number after spaces', '  42', `Unexpected token '4', "  42" is not valid JSON`],
    ['JSON null', 'null', `Unexpected token 'n', "null" is not valid JSON`],
    ['spaces alone', '   ', 'Unexpected end of JSON input'],
    // V8's own words, which Node 24's V8 ends with the line and column.
    ['an object left open', '{"email":"jdoe@example.com"', /Expected ',' or '}' after property value in JSON at position 27( \(line 1 column 28\))?/],
  ])('%s (strict mode takes an object or an array)', async (_case, raw, detail) => {
    const response = await sandbox.request('POST', '/api/v2/clients', { raw, headers });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(refusal(detail));
  });
});
