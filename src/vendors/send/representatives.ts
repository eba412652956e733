import { VendorError, type OperationContext, type OperationHandler } from '../contract.js';
import { badRequest, sendError } from './errors.js';
import { representativesOf, requireUser, timestamp, type Representative, type SendUser } from './model.js';

type Body = Partial<Omit<Representative, 'id' | 'user_id' | 'created_at'>>;

/** The deprecated `type` as the `br_type` role it stands for (`PRIMARY CONTROLLER` has a space, as documented). */
const ROLE_OF_TYPE: Record<string, string> = {
  ACCOUNT_OPERATOR: 'account_operator',
  BENEFICIAL_OWNER: 'beneficial_owner',
  COMPLIANCE: 'compliance',
  'PRIMARY CONTROLLER': 'primary_controller',
};

function requireBusiness(context: OperationContext): SendUser {
  const user = requireUser(context.partition, context.params.user_id!);
  if (!user.business) {
    throw badRequest('NOT_A_BUSINESS_USER', 'Business representatives can be added to business users only', 'user_id');
  }
  return user;
}

function rolesOf(body: Body, current?: Record<string, boolean>): Record<string, boolean> {
  const roles = { ...current, ...body.br_type };
  if (body.type !== undefined) roles[ROLE_OF_TYPE[body.type]!] = true;
  return roles;
}

/** Keys in alphabetical order, as Machnet's user responses have them. */
function present({ user_id: _user, ...representative }: Representative): Record<string, unknown> {
  return Object.fromEntries(Object.entries(representative).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const addBusinessRepresentative: OperationHandler = (context) => {
  const user = requireBusiness(context);
  const body = context.body as Body;
  if (body.br_type === undefined && body.type === undefined) {
    throw badRequest('VALIDATION_ERROR', 'br_type is required', 'br_type');
  }
  const representative: Representative = {
    ...body,
    id: context.random.uuid(),
    user_id: user.id,
    first_name: body.first_name!,
    last_name: body.last_name!,
    br_type: rolesOf(body),
    created_at: timestamp(context.now()),
  };
  return { status: 200, body: present(representativesOf(context.partition).put(representative)) };
};

const listBusinessRepresentatives: OperationHandler = (context) => {
  const user = requireBusiness(context);
  const result = representativesOf(context.partition)
    .values()
    .filter((representative) => representative.user_id === user.id)
    .map(present);
  return { status: 200, body: { result } };
};

const updateBusinessRepresentative: OperationHandler = (context) => {
  const user = requireBusiness(context);
  const representatives = representativesOf(context.partition);
  const current = representatives.get(context.params.representative_id!);
  if (!current || current.user_id !== user.id) {
    throw new VendorError(sendError(404, 'REPRESENTATIVE_NOT_FOUND', 'Business representative not found'));
  }
  const body = context.body as Body;
  const next: Representative = { ...current, ...body, br_type: rolesOf(body, current.br_type) };
  return { status: 200, body: present(representatives.put(next)) };
};

export const representativeHandlers = { addBusinessRepresentative, listBusinessRepresentatives, updateBusinessRepresentative };
