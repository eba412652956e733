export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
}

/** A webhook as the sandbox shows it to tests: what was sent, where (redacted), and every attempt. */
export interface DeliveryRecord {
  id: string;
  vendor: string;
  partitionId: string;
  event: string;
  /** Where it goes, with credentials and query redacted; the real URL is kept apart, for sending. */
  url: string;
  headers: Record<string, string>;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  maxAttempts: number;
}

/** A webhook a vendor asks the sandbox to send. */
export interface WebhookDelivery {
  /** http or https only. */
  url: string;
  /** Sent as it is when a string (so a signature over it holds), else as compact JSON. */
  body: unknown;
  headers?: Record<string, string>;
  /** The event's name, for the deliveries log. */
  event: string;
  /** Attempts in all, the first included (default 4). */
  maxAttempts?: number;
  /** The answers that count as delivered, for a vendor that documents them; any 2xx when absent. */
  successStatuses?: number[];
  /** How long one attempt may take in all, for a vendor that documents it; `webhookTimeoutMs` when absent. */
  timeoutMs?: number;
  /** Called once the last attempt has failed (while the tenant's data still exists): to disable the endpoint, say. */
  onGivenUp?: () => void;
}

export interface WebhookSender {
  send(delivery: WebhookDelivery): void;
}
