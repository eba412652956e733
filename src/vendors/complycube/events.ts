import { createHmac } from 'node:crypto';
import type { VendorServices } from '../contract.js';
import { collections, type Webhook } from './records.js';

/** Attempts in all: the first, then the documented 10 retries. */
const MAX_ATTEMPTS = 11;

/** v1.7.2 spelled completion events `check.complete…`; a subscription in either spelling counts. */
const normalise = (event: string) => event.replace(/^check\.complete(?=\.|$)/, 'check.completed');

function subscribes(webhook: Webhook, type: string): boolean {
  return webhook.enabled && webhook.events.some((event) => event === '*' || normalise(event) === type);
}

export function sign(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export type ResourceType = 'check' | 'client' | 'address' | 'document' | 'workflowSession';

/**
 * Sends an event to every enabled webhook subscribed to it, as ComplyCube does: compact JSON, signed
 * with the webhook's secret in `ComplyCube-Signature`.
 */
export function emit(services: VendorServices, type: string, resourceType: ResourceType, payload: Record<string, unknown>): void {
  const { webhooks } = collections(services.partition);
  // Most changes are made where no webhook listens: nothing is read or made for them.
  if (webhooks.size === 0) return;
  const recipients = webhooks.values().filter((webhook) => subscribes(webhook, type));
  if (recipients.length === 0) return;
  const event = { id: services.random.hex(24), type, resourceType, payload, createdAt: services.nowIso() };
  const body = JSON.stringify(event);
  for (const webhook of recipients) {
    services.webhooks.send({
      url: webhook.url,
      body,
      headers: { 'ComplyCube-Signature': sign(body, webhook.secret) },
      event: type,
      maxAttempts: MAX_ATTEMPTS,
      // ComplyCube disables an endpoint whose retries are exhausted.
      onGivenUp: () => disable(services, webhook.id),
    });
  }
}

function disable(services: VendorServices, id: string): void {
  const webhooks = collections(services.partition).webhooks;
  const current = webhooks.get(id);
  if (!current?.enabled) return;
  webhooks.put({ ...current, enabled: false, updatedAt: services.nowIso() });
}

/** The payload of a resource's event: its id, its client's, and its timestamps. */
export function payloadOf(record: { id: string; clientId?: string; createdAt: string; updatedAt: string }): Record<string, unknown> {
  const { id, clientId, createdAt, updatedAt } = record;
  return clientId === undefined ? { id, createdAt, updatedAt } : { id, clientId, createdAt, updatedAt };
}
