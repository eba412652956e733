import { VendorError, type OperationContext, type OperationHandler, type Partition } from '../contract.js';
import { badRequest, sendError } from './errors.js';
import {
  normalized,
  presentUser,
  requireUser,
  timestamp,
  usersOf,
  type PhysicalDocument,
  type SendUser,
  type VirtualDocument,
} from './model.js';
import { isFieldOf, refusalFor } from './update-matrix.js';
import { refuseSuspended, submittedCip } from './verification.js';

type Body = Record<string, unknown>;

/** Fields that identify the user rather than describe it: only ever sent back unchanged. */
const IDENTITY = new Set(['id', 'type', 'business']);
const MERGED_OBJECTS = new Set(['company_details', 'mailing_address']);
const DEFAULT_CORRIDORS = ['US'];

/** The originating corridors enabled for the client: `--set send.originatingCorridors=US,GB`. */
function enabledCorridors(settings: Record<string, unknown>): string[] {
  const setting = settings.originatingCorridors;
  if (Array.isArray(setting)) return setting.map(String);
  if (typeof setting === 'string') return setting.split(',').map((code) => code.trim().toUpperCase());
  return DEFAULT_CORRIDORS;
}

/** Machnet's 409 when another user of the client has the email (in any case) or the mobile phone. */
function refuseDuplicate(partition: Partition, body: Body, selfId?: string): void {
  const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
  const phone = body.mobile_phone;
  for (const other of usersOf(partition).values()) {
    if (other.id === selfId) continue;
    const field =
      email !== undefined && other.email.toLowerCase() === email
        ? 'email'
        : phone !== undefined && other.mobile_phone === phone
          ? 'mobile_phone'
          : undefined;
    if (field) throw new VendorError(sendError(409, 'USER_ALREADY_EXISTS', `A user with this ${field} already exists`, field));
  }
}

/**
 * The user with the request applied. A physical document of a type the user has is a new copy and the
 * old one is archived; a virtual document of a type the user has is updated in place.
 */
function applied(user: SendUser, body: Body, context: OperationContext): SendUser {
  const next = structuredClone(user) as SendUser & Body;
  const now = timestamp(context.now());
  for (const [field, value] of Object.entries(body)) {
    if (IDENTITY.has(field)) continue;
    if (field === 'physical_documents') {
      for (const entry of value as Omit<PhysicalDocument, 'id'>[]) {
        const copy = { id: context.random.uuid(), ...entry };
        const index = next.physical_documents.findIndex((d) => d.document_type === entry.document_type);
        if (index === -1) next.physical_documents.push(copy);
        else {
          next.archived_physical_documents.push({ ...next.physical_documents[index]!, archived_at: now, replaced_by: copy.id });
          next.physical_documents[index] = copy;
        }
      }
    } else if (field === 'virtual_documents') {
      for (const entry of value as Omit<VirtualDocument, 'id'>[]) {
        const index = next.virtual_documents.findIndex((d) => d.document_type === entry.document_type);
        if (index === -1) next.virtual_documents.push({ id: context.random.uuid(), ...entry });
        else next.virtual_documents[index] = { id: next.virtual_documents[index]!.id, ...entry };
      }
    } else if (MERGED_OBJECTS.has(field)) {
      next[field] = { ...(next[field] as object | undefined), ...(value as object) };
    } else {
      next[field] = normalized(field, value);
    }
  }
  return next;
}

const registerUser: OperationHandler = (context) => {
  const body = context.body as Body;
  const business = body.business === true;
  const kind = business ? 'business' : 'individual';
  for (const field of Object.keys(body)) {
    if (field !== 'business' && !isFieldOf(kind, field)) {
      throw badRequest('VALIDATION_ERROR', `${field} is not a field of ${kind} users`, field);
    }
  }
  if (typeof body.country === 'string' && !enabledCorridors(context.settings).includes(body.country)) {
    throw badRequest(
      'CORRIDOR_NOT_ENABLED',
      `${body.country} is not an originating corridor enabled for this client`,
      'country',
    );
  }
  refuseDuplicate(context.partition, body);
  const blank: SendUser = {
    id: context.random.uuid(),
    type: 'SEND',
    business,
    status: 'UNVERIFIED',
    created_at: timestamp(context.now()),
    first_name: '',
    email: '',
    physical_documents: [],
    archived_physical_documents: [],
    virtual_documents: [],
    cip: {},
  };
  const user = applied(blank, body, context);
  user.cip = submittedCip(user);
  return { status: 200, body: presentUser(usersOf(context.partition).put(user)) };
};

const getUser: OperationHandler = (context) => ({
  status: 200,
  body: presentUser(requireUser(context.partition, context.params.user_id!)),
});

const updateUser: OperationHandler = (context) => {
  const user = requireUser(context.partition, context.params.user_id!);
  refuseSuspended(user);
  const body = context.body as Body;
  const refusal = refusalFor(user, body);
  if (refusal) throw badRequest(refusal.code, refusal.message, refusal.field);
  refuseDuplicate(context.partition, body, user.id);
  const next = applied(user, body, context);
  next.cip = submittedCip(next, body);
  return { status: 200, body: presentUser(usersOf(context.partition).put(next)) };
};

export const userHandlers = { registerUser, getUser, updateUser };
