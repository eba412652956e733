import { valueAtPath } from '../kit.js';
import { isObject, normalized, sameValue, type SendUser, type SentFields, type UserKind, type VirtualDocument } from './model.js';

/** Whether a field may change: always, never, or always but for documents of some types. */
export type Permission = 'yes' | 'no' | { readonly exceptDocumentTypes: readonly string[] };

export interface MatrixRow {
  readonly field: string;
  readonly verified: Permission;
  readonly unverified: Permission;
  /** The page's "Additional details". */
  readonly details?: string;
}

// Both spellings: the matrix writes CERTIFICATION_OF_INCORPORATION, the request sample CERTIFICATE_OF_INCORPORATION.
const BUSINESS_DOCUMENTS_LOCKED = ['EIN', 'CERTIFICATION_OF_INCORPORATION', 'CERTIFICATE_OF_INCORPORATION'];

/** The "Update User" page's tables of updatable fields for send users, row for row. */
export const UPDATE_MATRIX: Readonly<Record<UserKind, readonly MatrixRow[]>> = {
  individual: [
    { field: 'first_name', verified: 'no', unverified: 'yes' },
    { field: 'middle_name', verified: 'no', unverified: 'yes' },
    { field: 'last_name', verified: 'no', unverified: 'yes' },
    { field: 'mobile_phone', verified: 'yes', unverified: 'yes' },
    { field: 'email', verified: 'no', unverified: 'yes' },
    { field: 'address_line1', verified: 'yes', unverified: 'yes' },
    { field: 'address_line2', verified: 'yes', unverified: 'yes' },
    { field: 'city', verified: 'yes', unverified: 'yes' },
    { field: 'state', verified: 'yes', unverified: 'yes' },
    { field: 'country', verified: 'no', unverified: 'no' },
    { field: 'zipcode', verified: 'yes', unverified: 'yes' },
    { field: 'date_of_birth', verified: 'no', unverified: 'yes' },
    { field: 'gender', verified: 'no', unverified: 'yes' },
    { field: 'user_scope', verified: 'no', unverified: 'yes' },
    { field: 'occupation', verified: 'yes', unverified: 'yes' },
    { field: 'type', verified: 'no', unverified: 'no' },
    {
      field: 'physical_documents',
      verified: 'yes',
      unverified: 'yes',
      details: 'Updating physical_document object will add a new copy of the document and archive the older one.',
    },
    {
      field: 'virtual_documents',
      verified: { exceptDocumentTypes: ['SSN'] },
      unverified: 'yes',
      details: 'SSN is not updatable once user is verified.',
    },
    { field: 'company_details', verified: 'yes', unverified: 'yes' },
  ],
  business: [
    { field: 'first_name', verified: 'no', unverified: 'yes' },
    { field: 'mobile_phone', verified: 'yes', unverified: 'yes' },
    { field: 'email', verified: 'yes', unverified: 'yes' },
    { field: 'address_line1', verified: 'yes', unverified: 'yes' },
    { field: 'address_line2', verified: 'yes', unverified: 'yes' },
    { field: 'city', verified: 'yes', unverified: 'yes' },
    { field: 'state', verified: 'yes', unverified: 'yes' },
    { field: 'country', verified: 'no', unverified: 'no' },
    { field: 'zipcode', verified: 'yes', unverified: 'yes' },
    { field: 'date_of_birth', verified: 'no', unverified: 'yes' },
    { field: 'business', verified: 'no', unverified: 'no' },
    { field: 'business_type', verified: 'no', unverified: 'yes' },
    { field: 'user_scope', verified: 'no', unverified: 'yes' },
    { field: 'company_website', verified: 'yes', unverified: 'yes' },
    { field: 'number_of_employee', verified: 'yes', unverified: 'yes' },
    { field: 'mailing_address', verified: 'yes', unverified: 'yes' },
    { field: 'virtual_documents', verified: 'no', unverified: 'yes' },
    {
      field: 'physical_documents',
      verified: { exceptDocumentTypes: BUSINESS_DOCUMENTS_LOCKED },
      unverified: 'yes',
      details: 'Physical documents of type EIN and CERTIFICATION_OF_INCORPORATION cannot be updated once user is verified.',
    },
    { field: 'user_relationship', verified: 'no', unverified: 'no' },
    { field: 'number_of_transaction_per_month', verified: 'yes', unverified: 'yes' },
    { field: 'transaction_frequency', verified: 'yes', unverified: 'yes' },
  ],
};

/** Fields the page's tables leave out, for both kinds (assumptions of `openapi/send.yaml`). */
export const UNLISTED_ROWS: readonly MatrixRow[] = [
  { field: 'ip_address', verified: 'yes', unverified: 'yes' },
  { field: 'id', verified: 'no', unverified: 'no' },
];

/** "Can only be updated if not provided earlier" (Update a Receive User). */
export type ReceivePermission = 'yes' | 'no' | 'if_not_provided';

export interface ReceiveRow {
  readonly field: string;
  readonly updatable: ReceivePermission;
}

/**
 * The "Update a Receive User" page's tables, row for row. The page writes `last_number` for last_name and
 * `mobile_number` for mobile_phone; the rows use the fields' names.
 */
export const RECEIVE_UPDATE_MATRIX: Readonly<Record<UserKind, readonly ReceiveRow[]>> = {
  individual: [
    { field: 'first_name', updatable: 'yes' },
    { field: 'middle_name', updatable: 'yes' },
    { field: 'last_name', updatable: 'yes' },
    { field: 'gender', updatable: 'if_not_provided' },
    { field: 'mobile_phone', updatable: 'yes' },
    { field: 'date_of_birth', updatable: 'yes' },
    { field: 'email', updatable: 'yes' },
    { field: 'occupation', updatable: 'if_not_provided' },
    { field: 'user_relationship', updatable: 'if_not_provided' },
    { field: 'address_line1', updatable: 'yes' },
    { field: 'address_line2', updatable: 'yes' },
    { field: 'city', updatable: 'yes' },
    { field: 'state', updatable: 'yes' },
    { field: 'country', updatable: 'no' },
    { field: 'zipcode', updatable: 'yes' },
    { field: 'physical_documents', updatable: 'yes' },
    { field: 'virtual_documents', updatable: 'yes' },
  ],
  business: [
    { field: 'first_name', updatable: 'yes' },
    { field: 'mobile_phone', updatable: 'yes' },
    { field: 'virtual_documents', updatable: 'no' },
    { field: 'physical_documents', updatable: 'yes' },
    { field: 'address_line1', updatable: 'yes' },
    { field: 'address_line2', updatable: 'yes' },
    { field: 'state', updatable: 'yes' },
    { field: 'city', updatable: 'yes' },
    { field: 'zipcode', updatable: 'yes' },
    { field: 'country', updatable: 'no' },
  ],
};

/** The Receive User Object's fields (and the samples' `ip_address` and `send_user_id`): what a receive user may have. */
export const RECEIVE_FIELDS: ReadonlySet<string> = new Set([
  'mobile_phone', 'email', 'first_name', 'middle_name', 'last_name', 'gender', 'date_of_birth', 'business',
  'address_line1', 'address_line2', 'city', 'state', 'country', 'zipcode', 'occupation', 'type',
  'physical_documents', 'virtual_documents', 'user_relationship', 'ip_address', 'send_user_id',
]);

const RECEIVE_ROWS: Record<UserKind, Map<string, ReceivePermission>> = {
  individual: new Map(RECEIVE_UPDATE_MATRIX.individual.map((row) => [row.field, row.updatable])),
  business: new Map(RECEIVE_UPDATE_MATRIX.business.map((row) => [row.field, row.updatable])),
};

const ROWS: Record<UserKind, Map<string, MatrixRow>> = {
  individual: new Map([...UPDATE_MATRIX.individual, ...UNLISTED_ROWS].map((row) => [row.field, row])),
  business: new Map([...UPDATE_MATRIX.business, ...UNLISTED_ROWS].map((row) => [row.field, row])),
};

/** Whether a user of this kind has the field; the other kind's fields are not its own. */
export const isFieldOf = (kind: UserKind, field: string): boolean => ROWS[kind].has(field);

export interface Refusal {
  code: 'FIELD_NOT_UPDATABLE' | 'VALIDATION_ERROR';
  field: string;
  message: string;
}

const MERGED_OBJECTS = new Set(['company_details', 'mailing_address']);

const withoutId = ({ id: _id, ...rest }: VirtualDocument) => rest;

/**
 * The document types an update would change. A physical document is always a new copy; a virtual one
 * changes unless the user has one of its type with the same values.
 */
function changedDocumentTypes(field: 'physical_documents' | 'virtual_documents', body: SentFields, user: SendUser): string[] {
  if (field === 'physical_documents') return (body.physical_documents ?? []).map((entry) => entry.document_type);
  return (body.virtual_documents ?? [])
    .filter((entry) => {
      const current = user.virtual_documents.find((d) => d.document_type === entry.document_type);
      return !current || !sameValue(withoutId(current), entry);
    })
    .map((entry) => entry.document_type);
}

/** Whether sending this value would change the user; sending what it already has is no change. */
function changes(field: string, value: unknown, user: SendUser): boolean {
  const current = valueAtPath(user, [field]);
  if (MERGED_OBJECTS.has(field)) {
    return !sameValue({ ...(isObject(current) ? current : {}), ...(isObject(value) ? value : {}) }, current ?? {});
  }
  return !sameValue(normalized(field, value), current);
}

function lockMessage(row: MatrixRow, subject: string): string {
  return row.unverified === 'no' ? `${subject} cannot be updated` : `${subject} cannot be updated once user is verified`;
}

/** A receive user's first field that its kind's table does not let change; `ip_address` always may. */
function receiveRefusal(user: SendUser, body: SentFields): Refusal | undefined {
  const kind = user.business ? 'business' : 'individual';
  for (const [field, value] of Object.entries(body)) {
    if (field === 'ip_address') continue;
    const documents = field === 'physical_documents' || field === 'virtual_documents';
    if (documents ? changedDocumentTypes(field, body, user).length === 0 : !changes(field, value, user)) continue;
    if (!RECEIVE_FIELDS.has(field) && field !== 'id') {
      return { code: 'VALIDATION_ERROR', field, message: `${field} is not a field of receive users` };
    }
    const permission = RECEIVE_ROWS[kind].get(field) ?? 'no';
    if (permission === 'yes') continue;
    const current = valueAtPath(user, [field]);
    if (permission === 'if_not_provided') {
      if (current === undefined) continue;
      return { code: 'FIELD_NOT_UPDATABLE', field, message: `${field} can only be updated if not provided earlier` };
    }
    return { code: 'FIELD_NOT_UPDATABLE', field, message: `${field} cannot be updated` };
  }
  return undefined;
}

/**
 * The first field of the request that the user's table does not let it change, in the order sent;
 * undefined when the whole request may be applied.
 */
export function refusalFor(user: SendUser, body: SentFields): Refusal | undefined {
  if (user.type === 'RECEIVE') return receiveRefusal(user, body);
  const kind = user.business ? 'business' : 'individual';
  const verified = user.status === 'VERIFIED';
  for (const [field, value] of Object.entries(body)) {
    const row = ROWS[kind].get(field);
    if (!row) {
      if (!changes(field, value, user)) continue;
      return { code: 'VALIDATION_ERROR', field, message: `${field} is not a field of ${kind} users` };
    }
    const permission = verified ? row.verified : row.unverified;
    if (permission === 'yes') continue;
    if (field === 'physical_documents' || field === 'virtual_documents') {
      const changed = changedDocumentTypes(field, body, user);
      const locked = permission === 'no' ? changed : changed.filter((type) => permission.exceptDocumentTypes.includes(type));
      if (locked.length === 0) continue;
      const subject = permission === 'no' ? field : `${field} of type ${locked[0]}`;
      return { code: 'FIELD_NOT_UPDATABLE', field, message: lockMessage(row, subject) };
    }
    if (changes(field, value, user)) return { code: 'FIELD_NOT_UPDATABLE', field, message: lockMessage(row, field) };
  }
  return undefined;
}
