import { defineTask, type OperationContext, type VendorServices } from '../contract.js';
import { valueAtPath } from '../kit.js';
import { validationFailed } from './errors.js';
import { clientsOf, publicClient, timestamp, type CryptoMateClient } from './model.js';
import type { components } from './generated/openapi.js';

/** The documented default for `cryptomate.webhookKey` when the integrator sets none. */
const DEFAULT_WEBHOOK_KEY = 'sandbox-webhook-key';

const SCREENING_FAILED =
  'Client registration could not be completed due to compliance requirements. Please contact support for more information.';
const SCREENING_REVIEW =
  'Client requires manual screening review. The account creation is temporarily on hold pending compliance team verification. You will be notified once the review is complete and your account is activated.';

/**
 * The sandbox's magic word for a client: an individual's last name, or the first word of a
 * business's legal name, in lower case.
 */
function magicWord(client: Record<string, unknown>): string {
  const name = client.type === 'business' ? String(client.business_legal_name ?? '').trim().split(/\s+/)[0] : client.last_name;
  return String(name ?? '').trim().toLowerCase();
}

/**
 * The screening CryptoMate runs while creating a client, refused with its documented 412s:
 * `Blocked` fails it, `Review` holds it, and an email starting `bridge-error@` fails the Bridge call.
 */
export function screenAtCreation(client: Record<string, unknown>): void {
  const word = magicWord(client);
  if (word === 'blocked') throw validationFailed(SCREENING_FAILED);
  if (word === 'review') throw validationFailed(SCREENING_REVIEW);
  if (String(client.email ?? '').toLowerCase().startsWith('bridge-error@')) {
    const kind = client.type === 'business' ? 'Bridge business customer' : 'Bridge customer';
    throw validationFailed(`Error creating ${kind}: The customer could not be created at Bridge`);
  }
}

export function scheduleScreening(context: OperationContext, client: CryptoMateClient): void {
  completeScreening.schedule(context, context.pendingWorkDelayMs, { client_id: client.id });
}

/** A stored payload of the screening task: the client screened. */
function screeningPayload(stored: unknown): { client_id: string } | undefined {
  const clientId = valueAtPath(stored, 'client_id');
  return typeof clientId === 'string' ? { client_id: clientId } : undefined;
}

/** A pending client becomes ACTIVE, or REJECTED when named `Sanctioned`; the company hears of it by webhook. */
export const completeScreening = defineTask('complete_screening', screeningPayload, (context, { client_id: clientId }) => {
  const clients = clientsOf(context);
  const client = clients.get(clientId);
  if (!client || client.status !== 'PENDING') return;
  const rejected = magicWord(client) === 'sanctioned';
  const next: CryptoMateClient = {
    ...client,
    status: rejected ? 'REJECTED' : 'ACTIVE',
    updated_at: timestamp(context.now()),
  };
  if (rejected) {
    next.rejection_code = 'REJECTED_BY_PROVIDER';
    next.rejection_description = 'Sanctions match';
  }
  clients.put(next);
  notifyStatus(context, next);
});

function notifyStatus(context: VendorServices, client: CryptoMateClient): void {
  const url = context.settings.webhookUrl;
  if (typeof url !== 'string' || url === '') return;
  const key = typeof context.settings.webhookKey === 'string' ? context.settings.webhookKey : DEFAULT_WEBHOOK_KEY;
  // The webhook's documented example writes the status in lower case and its times in UTC with a `Z`,
  // unlike the API's answers.
  const event: components['schemas']['ClientStatusEvent'] = {
    product: 'company_activity',
    event_type: 'client_status',
    operation_id: client.id,
    status: client.status === 'REJECTED' ? 'failed' : 'success',
    data: {
      ...publicClient(client),
      status: client.status === 'REJECTED' ? 'rejected' : 'active',
      created_at: `${client.created_at}Z`,
      updated_at: `${client.updated_at}Z`,
    },
  };
  context.webhooks.send({
    url,
    event: 'client_status',
    // CryptoMate retries ordinary events up to 10 times, counts only a 200 as delivered and waits 30 s for it (integration/webhooks.mdx).
    maxAttempts: 10,
    successStatuses: [200],
    timeoutMs: 30_000,
    headers: {
      'X-Webhook-Key': key,
      'X-Request-Timestamp': String(context.now().getTime()),
      'X-Trace-Id': context.requestId(),
    },
    body: event,
  });
}
