import { VendorError, type OperationContext, type OperationHandler, type VendorServices } from '../contract.js';
import { audit, recordChange } from './audit.js';
import { requireClient } from './clients.js';
import { magicOf } from './outcomes.js';
import { complyCubeError, notFound } from './errors.js';
import { emit, payloadOf } from './events.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { flowAddress, openFlowSession, TEMPLATE_CHECK_TYPES } from './hosted-flow/sessions.js';
import { collections, laterThan, type Check, type WorkflowSession } from './records.js';
import type { operations } from './generated/openapi.js';

const sessionsOf = (context: Pick<OperationContext, 'partition'>) => collections(context.partition).workflowSessions;

function requireSession(context: OperationContext, id: string): WorkflowSession {
  const session = sessionsOf(context).get(id);
  if (!session) throw notFound('workflow session', id);
  return session;
}

const createFlowSession: OperationHandler<operations['createFlowSession']> = (context) => {
  const body = context.body;
  const client = requireClient(context, body.clientId);
  let workflowSessionId: string | undefined;
  if (body.workflowTemplateId !== undefined) {
    const now = context.nowIso();
    const session: WorkflowSession = {
      id: context.random.hex(24),
      clientId: client.id,
      entityName: client.entityName,
      status: 'started',
      workflowTemplateId: body.workflowTemplateId,
      workflowTemplateName: 'Sandbox workflow',
      allRelatedChecks: [],
      createdAt: now,
      updatedAt: now,
    };
    sessionsOf(context).put(session);
    audit(context, null, { resourceType: 'workflowSession', resourceId: session.id, clientId: client.id, action: 'create', after: session });
    workflowSessionId = session.id;
  }
  const flow = openFlowSession(context, {
    clientId: client.id,
    checkTypes: body.checkTypes ?? TEMPLATE_CHECK_TYPES,
    successUrl: body.successUrl,
    cancelUrl: body.cancelUrl,
    ...(body.enableMonitoring === undefined ? {} : { enableMonitoring: body.enableMonitoring }),
    ...(body.language === undefined ? {} : { language: body.language }),
    ...(body.theme === undefined ? {} : { theme: body.theme }),
    ...(workflowSessionId === undefined ? {} : { workflowSessionId }),
  });
  return { status: 200, body: { redirectUrl: flowAddress(context.headers.host, flow.id) } };
};

/** Completes a started session with its checks, as the flow that ran them or the API's `complete` does. */
export function completeSession(
  services: VendorServices,
  current: WorkflowSession,
  checks: readonly Check[],
  outcome: 'clear' | 'attention',
  trigger: string,
): WorkflowSession {
  const session = collections(services.partition).workflowSessions.put({
    ...current,
    status: 'complete',
    allRelatedChecks: checks.map((check, index) => ({ checkId: check.id, type: check.type, taskId: `task${index + 1}` })),
    outcome,
    updatedAt: laterThan(services.nowIso(), current.updatedAt),
  });
  recordChange(services, { trigger, memberId: null, resourceType: 'workflowSession', resourceId: session.id, clientId: session.clientId, action: 'update', before: current, after: session });
  emit(services, 'workflowSession.completed', 'workflowSession', { ...payloadOf(session), status: session.status, outcome: session.outcome });
  return session;
}

const getWorkflowSession: OperationHandler<operations['getWorkflowSession']> = (context) => ({ status: 200, body: requireSession(context, context.params.id) });

const completeWorkflowSession: OperationHandler<operations['completeWorkflowSession']> = (context) => {
  const current = requireSession(context, context.params.id);
  if (current.status !== 'started') {
    throw new VendorError(complyCubeError(422, 'processing_error', `Workflow session id '${current.id}' is ${current.status}: only a started session can be completed`));
  }
  const checks = collections(context.partition).checks.values().filter((check) => check.clientId === current.clientId);
  const client = requireClient(context, current.clientId);
  // The testing data: a session's outcome is `attention` for a client whose last name is `attention`.
  const session = completeSession(context, current, checks, magicOf(client) === 'attention' ? 'attention' : 'clear', context.operationId);
  return { status: 200, body: { status: session.status } };
};

const listWorkflowSessions: OperationHandler<operations['listWorkflowSessions']> = (context) => {
  const filters = [
    ...dateFilters<WorkflowSession>(context.query),
    ...fieldFilters<WorkflowSession>(context.query, ['clientId', 'workflowTemplateId', 'status']),
  ];
  return { status: 200, body: paginate(sessionsOf(context).values(), filters, context.query) };
};

export const workflowHandlers = { createFlowSession, getWorkflowSession, completeWorkflowSession, listWorkflowSessions };
