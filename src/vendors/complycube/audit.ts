import type { OperationContext, OperationHandler, VendorServices } from '../contract.js';
import { invalidRequest, notFound } from './errors.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { collections, type AuditChange, type AuditLog } from './records.js';
import type { operations } from './generated/openapi.js';

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ComplyCube's diff: one change per leaf that appeared, disappeared or changed; arrays compare whole. */
export function diff(before: unknown, after: unknown, path: (string | number)[] = [], changes: AuditChange[] = []): AuditChange[] {
  if (isPlain(before) && isPlain(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const [was, is] = [before[key], after[key]];
      if (was === undefined) changes.push({ action: 'new', path: [...path, key], new: is });
      else if (is === undefined) changes.push({ action: 'delete', path: [...path, key], old: was });
      else diff(was, is, [...path, key], changes);
    }
  } else if (JSON.stringify(before) !== JSON.stringify(after)) {
    changes.push({ action: 'update', path, old: before, new: after });
  }
  return changes;
}

/**
 * The team member a change is made for (`lastActionBy`), checked before anything is written;
 * null when the API key acts on its own.
 */
export function actorOf(context: OperationContext<{ requestBody?: { content: { 'application/json': { lastActionBy?: unknown } } } }>): string | null {
  const member = context.body?.lastActionBy;
  if (typeof member !== 'string') return null;
  if (!collections(context.partition).teamMembers.has(member)) {
    throw invalidRequest(`Invalid team member id '${member}'`, 'lastActionBy');
  }
  return member;
}

export interface Change {
  trigger: string;
  memberId: string | null;
  resourceType: AuditLog['resourceType'];
  resourceId: string;
  clientId?: string;
  action: AuditLog['action'];
  before?: object;
  after?: object;
}

export function recordChange(services: VendorServices, change: Change): void {
  const log: AuditLog = {
    id: services.random.hex(24),
    memberId: change.memberId,
    resourceType: change.resourceType,
    resourceId: change.resourceId,
    ...(change.clientId === undefined ? {} : { clientId: change.clientId }),
    trigger: change.trigger,
    action: change.action,
    diff: diff(change.before ?? {}, change.after ?? {}),
    createdAt: services.now().toISOString(),
  };
  collections(services.partition).auditLogs.put(log);
}

/** A change made by the operation being served, on behalf of its caller. */
export function audit(context: OperationContext, memberId: string | null, change: Omit<Change, 'trigger' | 'memberId'>): void {
  recordChange(context, { ...change, trigger: context.operationId, memberId });
}

const FILTERABLE = ['memberId', 'resourceType', 'resourceId', 'clientId', 'trigger', 'action'];

const getAuditLog: OperationHandler<operations['getAuditLog']> = (context) => {
  const log = collections(context.partition).auditLogs.get(context.params.id);
  if (!log) throw notFound('audit log', context.params.id);
  return { status: 200, body: log };
};

const listAuditLogs: OperationHandler<operations['listAuditLogs']> = (context) => {
  // Audit logs are never updated: only the creation bounds apply. The document declares neither update bound,
  // but a query carries every parameter sent (declared ones validated), so they are dropped before the filters.
  const { updatedAfter: _after, updatedBefore: _before, ...query }: Record<string, unknown> = context.query;
  const filters = [...dateFilters<AuditLog>(query), ...fieldFilters<AuditLog>(query, FILTERABLE)];
  return { status: 200, body: paginate(collections(context.partition).auditLogs.values(), filters, context.query) };
};

export const auditHandlers = { getAuditLog, listAuditLogs };
