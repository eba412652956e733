import { defineTask, VendorError, type OperationContext, type OperationHandler, type VendorServices } from '../contract.js';
import { requireAddress } from './addresses.js';
import { actorOf, audit, recordChange } from './audit.js';
import { requireClient, type ComplyCubeClient } from './clients.js';
import { redactExtractedData, requireDocument } from './documents.js';
import { complyCubeError, invalidRequest, notFound } from './errors.js';
import { emit } from './events.js';
import { requireLivePhoto, requireLiveVideo } from './live-media.js';
import { CHECK_TYPE_RULES, completionOf, MAGIC_WORDS, SCREENING_TYPES, type Magic } from './outcomes.js';
import { pageOf } from './pagination.js';
import { collections, laterThan, type Check, type CheckType, type Outcome, type ScreeningMatch } from './records.js';
import { ordered, valueAtPath } from '../kit.js';
import type { components, operations } from './generated/openapi.js';

const FIELD_ORDER = [
  'id', 'clientId', 'entityName', 'type', 'documentId', 'livePhotoId', 'liveVideoId', 'addressId', 'enableMonitoring',
  'options', 'clientConsent', 'status', 'result', 'createdAt', 'updatedAt',
] as const;
const FILTERABLE = [
  'clientId', 'type', 'status', 'entityName', 'documentId', 'livePhotoId', 'liveVideoId', 'addressId', 'enableMonitoring', 'result.outcome',
];

const COMPLETE_CHECK = 'completeCheck';

const checksOf = (context: Pick<VendorServices, 'partition'>) => collections(context.partition).checks;

export function requireCheck(context: OperationContext, id: string): Check {
  const check = checksOf(context).get(id);
  if (!check) throw notFound('check', id);
  return check;
}

const unprocessable = (code: string, message: string) =>
  new VendorError(complyCubeError(422, 'processing_error', `${code}: ${message}`));

type CheckCreate = components['schemas']['CheckCreate'];

/** Every resource a check names must exist and be its client's; the vendor's 404 otherwise. */
function requireReferences(context: OperationContext, body: CheckCreate): void {
  const rule = CHECK_TYPE_RULES[body.type];
  const belongs = (found: { clientId: string }, resource: string, id: string) => {
    if (found.clientId !== body.clientId) throw notFound(resource, id);
  };
  if (body.documentId !== undefined) {
    const document = requireDocument(context, body.documentId);
    belongs(document, 'document', body.documentId);
    if (rule.needsFrontImage && !document.images?.some((image) => image.documentSide === 'front')) {
      throw invalidRequest(`Document id '${document.id}' has no front image: upload one (POST /v1/documents/${document.id}/upload/front) before a ${body.type}`, 'documentId');
    }
    if (rule.documentType !== undefined && document.type !== rule.documentType) {
      throw invalidRequest(`Checks of type ${body.type} need a document of type ${rule.documentType}; document id '${document.id}' is of type ${document.type}`, 'documentId');
    }
  }
  if (body.livePhotoId !== undefined) belongs(requireLivePhoto(context, body.livePhotoId), 'live photo', body.livePhotoId);
  if (body.liveVideoId !== undefined) belongs(requireLiveVideo(context, body.liveVideoId), 'live video', body.liveVideoId);
  if (body.addressId !== undefined) belongs(requireAddress(context, body.addressId), 'address', body.addressId);
}

/** What the check type's page asks of the client, and whether the API may start it at all. */
function requireRunnable(type: CheckType, client: ComplyCubeClient): void {
  const rule = CHECK_TYPE_RULES[type];
  if (rule.workflowOnly) throw invalidRequest(`Checks of type ${type} can only be initiated through a workflow session`, 'type');
  if (rule.personOnly && client.type !== 'person') {
    throw invalidRequest(`Checks of type ${type} can only be performed on a client of type \`person\``, 'type');
  }
  const attribute = rule.clientAttribute;
  const value = attribute === 'ssn' ? client.personDetails?.ssn : attribute === 'mobile' ? client.mobile : '';
  if (attribute !== undefined && !value) {
    const field = attribute === 'ssn' ? 'personDetails.ssn' : attribute;
    throw invalidRequest(`Checks of type ${type} require the client to have '${field}' set; client id '${client.id}' has none`, 'clientId');
  }
}

export function checkPayload(check: Check): Record<string, unknown> {
  const { id, clientId, type, status, createdAt, updatedAt } = check;
  const outcome = check.result?.outcome;
  return { id, clientId, type, status, ...(outcome === undefined ? {} : { outcome }), createdAt, updatedAt };
}

const createCheck: OperationHandler<operations['createCheck']> = (context) => {
  const { lastActionBy: _member, ...body } = context.body;
  const client = requireClient(context, body.clientId);
  requireRunnable(body.type, client);
  requireReferences(context, body);
  const memberId = actorOf(context);
  const now = context.nowIso();
  const created: Check = {
    // "When not provided, it defaults to false" (the Check object), and the documented example shows it.
    enableMonitoring: false,
    ...body,
    id: context.random.hex(24),
    entityName: client.entityName,
    status: 'pending',
    createdAt: now,
    updatedAt: now,
  };
  const check = ordered(created, FIELD_ORDER);
  checksOf(context).put(check);
  audit(context, memberId, { resourceType: 'check', resourceId: check.id, clientId: check.clientId, action: 'create', after: check });
  completeCheck.schedule(context, context.pendingWorkDelayMs, { checkId: check.id });
  emit(context, 'check.pending', 'check', checkPayload(check));
  return { status: 200, body: check };
};

const getCheck: OperationHandler<operations['getCheck']> = (context) => ({ status: 200, body: requireCheck(context, context.params.id) });

const updateCheck: OperationHandler<operations['updateCheck']> = (context) => {
  const current = requireCheck(context, context.params.id);
  if (!SCREENING_TYPES.has(current.type)) throw unprocessable('invalid_check_update', 'only screening checks can be updated');
  if (current.status === 'pending') throw unprocessable('pending_check_unmodifiable', 'a pending check cannot be modified');
  const { lastActionBy: _member, ...changes } = context.body;
  const memberId = actorOf(context);
  const check = checksOf(context).put(ordered({ ...current, ...changes, updatedAt: laterThan(context.nowIso(), current.updatedAt) }, FIELD_ORDER));
  audit(context, memberId, { resourceType: 'check', resourceId: check.id, clientId: check.clientId, action: 'update', before: current, after: check });
  emit(context, 'check.updated', 'check', checkPayload(check));
  return { status: 200, body: check };
};

type Validation = components['schemas']['Validation'];

function validatedScreening(current: Check, matchId: string | undefined, verdict: Validation['outcome']): Check['result'] {
  if (matchId === undefined) throw invalidRequest(`'matchId' is required for checks of type ${current.type}`, 'matchId');
  const matches = current.result?.breakdown?.matches ?? [];
  if (!matches.some((match) => match.id === matchId)) throw invalidRequest(`Invalid match id '${matchId}'`, 'matchId');
  const status: ScreeningMatch['status'] = verdict === 'confirmed' ? 'confirmed' : verdict === 'rejected' ? 'rejected' : 'pending';
  const next = matches.map((match) => (match.id === matchId ? { ...match, status } : match));
  const outcome: Outcome = next.some((match) => match.status === 'confirmed')
    ? 'match_confirmed'
    : next.every((match) => match.status === 'rejected')
      ? 'clear'
      : 'attention';
  return { outcome, breakdown: { ...current.result?.breakdown, matches: next } };
}

const VERDICTS: Record<Validation['outcome'], Outcome> = { confirmed: 'clear', rejected: 'rejected', attention: 'attention' };

/** Other checks take the verdict as their outcome; a document check's userSuppliedData replaces what was extracted. */
function validatedOther(current: Check, validation: Validation): Check['result'] {
  const outcome = VERDICTS[validation.outcome];
  if (validation.userSuppliedData === undefined) return { ...current.result, outcome };
  return { ...current.result, outcome, breakdown: { ...current.result?.breakdown, extractedData: validation.userSuppliedData } };
}

const validateCheck: OperationHandler<operations['validateCheck']> = (context) => {
  const current = requireCheck(context, context.params.id);
  if (current.status === 'pending') throw unprocessable('pending_check_unmodifiable', 'a pending check cannot be validated');
  const validation = context.body;
  for (const field of ['rejectionReasons', 'userSuppliedData'] as const) {
    if (validation[field] !== undefined && current.type !== 'document_check') {
      throw invalidRequest(`'${field}' can only be provided for checks of type document_check`, field);
    }
  }
  const result = SCREENING_TYPES.has(current.type) ? validatedScreening(current, validation.matchId, validation.outcome) : validatedOther(current, validation);
  const check = checksOf(context).put({ ...current, result, updatedAt: laterThan(context.nowIso(), current.updatedAt) });
  audit(context, null, { resourceType: 'check', resourceId: check.id, clientId: check.clientId, action: 'update', before: current, after: check });
  emit(context, 'check.updated', 'check', checkPayload(check));
  return { status: 200, body: validation };
};

const redactCheck: OperationHandler<operations['redactCheck']> = (context) => {
  const current = requireCheck(context, context.params.id);
  if (current.type !== 'document_check') {
    throw new VendorError(complyCubeError(422, 'processing_error', `Checks of type ${current.type} cannot be redacted: only document_check outcomes can`));
  }
  if (current.status === 'pending') throw unprocessable('pending_check_unmodifiable', 'a pending check cannot be redacted');
  // `images` names features of the images a check extracted; the sandbox's outcomes carry none to erase.
  const redacted = redactExtractedData(current, new Set(context.body.attributes ?? []));
  if (!redacted) return { status: 200, body: current };
  const check = checksOf(context).put({ ...redacted, updatedAt: laterThan(context.nowIso(), current.updatedAt) });
  audit(context, null, { resourceType: 'check', resourceId: check.id, clientId: check.clientId, action: 'update', before: current, after: check });
  emit(context, 'check.updated', 'check', checkPayload(check));
  return { status: 200, body: check };
};

const listChecks: OperationHandler<operations['listChecks']> = (context) => {
  return { status: 200, body: pageOf(checksOf(context), context.query, FILTERABLE) };
};

/** Outcomes with an event of their own (the documented `check.completed.<outcome>` events). */
const OUTCOME_EVENTS = new Set<Outcome>(['clear', 'attention']);

/** A stored payload of `completeCheck`: the check, and the outcome it completes with when not its client's. */
function completeCheckPayload(stored: unknown): { checkId: string; magic?: Magic } | undefined {
  const checkId = valueAtPath(stored, 'checkId');
  const sent = valueAtPath(stored, 'magic');
  const magic = MAGIC_WORDS.find((word) => word === sent);
  if (typeof checkId !== 'string' || (sent !== undefined && magic === undefined)) return undefined;
  return magic === undefined ? { checkId } : { checkId, magic };
}

/** A pending check reaches its outcome; checks deleted meanwhile (with their client) are skipped. */
export const completeCheck = defineTask(COMPLETE_CHECK, completeCheckPayload, (services, { checkId, magic }) => {
  const store = collections(services.partition);
  const current = store.checks.get(checkId);
  const client = current && store.clients.get(current.clientId);
  if (!current || !client || current.status !== 'pending') return;
  const document = current.documentId === undefined ? undefined : store.documents.get(current.documentId);
  const latestAddress = store.addresses.values().findLast((address) => address.clientId === client.id);
  const completion = completionOf({ check: current, client, document, latestAddress, matchIds: () => services.random.hex(24), magic });
  const check = store.checks.put(ordered({ ...current, ...completion, updatedAt: laterThan(services.nowIso(), current.updatedAt) }, FIELD_ORDER));
  recordChange(services, {
    trigger: COMPLETE_CHECK,
    memberId: null,
    resourceType: 'check',
    resourceId: check.id,
    clientId: check.clientId,
    action: 'update',
    before: current,
    after: check,
  });
  emit(services, 'check.completed', 'check', checkPayload(check));
  const outcome = completion.result.outcome;
  if (OUTCOME_EVENTS.has(outcome)) emit(services, `check.completed.${outcome}`, 'check', checkPayload(check));
});

export const checkHandlers = { createCheck, getCheck, updateCheck, validateCheck, redactCheck, listChecks };
export const checkTasks = { [completeCheck.name]: completeCheck.handler };
