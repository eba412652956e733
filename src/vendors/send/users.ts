import { VendorError, type OperationContext, type OperationHandler, type Partition, type ResponseOf } from '../contract.js';
import { copyByName } from '../kit.js';
import { badRequest, sendError } from './errors.js';
import {
  applyPhysicalDocuments,
  applyVirtualDocuments,
  normalized,
  presentUser,
  requireUser,
  timestamp,
  usersOf,
  type SendUser,
} from './model.js';
import { RECEIVE_FIELDS, isFieldOf, refusalFor } from './update-matrix.js';
import { refuseSuspended, requireSendUser, submittedCip } from './verification.js';
import type { operations } from './generated/openapi.js';

type Body = Record<string, unknown>;
type RegistrationBody = OperationContext<operations['registerUser']>['body'];
type UserBody = RegistrationBody | OperationContext<operations['updateUser']>['body'];

/** Fields that identify the user rather than describe it: only ever sent back unchanged. */
const IDENTITY = new Set(['id', 'type', 'business', 'send_user_id']);
const DEFAULT_CORRIDORS = ['US'];

/** The originating corridors enabled for the client: `--set send.originatingCorridors=US,GB`. */
function enabledCorridors(settings: Record<string, unknown>): string[] {
  const setting = settings.originatingCorridors;
  if (Array.isArray(setting)) return setting.map(String);
  if (typeof setting === 'string') return setting.split(',').map((code) => code.trim().toUpperCase());
  return DEFAULT_CORRIDORS;
}

/**
 * Machnet's 409 when another send user of the client has the email (in any case) or the mobile phone.
 * Receive users are left out: Add a Receive User's sample reuses Register a User's phone number.
 */
function refuseDuplicate(partition: Partition, body: Body, selfId?: string): void {
  const email = typeof body.email === 'string' ? body.email.toLowerCase() : undefined;
  const phone = body.mobile_phone;
  for (const other of usersOf(partition).values()) {
    if (other.id === selfId || other.type !== 'SEND') continue;
    const field =
      email !== undefined && other.email?.toLowerCase() === email
        ? 'email'
        : phone !== undefined && other.mobile_phone === phone
          ? 'mobile_phone'
          : undefined;
    if (field) throw new VendorError(sendError(409, 'USER_ALREADY_EXISTS', `A user with this ${field} already exists`, field));
  }
}

/** Receive users' names are answered in lower case, as Add a Receive User's response sample shows them. */
const LOWER_CASED_FOR_RECEIVE = new Set(['first_name', 'middle_name', 'last_name']);

/** The user with the request applied, in the order sent: documents as `applyPhysicalDocuments` and `applyVirtualDocuments` say, the two address objects merged. */
function applied(user: SendUser, body: UserBody, context: OperationContext): SendUser {
  const { copy: next, fields } = copyByName(structuredClone(user));
  const now = timestamp(context.now());
  const newId = () => context.random.uuid();
  for (const [field, value] of Object.entries<unknown>(body)) {
    if (IDENTITY.has(field) || value === null) continue;
    if (field === 'physical_documents') applyPhysicalDocuments(next, body.physical_documents ?? [], newId, now);
    else if (field === 'virtual_documents') applyVirtualDocuments(next, body.virtual_documents ?? [], newId);
    else if (field === 'company_details') next.company_details = { ...next.company_details, ...body.company_details };
    else if (field === 'mailing_address') next.mailing_address = { ...next.mailing_address, ...body.mailing_address };
    else if (next.type === 'RECEIVE' && LOWER_CASED_FOR_RECEIVE.has(field)) fields[field] = String(value).toLowerCase();
    else fields[field] = normalized(field, value);
  }
  return next;
}

function blankUser(context: OperationContext, type: SendUser['type'], business: boolean): SendUser {
  return {
    id: context.random.uuid(),
    type,
    business,
    status: 'UNVERIFIED',
    created_at: timestamp(context.now()),
    first_name: '',
    physical_documents: [],
    archived_physical_documents: [],
    virtual_documents: [],
    cip: {},
  };
}

/** Add a Receive User: linked to a send user of the same client. */
function registerReceiveUser(context: OperationContext, body: RegistrationBody): ResponseOf<operations['registerUser']> {
  for (const field of Object.keys(body)) {
    if (!RECEIVE_FIELDS.has(field)) throw badRequest('VALIDATION_ERROR', `${field} is not a field of receive users`, field);
  }
  const sender = body.send_user_id === undefined ? undefined : usersOf(context.partition).get(body.send_user_id);
  if (!sender || sender.type !== 'SEND') {
    throw badRequest('VALIDATION_ERROR', 'send_user_id must be the id of a send user of this client', 'send_user_id');
  }
  const user = applied(blankUser(context, 'RECEIVE', body.business === true), body, context);
  user.send_user_id = sender.id;
  return { status: 200, body: presentUser(usersOf(context.partition).put(user)) };
}

const registerUser: OperationHandler<operations['registerUser']> = (context) => {
  const body = context.body;
  if (body.type === 'RECEIVE') return registerReceiveUser(context, body);
  const business = body.business === true;
  const kind = business ? 'business' : 'individual';
  for (const field of Object.keys(body)) {
    if (field !== 'business' && !isFieldOf(kind, field)) {
      throw badRequest('VALIDATION_ERROR', `${field} is not a field of ${kind} users`, field);
    }
  }
  const corridors = enabledCorridors(context.settings);
  if (typeof body.country === 'string' && !corridors.includes(body.country)) {
    throw badRequest(
      'CORRIDOR_NOT_ENABLED',
      `${body.country} is not an originating corridor enabled for this client (enabled: ${corridors.join(', ')})`,
      'country',
    );
  }
  refuseDuplicate(context.partition, body);
  const user = applied(blankUser(context, 'SEND', business), body, context);
  user.cip = submittedCip(user);
  return { status: 200, body: presentUser(usersOf(context.partition).put(user)) };
};

const getUser: OperationHandler<operations['getUser']> = (context) => ({
  status: 200,
  body: presentUser(requireUser(context.partition, context.params.user_id)),
});

const updateUser: OperationHandler<operations['updateUser']> = (context) => {
  const user = requireUser(context.partition, context.params.user_id);
  refuseSuspended(user);
  const body = context.body;
  const refusal = refusalFor(user, body);
  if (refusal) throw badRequest(refusal.code, refusal.message, refusal.field);
  if (user.type === 'SEND') refuseDuplicate(context.partition, body, user.id);
  const next = applied(user, body, context);
  if (next.type === 'SEND') next.cip = submittedCip(next, body);
  return { status: 200, body: presentUser(usersOf(context.partition).put(next)) };
};

/** Get Receive User List: the receive users linked to the send user, oldest first, as Add a Receive User answers them. */
const listReceiveUsers: OperationHandler<operations['listReceiveUsers']> = (context) => {
  const sender = requireSendUser(context, 'Only send users have receive users');
  return { status: 200, body: usersOf(context.partition).where('send_user_id', sender.id).map(presentUser) };
};

export const userHandlers = { registerUser, getUser, updateUser, listReceiveUsers };
