import { appendFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { Logger } from '../logging/logger.js';
import type { LoadedSpec, OperationSpec } from '../spec/load-spec.js';
import type { Credentials, VendorModule, VendorResponse } from '../vendors/contract.js';
import { compareRefusals, DocumentComparer, errorFields, type Difference, type ErrorKeys } from './compare.js';
import { redactHeaders, redactQuery, redactShape, scrubText } from './redact.js';
import { buildReport, RECORDING_FORMAT, renderMarkdown, summaryLine, type DriftExchange, type DriftReport } from './report.js';
import { parseUpstream, type Upstream } from '../config/upstream-option.js';
import { decodedBody, readRawBody, sendUpstream } from './upstream.js';

/** What the forwarding step knows of a request: no more than the drift check needs. */
export interface ForwardedRequest {
  req: IncomingMessage & { body?: unknown };
  vendor: VendorModule;
  /** Absent for a path under the vendor's base path that no operation documents. */
  operation?: OperationSpec;
  /** The credentials the request carries (the first satisfied security alternative). */
  credentials?: Credentials;
  search: string;
  bodyLimitBytes: number;
}

/**
 * The sandbox's own answer to a request, computed in a scratch tenant that is dropped after: given a
 * copy of the request whose body can be read again.
 */
export type SandboxAnswer = (copy: IncomingMessage & { body?: unknown }) => Promise<VendorResponse | undefined>;

export interface DriftSettings {
  /** Vendor name → upstream URL. */
  upstreams: Record<string, string>;
  allowHttpUpstream: boolean;
  /** Written on stop: `FILE.json` and `FILE.md` (a `.json` or `.md` ending is dropped first). */
  reportFile?: string;
  /** The redacted exchanges, one JSON line each, for a bug report; `kyc-sandbox drift FILE` renders it. */
  recordFile?: string;
}

const UPSTREAM_TIMEOUT_MS = 30_000;
const MAX_UPSTREAM_BYTES = 50 * 1024 * 1024;
/** Exchanges kept for the report; past it, the oldest go (their differences stay counted in the recording). */
const MAX_EXCHANGES = 10_000;

/**
 * The drift check: a vendor with an upstream has its requests forwarded there, its answers returned
 * unchanged, and each exchange compared with the vendor's document (and, for a refusal, with the
 * sandbox's own answer). Keeps the redacted exchanges for the report and, when asked, a recording.
 */
export class DriftMonitor {
  readonly #upstreams = new Map<string, Upstream>();
  readonly #specs: Map<string, LoadedSpec>;
  /** Made for the first answer compared: a sandbox without an upstream never needs it. */
  #comparer: DocumentComparer | undefined;
  readonly #errorKeys = new Map<string, ErrorKeys>();
  readonly #credentialHeaders = new Map<string, Set<string>>();
  readonly #exchanges: DriftExchange[] = [];
  #upstreamFailures = 0;

  constructor(
    readonly settings: DriftSettings,
    specs: LoadedSpec[],
    private readonly logger: Logger,
  ) {
    this.#specs = new Map(specs.map((spec) => [spec.vendor, spec]));
    for (const [vendor, url] of Object.entries(settings.upstreams)) {
      const spec = this.#specs.get(vendor);
      if (!spec || vendor === 'sandbox') {
        const served = specs.map((candidate) => candidate.vendor).filter((name) => name !== 'sandbox');
        throw new Error(`upstream for '${vendor}', which is not a vendor served; the vendors are ${served.join(', ')}`);
      }
      this.#upstreams.set(vendor, parseUpstream(vendor, url, settings.allowHttpUpstream));
      const headers = new Set<string>(['authorization', 'cookie']);
      for (const scheme of Object.values(spec.securitySchemes)) if (scheme.type === 'apiKey') headers.add(scheme.name.toLowerCase());
      this.#credentialHeaders.set(vendor, headers);
    }
    if (settings.recordFile) {
      writeFileSync(settings.recordFile, `${JSON.stringify({ format: RECORDING_FORMAT, version: 1, upstreams: this.#origins() })}\n`, { mode: 0o600 });
    }
  }

  /** Whether this vendor's requests go to an upstream. */
  forwards(vendor: string): boolean {
    return this.#upstreams.has(vendor);
  }

  get active(): boolean {
    return this.#upstreams.size > 0;
  }

  /**
   * Sends the request to the vendor's upstream and answers with the upstream's answer, unchanged but
   * for hop-by-hop headers; compares it first. An upstream that cannot be reached is the vendor's 502.
   */
  async forward(request: ForwardedRequest, sandboxAnswer: SandboxAnswer | undefined): Promise<VendorResponse> {
    const { req, vendor } = request;
    const upstream = this.#upstreams.get(vendor.name)!;
    const body = await readRawBody(req, request.bodyLimitBytes);
    if (body === 'too_large') return vendor.errorResponse({ kind: 'payload_too_large', limitBytes: request.bodyLimitBytes });
    req.body = parseJson(body).value;
    const pathAndQuery = req.url!.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
    let answer;
    try {
      answer = await sendUpstream(
        upstream,
        { method: req.method!, pathAndQuery, headers: req.headers, body },
        { timeoutMs: UPSTREAM_TIMEOUT_MS, maxBytes: MAX_UPSTREAM_BYTES },
      );
    } catch (error) {
      this.#upstreamFailures++;
      if (this.settings.recordFile) this.#appendRecording({ upstreamFailure: true, vendor: vendor.name, operationId: request.operation?.operationId });
      this.logger.warn({ vendor: vendor.name, upstream: upstream.origin, operationId: request.operation?.operationId, error: (error as Error).message }, 'the upstream could not be reached');
      const failed = vendor.errorResponse({ kind: 'simulated', status: 502 });
      return { ...failed, status: 502 };
    }
    try {
      await this.#check(request, body, answer, sandboxAnswer);
    } catch (error) {
      this.logger.error({ err: error, vendor: vendor.name, operationId: request.operation?.operationId }, 'the drift check failed');
    }
    return { status: answer.status, headers: answer.headers as Record<string, string>, body: answer.body.length > 0 ? answer.body : undefined };
  }

  async #check(
    request: ForwardedRequest,
    requestBody: Buffer,
    answer: Awaited<ReturnType<typeof sendUpstream>>,
    sandboxAnswer: SandboxAnswer | undefined,
  ): Promise<void> {
    const { req, vendor, operation } = request;
    const spec = this.#specs.get(vendor.name)!;
    const secrets = Object.values(request.credentials ?? {});
    const text = decodedBody(answer);
    const parsed = parseJson(text);
    const differences: Difference[] = this.#comparing().compare(spec, operation, {
      method: req.method!,
      status: answer.status,
      headers: answer.headers,
      body: parsed.value,
      notJson: parsed.notJson,
    });
    let sandbox: DriftExchange['sandbox'];
    if (answer.status >= 400 && answer.status < 500) {
      const keys = this.#errorKeysOf(spec);
      const ours = operation && sandboxAnswer
        ? await sandboxAnswer(copyOf(req, requestBody))
        : vendor.errorResponse({ kind: 'route_not_found', method: req.method!, path: req.url!.split('?')[0]! });
      if (ours) {
        const fields = errorFields(ours.body, keys);
        sandbox = { status: ours.status, type: scrub(fields.type, secrets), message: scrub(fields.message, secrets) };
        differences.push(...compareRefusals({ status: answer.status, body: parsed.value }, { status: ours.status, body: ours.body }, keys, secrets));
      }
    }
    const credentialHeaders = this.#credentialHeaders.get(vendor.name)!;
    const exchange: DriftExchange = {
      at: new Date().toISOString(),
      vendor: vendor.name,
      operationId: operation?.operationId,
      method: req.method!,
      path: operation?.path ?? `${spec.basePath}/…`,
      status: answer.status,
      request: { query: redactQuery(request.search), headers: redactHeaders(req.headers, credentialHeaders), body: redactShape(req.body) },
      response: { headers: redactHeaders(answer.headers, credentialHeaders), body: parsed.notJson ? `<bytes:${text.length}>` : redactShape(parsed.value) },
      sandbox,
      differences,
    };
    this.#exchanges.push(exchange);
    if (this.#exchanges.length > MAX_EXCHANGES) this.#exchanges.shift();
    if (this.settings.recordFile) this.#appendRecording(exchange);
  }

  #comparing(): DocumentComparer {
    return (this.#comparer ??= new DocumentComparer([...this.#specs.values()]));
  }

  #errorKeysOf(spec: LoadedSpec): ErrorKeys {
    let keys = this.#errorKeys.get(spec.vendor);
    if (!keys) this.#errorKeys.set(spec.vendor, (keys = this.#comparing().errorKeys(spec)));
    return keys;
  }

  #appendRecording(line: unknown): void {
    try {
      appendFileSync(this.settings.recordFile!, `${JSON.stringify(line)}\n`);
    } catch (error) {
      this.logger.error({ file: this.settings.recordFile, error: (error as Error).message }, 'the drift recording could not be written');
    }
  }

  #origins(): Record<string, string> {
    return Object.fromEntries([...this.#upstreams].map(([vendor, upstream]) => [vendor, upstream.origin + upstream.pathPrefix]));
  }

  report(): DriftReport {
    return buildReport(this.#origins(), this.#exchanges, this.#upstreamFailures);
  }

  markdown(): string {
    return renderMarkdown(this.report());
  }

  /** On stop: the report's files when asked for, and the summary line. */
  finish(): void {
    if (!this.active) return;
    const report = this.report();
    if (this.settings.reportFile) {
      const base = this.settings.reportFile.replace(/\.(json|md)$/i, '');
      try {
        writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
        writeFileSync(`${base}.md`, renderMarkdown(report));
      } catch (error) {
        this.logger.error({ file: base, error: (error as Error).message }, 'the drift report could not be written');
      }
    }
    this.logger.info({ exchanges: report.exchanges, exchangesWithDrift: report.exchangesWithDrift }, summaryLine(report));
  }
}

function scrub(value: unknown, secrets: string[]): unknown {
  return typeof value === 'string' ? scrubText(value, secrets) : value;
}

/** A body as JSON; a non-empty body that does not parse is `notJson`, whatever its content type claims. */
function parseJson(bytes: Buffer): { value: unknown; notJson?: boolean } {
  if (bytes.length === 0) return { value: undefined };
  const text = bytes.toString('utf8');
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { value: undefined, notJson: true };
  }
}

/** A copy of the request whose body can be read again, for the sandbox's own answer. */
function copyOf(req: IncomingMessage, body: Buffer): IncomingMessage & { body?: unknown } {
  const copy = Readable.from(body.length > 0 ? [body] : []) as unknown as IncomingMessage;
  const headers = { ...req.headers };
  delete headers['transfer-encoding'];
  if (body.length > 0) headers['content-length'] = String(body.length);
  else delete headers['content-length'];
  return Object.assign(copy, { headers, method: req.method, url: req.url, socket: req.socket, httpVersion: req.httpVersion });
}
