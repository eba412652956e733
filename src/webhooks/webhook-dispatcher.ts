import type { Logger } from '../logging/logger.js';
import type { WebhookDelivery, WebhookSender } from '../vendors/contract.js';

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
}

export interface DeliveryRecord {
  id: string;
  vendor: string;
  partitionId: string;
  event: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: DeliveryAttempt[];
  maxAttempts: number;
}

export interface WebhookDispatcherOptions {
  /** Delay before the first retry; each further retry waits twice as long. */
  retryBaseMs: number;
  timeoutMs: number;
  /** Deliveries kept in the log, oldest dropped first. */
  keep?: number;
}

/**
 * Posts vendors' webhooks off the request path, retries failed ones with exponential back-off and
 * keeps a log of every delivery and attempt, so tests can see what was sent and send it again.
 */
export class WebhookDispatcher {
  readonly #log: DeliveryRecord[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #inFlight = new Set<Promise<void>>();
  /** What to call when a delivery fails for good, by delivery id; kept apart from the log, which is shown. */
  readonly #onGivenUp = new Map<string, () => void>();
  #sequence = 0;
  #stopped = false;

  constructor(
    private readonly options: WebhookDispatcherOptions,
    private readonly logger: Logger,
    /** Whether a partition still exists: a reset tenant's callbacks must not write into data that is gone. */
    private readonly partitionExists: (partitionId: string) => boolean = () => true,
  ) {}

  senderFor(vendor: string, partitionId: string): WebhookSender {
    return { send: (delivery) => this.#start(vendor, partitionId, delivery) };
  }

  deliveries(filter: { partitionId?: string; vendor?: string } = {}): DeliveryRecord[] {
    return this.#log.filter(
      (record) =>
        (filter.partitionId === undefined || record.partitionId === filter.partitionId) &&
        (filter.vendor === undefined || record.vendor === filter.vendor),
    );
  }

  /** Sends a logged delivery once more, whatever its state; undefined when the id is unknown. */
  redeliver(id: string): DeliveryRecord | undefined {
    const record = this.#log.find((candidate) => candidate.id === id);
    if (!record) return undefined;
    record.state = 'pending';
    record.maxAttempts = record.attempts.length + 1;
    this.#attempt(record);
    return record;
  }

  /** Waits for deliveries under way, and cancels retries not yet due. */
  async stop(): Promise<void> {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await Promise.allSettled([...this.#inFlight]);
  }

  #start(vendor: string, partitionId: string, delivery: WebhookDelivery): void {
    const body = typeof delivery.body === 'string' ? delivery.body : JSON.stringify(delivery.body);
    const record: DeliveryRecord = {
      id: `whd_${++this.#sequence}`,
      vendor,
      partitionId,
      event: delivery.event,
      url: delivery.url,
      headers: { 'content-type': 'application/json', ...delivery.headers },
      body,
      state: 'pending',
      attempts: [],
      maxAttempts: delivery.maxAttempts ?? 4,
    };
    this.#log.push(record);
    if (delivery.onGivenUp) this.#onGivenUp.set(record.id, delivery.onGivenUp);
    if (this.#log.length > (this.options.keep ?? 1000)) this.#onGivenUp.delete(this.#log.shift()!.id);
    let protocol = '';
    try {
      protocol = new URL(record.url).protocol;
    } catch {
      // an unparsable URL is refused below like any other non-http target
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      record.state = 'failed';
      record.attempts.push({ at: new Date().toISOString(), error: 'only http and https targets are allowed', durationMs: 0 });
      return;
    }
    this.#attempt(record);
  }

  #attempt(record: DeliveryRecord): void {
    if (this.#stopped) return;
    const started = Date.now();
    const attempt = fetch(record.url, {
      method: 'POST',
      headers: record.headers,
      body: record.body,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    }).then(
      async (response) => {
        await response.arrayBuffer().catch(() => undefined);
        this.#settle(record, { at: new Date(started).toISOString(), status: response.status, durationMs: Date.now() - started }, response.ok);
      },
      (error: Error) => {
        this.#settle(record, { at: new Date(started).toISOString(), error: error.message, durationMs: Date.now() - started }, false);
      },
    );
    this.#inFlight.add(attempt);
    void attempt.finally(() => this.#inFlight.delete(attempt));
  }

  #settle(record: DeliveryRecord, attempt: DeliveryAttempt, ok: boolean): void {
    record.attempts.push(attempt);
    if (ok) {
      record.state = 'delivered';
      this.#onGivenUp.delete(record.id);
      return;
    }
    if (record.attempts.length >= record.maxAttempts || this.#stopped) {
      record.state = 'failed';
      this.logger.warn({ delivery: record.id, url: record.url, event: record.event }, 'webhook delivery failed for good');
      const onGivenUp = this.#onGivenUp.get(record.id);
      this.#onGivenUp.delete(record.id);
      if (onGivenUp && !this.#stopped && this.partitionExists(record.partitionId)) onGivenUp();
      return;
    }
    const delay = this.options.retryBaseMs * 2 ** (record.attempts.length - 1);
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#attempt(record);
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }
}
