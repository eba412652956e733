import { webhookTargetProblem } from '../../webhooks/webhook-target.js';
import type { OperationContext, OperationHandler } from '../contract.js';
import { audit } from './audit.js';
import { invalidRequest, notFound } from './errors.js';
import { dateFilters, fieldFilters, paginate } from './pagination.js';
import { collections, laterThan, type Webhook } from './records.js';
import { ordered, withChanges } from '../kit.js';
import type { operations } from './generated/openapi.js';

const MAX_WEBHOOKS = 20;
const FIELD_ORDER = ['id', 'description', 'url', 'enabled', 'events', 'secret', 'createdAt', 'updatedAt'] as const;
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const webhooksOf = (context: Pick<OperationContext, 'partition'>) => collections(context.partition).webhooks;

/** The secret is shown once, at creation; every other answer leaves it out. */
const withoutSecret = ({ secret: _secret, ...webhook }: Webhook) => webhook;

function requireWebhook(context: OperationContext, id: string): Webhook {
  const webhook = webhooksOf(context).get(id);
  if (!webhook) throw notFound('webhook', id);
  return webhook;
}

/** 32 letters and digits, like the documented example, from two deterministic draws. */
function newSecret(context: OperationContext): string {
  const bytes = Buffer.from(context.random.hex(64) + context.random.hex(64), 'hex');
  return Array.from(bytes.subarray(0, 32), (byte) => SECRET_ALPHABET[byte % SECRET_ALPHABET.length]).join('');
}

/** Link-local and unspecified addresses are refused as an invalid `url`; the schema has checked its scheme. */
function requireAllowedUrl(url: unknown): void {
  if (typeof url !== 'string') return;
  const problem = webhookTargetProblem(url);
  if (problem) throw invalidRequest(`'url' ${problem}`, 'url');
}

const createWebhook: OperationHandler<operations['createWebhook']> = (context) => {
  requireAllowedUrl(context.body.url);
  if (webhooksOf(context).size >= MAX_WEBHOOKS) throw invalidRequest(`You can create up to a maximum of ${MAX_WEBHOOKS} webhooks`);
  const body = context.body;
  const now = context.nowIso();
  const webhook = ordered(
    { ...body, enabled: body.enabled ?? true, id: context.random.hex(24), secret: newSecret(context), createdAt: now, updatedAt: now },
    FIELD_ORDER,
  );
  webhooksOf(context).put(webhook);
  audit(context, null, { resourceType: 'webhook', resourceId: webhook.id, action: 'create', after: withoutSecret(webhook) });
  return { status: 200, body: webhook };
};

const getWebhook: OperationHandler<operations['getWebhook']> = (context) => ({ status: 200, body: withoutSecret(requireWebhook(context, context.params.id)) });

const updateWebhook: OperationHandler<operations['updateWebhook']> = (context) => {
  const current = requireWebhook(context, context.params.id);
  requireAllowedUrl(context.body.url);
  const next = { ...withChanges(current, context.body), updatedAt: laterThan(context.nowIso(), current.updatedAt) };
  const webhook = webhooksOf(context).put(ordered(next, FIELD_ORDER));
  audit(context, null, { resourceType: 'webhook', resourceId: webhook.id, action: 'update', before: withoutSecret(current), after: withoutSecret(webhook) });
  return { status: 200, body: withoutSecret(webhook) };
};

const deleteWebhook: OperationHandler<operations['deleteWebhook']> = (context) => {
  const webhook = requireWebhook(context, context.params.id);
  webhooksOf(context).delete(webhook.id);
  audit(context, null, { resourceType: 'webhook', resourceId: webhook.id, action: 'delete', before: withoutSecret(webhook) });
  return { status: 204 };
};

const listWebhooks: OperationHandler<operations['listWebhooks']> = (context) => {
  const filters = [...dateFilters<Webhook>(context.query), ...fieldFilters<Webhook>(context.query, ['url', 'enabled', 'description'])];
  const page = paginate(webhooksOf(context).values(), filters, context.query);
  return { status: 200, body: { ...page, items: page.items.map(withoutSecret) } };
};

export const webhookHandlers = { createWebhook, getWebhook, updateWebhook, deleteWebhook, listWebhooks };
