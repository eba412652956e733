import type { LookupFunction } from 'node:net';
import type { Logger } from '../logging/logger.js';
import { boundedPost, type PostOutcome } from './bounded-post.js';
import type { DeliveryAttempt, DeliveryRecord, WebhookDelivery, WebhookSender } from './delivery-record.js';
import { redactUrl, refusingLookup, webhookTargetProblem, type Resolver } from './webhook-target.js';

export type { DeliveryAttempt, DeliveryRecord } from './delivery-record.js';

export interface WebhookDispatcherOptions {
  /** Delay before the first retry; each further retry waits twice as long. */
  retryBaseMs: number;
  /** Bounds a whole attempt: connecting, sending and the answer. */
  timeoutMs: number;
  /** How host names are resolved (the system's resolver by default); tests stand in for a DNS server with it. */
  resolve?: Resolver;
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
  /** What each delivery keeps out of the log: the URL it really goes to (shown redacted) and the vendor's terms. */
  readonly #terms = new WeakMap<DeliveryRecord, { target: string; successStatuses?: number[]; timeoutMs: number }>();
  readonly #lookup: LookupFunction;
  #sequence = 0;
  #stopped = false;

  constructor(
    private readonly options: WebhookDispatcherOptions,
    private readonly logger: Logger,
    /** Whether a partition still exists: a reset tenant's callbacks must not write into data that is gone. */
    private readonly partitionExists: (partitionId: string) => boolean = () => true,
  ) {
    this.#lookup = refusingLookup(options.resolve);
  }

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
      url: redactUrl(delivery.url),
      headers: { 'content-type': 'application/json', ...delivery.headers },
      body,
      state: 'pending',
      attempts: [],
      maxAttempts: delivery.maxAttempts ?? 4,
    };
    this.#terms.set(record, {
      target: delivery.url,
      successStatuses: delivery.successStatuses,
      timeoutMs: delivery.timeoutMs ?? this.options.timeoutMs,
    });
    this.#log.push(record);
    if (delivery.onGivenUp) this.#onGivenUp.set(record.id, delivery.onGivenUp);
    if (this.#log.length > (this.options.keep ?? 1000)) this.#onGivenUp.delete(this.#log.shift()!.id);
    this.#attempt(record);
  }

  #attempt(record: DeliveryRecord): void {
    if (this.#stopped) return;
    const { target, successStatuses, timeoutMs } = this.#terms.get(record)!;
    // Checked at every attempt, redeliveries included: a target can come from a setting or an older --db.
    const problem = webhookTargetProblem(target);
    if (problem) {
      this.#refuse(record, `the URL ${problem}`);
      return;
    }
    const started = Date.now();
    const attempt = boundedPost(new URL(target), record, { timeoutMs, lookup: this.#lookup })
      // A request Node refuses to build (a header value with a line break, say) is a failed attempt too.
      .catch((error: Error): PostOutcome => ({ error: error.message }))
      .then((outcome) => {
        const { status } = outcome;
        const ok =
          outcome.error === undefined &&
          status !== undefined &&
          (successStatuses ? successStatuses.includes(status) : status >= 200 && status < 300);
        if (!ok) this.logger.debug({ delivery: record.id, url: record.url, event: record.event, ...outcome }, 'webhook attempt failed');
        this.#settle(record, attemptOf(started, outcome), ok);
      });
    this.#inFlight.add(attempt);
    void attempt.finally(() => this.#inFlight.delete(attempt));
  }

  /** A target no attempt can reach fails for good at once: retrying it could only fail again. */
  #refuse(record: DeliveryRecord, reason: string): void {
    record.attempts.push({ at: new Date().toISOString(), error: reason, durationMs: 0 });
    record.state = 'failed';
    this.logger.warn({ delivery: record.id, url: record.url, event: record.event, reason }, 'webhook not sent');
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

function attemptOf(started: number, outcome: PostOutcome): DeliveryAttempt {
  return {
    at: new Date(started).toISOString(),
    ...(outcome.status !== undefined && { status: outcome.status }),
    ...(outcome.error !== undefined && { error: outcome.error }),
    durationMs: Date.now() - started,
  };
}
