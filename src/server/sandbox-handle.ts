import type { LoadedSpec } from '../spec/load-spec.js';
import type { Fault, FaultSpec } from '../simulation/faults.js';
import type { JournalEntry, JournalFilter } from '../simulation/journal.js';
import type { DeliveryRecord } from '../webhooks/delivery-record.js';
import type { DriftReport } from '../drift/report.js';

// The types a program that starts a sandbox sees. They name nothing of the libraries inside it, so
// that the package's declarations hold with only its one dependency installed.

export interface ServedVendor {
  vendor: { name: string; title: string };
  spec: LoadedSpec;
}

type LogMethod = (details: object, message?: string) => void;

/** The sandbox's logger (pino, writing to stderr), as far as a program may use it. */
export interface SandboxLogger {
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
}

export interface Sandbox {
  /** `http://HOST:PORT`, with the real port when started on port 0. */
  url: string;
  port: number;
  host: string;
  /** The vendors served, each with its document. */
  vendors: ServedVendor[];
  /** Every document served, the control API's (`openapi/sandbox.yaml`) included. */
  specs: LoadedSpec[];
  logger: SandboxLogger;
  /**
   * The hosts it answers for as a proxy (`HTTPS_PROXY=<url>`, `CONNECT`) and that `kyc-sandbox/register`
   * sends to it: the vendors' documented API hosts and `proxyHosts`.
   */
  proxyHosts: string[];
  /** The path of its certificate authority's certificate (`ca.pem`), made on first use, for clients to trust. */
  caCertificatePath(): Promise<string>;
  /**
   * Drops one key's data (every tenant it was used for), or with no key everything; it is seeded
   * afresh on next use. A key is a whole credential: an API key, a bearer token, or SEND's `id:secret`.
   */
  reset(key?: string): number;
  /** A copy of one key's data (every tenant it was used for), or of all data, by partition and collection. */
  inspect(key?: string): Record<string, Record<string, Record<string, unknown>>>;
  /** The request journal, with secrets redacted; `key` finds the requests sent with that credential. */
  requests(filter?: Omit<JournalFilter, 'credentialHash'> & { key?: string }): Omit<JournalEntry, 'credentialHashes'>[];
  /** Makes the next matching requests fail (a status, a delay, a dropped connection or a truncated body). */
  fault(spec: FaultSpec): Fault;
  clearFaults(): void;
  /** Runs every pending vendor task (checks, verifications) now; returns how many ran. */
  completePendingTasks(): number;
  /** Moves the sandbox clock forward, running the tasks that come due; a RangeError past 3650 days ahead in all. */
  advanceClock(ms: number): number;
  /** Webhooks sent so far, with their attempts. */
  webhookDeliveries(filter?: { vendor?: string }): DeliveryRecord[];
  /** The drift check's report so far (`upstreams`): per operation and status, the exchanges and their differences. */
  driftReport(): DriftReport;
  /** The same report as Markdown. */
  driftMarkdown(): string;
  /** Stops listening, closes connections and writes `--db` to disk. */
  stop(): Promise<void>;
}

