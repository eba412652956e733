import type { Partition } from '../contract.js';
import { userNotFound } from './errors.js';
import type { components } from './generated/openapi.js';

export type UserKind = 'individual' | 'business';
export type UserStatus = 'UNVERIFIED' | 'RETRY' | 'IN_PROGRESS' | 'REVIEW_PENDING' | 'VERIFIED' | 'SUSPENDED';
export type CipStatus = 'SUBMIT' | 'REVIEWING' | 'VERIFIED' | 'FAILED' | 'REQUESTED';

type Schemas = components['schemas'];

/** A physical document as stored: what was sent, images included, and its id. */
export type PhysicalDocument = Schemas['PhysicalDocumentInput'] & { id: string };
export type ArchivedPhysicalDocument = PhysicalDocument & Pick<Schemas['ArchivedPhysicalDocument'], 'archived_at' | 'replaced_by'>;
export type VirtualDocument = Schemas['VirtualDocument'];
export type Gender = NonNullable<Schemas['User']['gender']>;

const GENDERS = ['male', 'female', 'other'] as const satisfies readonly Gender[];

/** A gender as sent (in any case, which the document allows) as answered: in lower case. */
export const genderOf = (sent: string): Gender | undefined => GENDERS.find((gender) => gender === sent.toLowerCase());

/** What a request sends of a user: any fields, its documents as the document's inputs. */
export type SentFields = Record<string, unknown> & Pick<Schemas['UserFields'], 'physical_documents' | 'virtual_documents'>;

export type Address = Partial<Record<'address_line1' | 'address_line2' | 'city' | 'state' | 'country' | 'zipcode', string>>;
export type CompanyDetails = Partial<Record<'company_name' | 'address' | 'phone_number', string>>;

/** The documented fields a user may carry besides its documents. */
export interface Profile {
  first_name: string;
  /** Required of send users (User Object); optional for receive users (Receive User Object). */
  email?: string;
  middle_name?: string;
  last_name?: string;
  mobile_phone?: string;
  date_of_birth?: string;
  gender?: Gender;
  occupation?: string;
  address_line1?: string;
  address_line2?: string;
  city?: string;
  state?: string;
  country?: string;
  zipcode?: string;
  ip_address?: string;
  user_scope?: string;
  company_details?: CompanyDetails;
  business_type?: string;
  company_website?: string;
  number_of_employee?: string;
  mailing_address?: Address;
  user_relationship?: string;
  number_of_transaction_per_month?: number;
  transaction_frequency?: string;
}

/** A stored user (send or receive): the documented object, its documents with their images, and what Machnet keeps to itself. */
export interface SendUser extends Profile {
  id: string;
  /** `RECEIVE` users are linked to the send user that pays them (Add a Receive User). */
  type: 'SEND' | 'RECEIVE';
  send_user_id?: string;
  business: boolean;
  status: UserStatus;
  created_at: string;
  physical_documents: PhysicalDocument[];
  archived_physical_documents: ArchivedPhysicalDocument[];
  virtual_documents: VirtualDocument[];
  /** The status of each CIP tag of the user's tier. */
  cip: Record<string, CipStatus>;
}

export type RepresentativeRole = 'account_operator' | 'beneficial_owner' | 'compliance' | 'primary_controller';

export type RepresentativeVirtualDocument = Schemas['RepresentativeVirtualDocument'];

/** A business representative as stored: the Business Representatives Object, its documents with their images. */
export interface Representative {
  id: string;
  user_id: string;
  first_name: string;
  middle_name?: string | null;
  last_name: string;
  email: string;
  gender?: Gender;
  mobile_phone?: string;
  title?: string;
  date_of_birth: string;
  address_line1: string;
  city: string;
  state: string;
  country: string;
  zipcode: string;
  ownership_percentage: number;
  br_type: Record<RepresentativeRole, boolean>;
  physical_documents: PhysicalDocument[];
  archived_physical_documents: ArchivedPhysicalDocument[];
  virtual_documents: RepresentativeVirtualDocument[];
}

export const kindOf = (user: Pick<SendUser, 'business'>): UserKind => (user.business ? 'business' : 'individual');

export const usersOf = (partition: Partition) => partition.collection<SendUser>('users');
export const representativesOf = (partition: Partition) => partition.collection<Representative>('representatives');

/** Machnet's timestamps: UTC, no offset, microseconds (`2022-03-29T15:59:03.699517`). */
export const timestamp = (date: Date) => `${date.toISOString().slice(0, 23)}000`;

/** A request's value as it is stored: gender in lower case, the monthly count as a number. */
export function normalized(field: string, value: unknown): unknown {
  if (field === 'gender') return String(value).toLowerCase();
  if (field === 'number_of_transaction_per_month') return Number(value);
  return value;
}

/** An object or an array, whose members are read by name (an array's by index). */
export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isObject(a) || !isObject(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((key) => a[key] !== undefined);
  const keysB = Object.keys(b).filter((key) => b[key] !== undefined);
  return keysA.length === keysB.length && keysA.every((key) => sameValue(a[key], b[key]));
}

const withoutImages = ({ document_value: _front, document_value_back: _back, ...rest }: PhysicalDocument) => rest;

/** An SSN is never answered in full: `*****` and its last four digits, as the brief page shows. */
const masked = <Virtual extends VirtualDocument>(document: Virtual): Virtual =>
  document.document_type === 'SSN' ? { ...document, document_value: `*****${document.document_value.slice(-4)}` } : document;

/** The value with its keys sorted: made first in that order, copying the value into them keeps it. */
const sortedKeys = <T extends object>(value: T): T => {
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const fields: Record<string, unknown> = Object.fromEntries(keys.map((key) => [key, undefined]));
  return Object.assign(fields, value);
};

/** Whatever carries documents: users and business representatives, whose virtual documents may carry more. */
export interface DocumentHolder<Virtual extends VirtualDocument = VirtualDocument> {
  physical_documents: PhysicalDocument[];
  archived_physical_documents: ArchivedPhysicalDocument[];
  virtual_documents: Virtual[];
}

/**
 * Applies physical documents sent in a request to a copy being built: one of a type the holder has is a new
 * copy, and the old one is archived (Update User, Update Business Representatives).
 */
export function applyPhysicalDocuments(
  next: DocumentHolder,
  entries: readonly Schemas['PhysicalDocumentInput'][],
  newId: () => string,
  now: string,
): void {
  for (const entry of entries) {
    const copy: PhysicalDocument = { id: newId(), ...entry };
    const index = next.physical_documents.findIndex((d) => d.document_type === copy.document_type);
    const replaced = next.physical_documents[index];
    if (replaced === undefined) next.physical_documents.push(copy);
    else {
      next.archived_physical_documents.push({ ...replaced, archived_at: now, replaced_by: copy.id });
      next.physical_documents[index] = copy;
    }
  }
}

/** Applies virtual documents sent in a request to a copy being built: one of a type the holder has is updated in place. */
export function applyVirtualDocuments(
  next: DocumentHolder,
  entries: readonly Schemas['RepresentativeVirtualDocumentInput'][],
  newId: () => string,
): void {
  for (const entry of entries) {
    const index = next.virtual_documents.findIndex((d) => d.document_type === entry.document_type);
    const current = next.virtual_documents[index];
    if (current === undefined) next.virtual_documents.push({ id: newId(), ...entry });
    else next.virtual_documents[index] = { id: current.id, ...entry };
  }
}

/** The documents as answered: no images, SSNs masked, each list only when it has something. */
export function presentDocuments<Virtual extends VirtualDocument>({
  physical_documents,
  archived_physical_documents,
  virtual_documents,
}: DocumentHolder<Virtual>) {
  const answer: {
    physical_documents?: Schemas['PhysicalDocument'][];
    archived_physical_documents?: Schemas['ArchivedPhysicalDocument'][];
    virtual_documents?: Virtual[];
  } = {};
  if (physical_documents.length > 0) answer.physical_documents = physical_documents.map((d) => sortedKeys(withoutImages(d)));
  if (archived_physical_documents.length > 0) {
    answer.archived_physical_documents = archived_physical_documents.map(({ archived_at, replaced_by, ...document }) =>
      sortedKeys({ ...withoutImages(document), archived_at, replaced_by }),
    );
  }
  if (virtual_documents.length > 0) answer.virtual_documents = virtual_documents.map((d) => sortedKeys(masked(d)));
  return answer;
}

/**
 * The user as Machnet answers it: keys in alphabetical order, no images, SSNs masked, no internal state.
 * A send user carries neither `type` nor `business` (Update User's responses); a receive user carries
 * `business` (Add a Receive User's response), and the sandbox adds its `type` and `send_user_id`.
 */
export function presentUser(user: SendUser): Schemas['User'] {
  const { type, business, cip: _cip, physical_documents, archived_physical_documents, virtual_documents, ...fields } = user;
  return sortedKeys({
    ...fields,
    ...presentDocuments({ physical_documents, archived_physical_documents, virtual_documents }),
    ...(type === 'RECEIVE' ? { type, business } : {}),
  });
}

/** A representative as the Add and Update Business Representatives responses show it. */
export function presentRepresentative(representative: Representative): Schemas['Representative'] {
  const { user_id: _user, middle_name, physical_documents, archived_physical_documents, virtual_documents, ...fields } =
    representative;
  return sortedKeys({
    ...fields,
    ...presentDocuments({ physical_documents, archived_physical_documents, virtual_documents }),
    ...(middle_name ? { middle_name } : {}),
  });
}

/** The user, or the 404 for an id this client does not have. */
export function requireUser(partition: Partition, id: string): SendUser {
  const user = usersOf(partition).get(id);
  if (!user) throw userNotFound();
  return user;
}
