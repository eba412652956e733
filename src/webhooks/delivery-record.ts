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
