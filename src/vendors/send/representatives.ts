import { VendorError, type OperationContext, type OperationHandler, type PathContext } from '../contract.js';
import { badRequest, sendError } from './errors.js';
import { copyByName } from '../kit.js';
import {
  applyPhysicalDocuments,
  applyVirtualDocuments,
  genderOf,
  normalized,
  presentRepresentative,
  representativesOf,
  requireUser,
  sameValue,
  timestamp,
  type Gender,
  type Representative,
  type RepresentativeRole,
  type SendUser,
} from './model.js';
import type { operations } from './generated/openapi.js';

type Body = Record<string, unknown>;
type RepresentativeBody = OperationContext<operations['updateBusinessRepresentative']>['body'];

/** The deprecated `type` as the `br_type` role it stands for (`PRIMARY CONTROLLER` has a space, as documented). */
const ROLE_OF_TYPE: Record<string, RepresentativeRole> = {
  ACCOUNT_OPERATOR: 'account_operator',
  BENEFICIAL_OWNER: 'beneficial_owner',
  COMPLIANCE: 'compliance',
  'PRIMARY CONTROLLER': 'primary_controller',
};


function requireBusiness(context: PathContext<{ user_id: string }>): SendUser {
  const user = requireUser(context.partition, context.params.user_id);
  if (!user.business || user.type !== 'SEND') {
    const kind = user.type === 'RECEIVE' ? 'a receive user' : 'an individual';
    throw badRequest('NOT_A_BUSINESS_USER', `Only business send users have business representatives: this user is ${kind}`, 'user_id');
  }
  return user;
}

function requireRepresentative(context: PathContext<{ representative_id: string }>, user: SendUser): Representative {
  const representative = representativesOf(context.partition).get(context.params.representative_id);
  if (!representative || representative.user_id !== user.id) {
    throw new VendorError(sendError(404, 'REPRESENTATIVE_NOT_FOUND', 'Business representative not found'));
  }
  return representative;
}

/** The representative with the request applied, in the order sent; documents as for users, `type` only ever checked. */
function applied(current: Representative, body: RepresentativeBody, context: OperationContext): Representative {
  const { copy: next, fields } = copyByName(structuredClone(current));
  const now = timestamp(context.now());
  const newId = () => context.random.uuid();
  for (const [field, value] of Object.entries<unknown>(body)) {
    if (field === 'type') continue;
    if (field === 'physical_documents') applyPhysicalDocuments(next, body.physical_documents ?? [], newId, now);
    else if (field === 'virtual_documents') applyVirtualDocuments(next, body.virtual_documents ?? [], newId);
    else if (value === null) delete fields[field];
    else fields[field] = normalized(field, value);
  }
  return next;
}

/** The first field the update table does not let change, in the order sent. */
function refusalFor(current: Representative, body: Body): { field: string; message: string } | undefined {
  for (const field of Object.keys(body)) {
    if (field === 'type') {
      const role = ROLE_OF_TYPE[String(body.type)];
      if (role && current.br_type[role]) continue;
      return { field, message: "type cannot be updated: it names a role, and the representative's roles (br_type) cannot change" };
    }
    // "No" in both columns of Update Business Representatives' table.
    const neverUpdatable = field === 'country' || field === 'br_type';
    if (neverUpdatable && !sameValue(body[field], current[field])) return { field, message: `${field} cannot be updated` };
  }
  return undefined;
}

const addBusinessRepresentative: OperationHandler<operations['addBusinessRepresentative']> = (context) => {
  const user = requireBusiness(context);
  // The record's own fields first, then those sent in the order sent (as `applied` then sets them, documents and all).
  const { type: _type, physical_documents: _physical, virtual_documents: _virtual, ...sent } = context.body;
  const own = {
    id: context.random.uuid(),
    user_id: user.id,
    ownership_percentage: 0,
    physical_documents: [],
    archived_physical_documents: [],
    virtual_documents: [],
  };
  const gender = sent.gender === undefined ? undefined : genderOf(sent.gender);
  const stored: { gender?: Gender } = gender === undefined ? {} : { gender };
  const blank: Representative = Object.assign(own, sent, stored);
  const representative = applied(blank, context.body, context);
  return { status: 200, body: presentRepresentative(representativesOf(context.partition).put(representative)) };
};

const listBusinessRepresentatives: OperationHandler<operations['listBusinessRepresentatives']> = (context) => {
  const user = requireBusiness(context);
  const result = representativesOf(context.partition)
    .values()
    .filter((representative) => representative.user_id === user.id)
    .map(presentRepresentative);
  return { status: 200, body: { result } };
};

const updateBusinessRepresentative: OperationHandler<operations['updateBusinessRepresentative']> = (context) => {
  const user = requireBusiness(context);
  const current = requireRepresentative(context, user);
  const refusal = refusalFor(current, context.body);
  if (refusal) throw badRequest('FIELD_NOT_UPDATABLE', refusal.message, refusal.field);
  const next = applied(current, context.body, context);
  return { status: 200, body: presentRepresentative(representativesOf(context.partition).put(next)) };
};

export const representativeHandlers = { addBusinessRepresentative, listBusinessRepresentatives, updateBusinessRepresentative };
