import { compareRefusals } from '../../src/drift/compare.js';

const keys = { type: ['type'], message: ['message'] };

describe('comparing a refusal with the sandbox’s own answer', () => {
  it('reports a different status, type or message', () => {
    expect(compareRefusals({ status: 404, body: { type: 'resource_not_found', message: 'a' } }, { status: 400, body: { type: 'invalid_request', message: 'a' } }, keys, []).map((d) => d.kind)).toEqual(['sandbox_status']);
    expect(compareRefusals({ status: 400, body: { type: 'invalid_request', message: 'a' } }, { status: 400, body: { type: 'invalid_request', message: 'b' } }, keys, []).map((d) => d.kind)).toEqual(['error_message']);
  });

  it('does not compare when the sandbox cannot know a credential the vendor accepted (its 401 against any other refusal)', () => {
    expect(compareRefusals({ status: 404, body: { type: 'resource_not_found', message: 'a' } }, { status: 401, body: { type: 'unauthorized', message: 'b' } }, keys, [])).toEqual([]);
    // Both refusing the credential is a real comparison.
    expect(compareRefusals({ status: 401, body: { type: 'unauthorized', message: 'a' } }, { status: 401, body: { type: 'unauthorized', message: 'b' } }, keys, []).map((d) => d.kind)).toEqual(['error_message']);
  });
});
