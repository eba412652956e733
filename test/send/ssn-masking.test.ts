// Documents as SEND answers them (docs/vendors/send.md, Documents; the brief page's `*****1112`): images never,
// archived copies with archived_at and replaced_by, an SSN as `*****` and its last four digits and no other
// type masked, keys in alphabetical order, and each list only once it has something.
import { presentDocuments } from '../../src/vendors/send/model.js';

const holder = (overrides: Partial<Parameters<typeof presentDocuments>[0]> = {}) => ({
  physical_documents: [],
  archived_physical_documents: [],
  virtual_documents: [],
  ...overrides,
});

describe('documents as answered', () => {
  it('masks an SSN to ***** and its last four digits, and no other type', () => {
    const answered = presentDocuments(
      holder({
        virtual_documents: [
          { id: 'v1', document_type: 'SSN', document_value: '111111112', country: 'US' },
          { id: 'v2', document_type: 'ITIN', document_value: '912345678', country: 'US' },
          { id: 'v3', document_type: 'EIN', document_value: '123456789' },
        ],
      }),
    );
    expect(answered).toEqual({
      virtual_documents: [
        { country: 'US', document_type: 'SSN', document_value: '*****1112', id: 'v1' },
        { country: 'US', document_type: 'ITIN', document_value: '912345678', id: 'v2' },
        { document_type: 'EIN', document_value: '123456789', id: 'v3' },
      ],
    });
    // Keys in alphabetical order, as the documented responses show them.
    expect(Object.keys((answered.virtual_documents as object[])[0]!)).toEqual(['country', 'document_type', 'document_value', 'id']);
  });

  it('leaves the stored SSN whole', () => {
    const ssn = { id: 'v1', document_type: 'SSN' as const, document_value: '987654321' };
    presentDocuments(holder({ virtual_documents: [ssn] }));
    expect(ssn.document_value).toBe('987654321');
  });

  it('never answers an image, and lists archived copies with when and by what they were replaced', () => {
    const answered = presentDocuments(
      holder({
        physical_documents: [
          { id: 'p2', document_type: 'STATE_ID', document_value: 'data:image/jpg;base64,SUQs==', document_value_back: 'data:image/jpg;base64,QUFB', country: 'US', state: 'CA' },
        ],
        archived_physical_documents: [
          { id: 'p1', document_type: 'STATE_ID', document_value: 'data:image/jpg;base64,T0xE', country: 'US', archived_at: '2024-01-02T00:00:00.000000', replaced_by: 'p2' },
        ],
      } as never),
    );
    expect(answered).toEqual({
      physical_documents: [{ country: 'US', document_type: 'STATE_ID', id: 'p2', state: 'CA' }],
      archived_physical_documents: [{ archived_at: '2024-01-02T00:00:00.000000', country: 'US', document_type: 'STATE_ID', id: 'p1', replaced_by: 'p2' }],
    });
    expect(Object.keys((answered.physical_documents as object[])[0]!)).toEqual(['country', 'document_type', 'id', 'state']);
    expect(Object.keys((answered.archived_physical_documents as object[])[0]!)).toEqual(['archived_at', 'country', 'document_type', 'id', 'replaced_by']);
  });

  it('leaves out each list until it has something', () => {
    expect(presentDocuments(holder())).toEqual({});
    const onlyVirtual = presentDocuments(holder({ virtual_documents: [{ id: 'v', document_type: 'PASSPORT', document_value: 'Z1' }] }));
    expect(Object.keys(onlyVirtual)).toEqual(['virtual_documents']);
  });
});
