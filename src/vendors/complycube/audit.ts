import type { OperationContext, OperationHandler, VendorServices } from '../contract.js';
import { boundedMemo } from '../kit.js';
import { invalidRequest, notFound } from './errors.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { collections, type AuditChange, type AuditLog } from './records.js';
import type { operations } from './generated/openapi.js';

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** ComplyCube's diff: one change per leaf that appeared, disappeared or changed; arrays compare whole. */
export function diff(before: unknown, after: unknown, path: (string | number)[] = [], changes: AuditChange[] = []): AuditChange[] {
  if (isPlain(before) && isPlain(after)) {
    // The keys of both, each once, in the order a Set of them would give: before's, then after's new ones.
    // Walked with for…in, which reads a record's keys from its shape instead of listing them anew: records
    // are plain JSON objects, whose prototype lends no enumerable key.
    for (const key in before) diffField(before[key], after[key], path, key, changes);
    for (const key in after) if (!Object.hasOwn(before, key)) diffField(undefined, after[key], path, key, changes);
  } else if (before !== after && (typeof before !== 'object' || typeof after !== 'object' || JSON.stringify(before) !== JSON.stringify(after))) {
    changes.push({ action: 'update', path, old: before, new: after });
  }
  return changes;
}

/**
 * A record's own field as a path, one array a name: kept by every audit log for good, and a record's
 * fields are a few names again and again. Never changed: a path that goes deeper is a new array.
 */
const topLevelPath = boundedMemo(256, (key): (string | number)[] => [key]);

function diffField(was: unknown, is: unknown, path: (string | number)[], key: string, changes: AuditChange[]): void {
  // An update changes a few fields of many: those left as they were are passed over without a path made for them.
  if (was === is && was !== undefined) return;
  const fieldPath = path.length === 0 ? topLevelPath(key) : [...path, key];
  if (was === undefined) changes.push({ action: 'new', path: fieldPath, new: is });
  else if (is === undefined) changes.push({ action: 'delete', path: fieldPath, old: was });
  else diff(was, is, fieldPath, changes);
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
  writeAuditLog(services, change, change.trigger, change.memberId);
}

/** A change made by the operation being served, on behalf of its caller. */
export function audit(context: OperationContext, memberId: string | null, change: Omit<Change, 'trigger' | 'memberId'>): void {
  writeAuditLog(context, change, context.operationId, memberId);
}

function writeAuditLog(services: VendorServices, change: Omit<Change, 'trigger' | 'memberId'>, trigger: string, memberId: string | null): void {
  const { resourceType, resourceId, clientId, action } = change;
  const id = services.random.hex(24);
  // Copied to its own length: the array grown by pushes holds room for sixteen more, and a log is kept for good.
  const changes = [...diff(change.before ?? {}, change.after ?? {})];
  const createdAt = services.nowIso();
  // Two literals rather than a spread of an optional field: the fields stay in the documented order either way.
  const log: AuditLog =
    clientId === undefined
      ? { id, memberId, resourceType, resourceId, trigger, action, diff: changes, createdAt }
      : { id, memberId, resourceType, resourceId, clientId, trigger, action, diff: changes, createdAt };
  collections(services.partition).auditLogs.put(log);
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
