import type { OperationHandler } from '../contract.js';
import { notFound } from './errors.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { collections, type TeamMember } from './records.js';
import type { operations } from './generated/openapi.js';

const INITIAL_CREDIT = 1000;

const getTeamMember: OperationHandler<operations['getTeamMember']> = (context) => {
  const member = collections(context.partition).teamMembers.get(context.params.id);
  if (!member) throw notFound('team member', context.params.id);
  return { status: 200, body: member };
};

const listTeamMembers: OperationHandler<operations['listTeamMembers']> = (context) => {
  const filters = [...dateFilters<TeamMember>(context.query), ...fieldFilters<TeamMember>(context.query, ['firstName', 'lastName', 'role'])];
  return { status: 200, body: paginate(collections(context.partition).teamMembers.values(), filters, context.query) };
};

const getAccountInfo: OperationHandler<operations['getAccountInfo']> = (context) => {
  const store = collections(context.partition);
  const owner = store.teamMembers.values().find((member) => member.role === 'owner');
  return {
    status: 200,
    body: {
      username: owner ? `${owner.firstName} ${owner.lastName}` : '',
      plan: context.tenant.id.startsWith('live_') ? 'live' : 'sandbox',
      remainingCredit: INITIAL_CREDIT - store.checks.size,
    },
  };
};

export const accountHandlers = { getTeamMember, listTeamMembers, getAccountInfo };
