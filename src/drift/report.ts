import type { Difference, DifferenceKind } from './compare.js';

/** One exchange with an upstream, redacted: what a recording holds a line of and a report is made from. */
export interface DriftExchange {
  at: string;
  vendor: string;
  /** Absent for a path under the vendor's base path that no operation documents. */
  operationId?: string;
  method: string;
  /** The document's path template (`/v1/clients/{id}`), never the path with its values. */
  path: string;
  status: number;
  request: { query: Record<string, unknown>; headers: Record<string, string>; body: unknown };
  response: { headers: Record<string, string>; body: unknown };
  /** The sandbox's own answer to the same request, for one the vendor refused (4xx). */
  sandbox?: { status: number; type?: unknown; message?: unknown };
  differences: Difference[];
}

export interface DriftReport {
  /** Vendor → the upstream's origin. */
  upstreams: Record<string, string>;
  exchanges: number;
  /** Exchanges with at least one difference. */
  exchangesWithDrift: number;
  /** Requests the upstream could not be reached for (answered 502, not compared). */
  upstreamFailures: number;
  operations: DriftOperation[];
}

export interface DriftOperation {
  vendor: string;
  operationId: string | null;
  method: string;
  path: string;
  status: number;
  exchanges: number;
  differences: (Difference & { count: number })[];
}

export const RECORDING_FORMAT = 'kyc-sandbox drift recording';

/** The exchanges by vendor, operation and status, each difference once with how often it was seen and its first example. */
export function buildReport(upstreams: Record<string, string>, exchanges: DriftExchange[], upstreamFailures = 0): DriftReport {
  const operations = new Map<string, DriftOperation>();
  for (const exchange of exchanges) {
    const key = [exchange.vendor, exchange.operationId ?? '', exchange.method, exchange.path, exchange.status].join('\0');
    let operation = operations.get(key);
    if (!operation) {
      operation = {
        vendor: exchange.vendor,
        operationId: exchange.operationId ?? null,
        method: exchange.method,
        path: exchange.path,
        status: exchange.status,
        exchanges: 0,
        differences: [],
      };
      operations.set(key, operation);
    }
    operation.exchanges++;
    for (const difference of exchange.differences) {
      const seen = operation.differences.find((candidate) => candidate.kind === difference.kind && candidate.where === difference.where);
      if (seen) seen.count++;
      else operation.differences.push({ ...difference, count: 1 });
    }
  }
  const sorted = [...operations.values()].sort(
    (a, b) => a.vendor.localeCompare(b.vendor) || a.path.localeCompare(b.path) || a.method.localeCompare(b.method) || a.status - b.status,
  );
  return {
    upstreams,
    exchanges: exchanges.length,
    exchangesWithDrift: exchanges.filter((exchange) => exchange.differences.length > 0).length,
    upstreamFailures,
    operations: sorted,
  };
}

export function differenceCount(report: DriftReport): number {
  return report.operations.reduce((sum, operation) => sum + operation.differences.length, 0);
}

/** The one line said on stop. */
export function summaryLine(report: DriftReport): string {
  const count = differenceCount(report);
  const drifting = report.operations.filter((operation) => operation.differences.length > 0).length;
  const failures = report.upstreamFailures > 0 ? `; ${report.upstreamFailures} requests could not reach the upstream` : '';
  if (count === 0) return `drift: ${report.exchanges} exchanges with ${Object.keys(report.upstreams).join(', ') || 'no upstream'}, no difference from the documents${failures}`;
  return `drift: ${report.exchanges} exchanges, ${report.exchangesWithDrift} differ; ${count} differences in ${drifting} operation${drifting === 1 ? '' : 's'}${failures}`;
}

const KIND_TITLES: Record<DifferenceKind, string> = {
  undocumented_status: 'undocumented status',
  extra_field: 'field not in the document',
  missing_field: 'required field missing',
  unknown_enum: 'value not in the enum',
  invalid_body: 'body breaks the schema',
  error_body: 'error body differs from the error model',
  missing_header: 'documented header missing',
  sandbox_status: "sandbox's status differs",
  error_type: "sandbox's error type differs",
  error_message: "sandbox's error message differs",
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (value: unknown) => `\`${cell(JSON.stringify(value)).replace(/`/g, "'")}\``;

/** The report as Markdown: a summary, then a section per operation and status that differs, and a table of the faithful ones. */
export function renderMarkdown(report: DriftReport): string {
  const lines = ['# Drift report', '', summaryLine(report), ''];
  const upstreams = Object.entries(report.upstreams);
  if (upstreams.length > 0) {
    lines.push('| vendor | upstream |', '| --- | --- |', ...upstreams.map(([vendor, origin]) => `| ${vendor} | ${cell(origin)} |`), '');
  }
  const label = (operation: DriftOperation) =>
    `${operation.vendor} ${operation.operationId ?? '(no operation)'}: ${operation.method} ${operation.path} → ${operation.status}`;
  for (const operation of report.operations.filter((candidate) => candidate.differences.length > 0)) {
    lines.push(`## ${label(operation)}`, '', `${operation.exchanges} exchange${operation.exchanges === 1 ? '' : 's'}.`, '');
    lines.push('| difference | where | seen | detail | example |', '| --- | --- | --- | --- | --- |');
    for (const difference of operation.differences) {
      lines.push(
        `| ${KIND_TITLES[difference.kind] ?? difference.kind} | ${difference.where ? `\`${cell(difference.where)}\`` : ''} | ${difference.count} | ${cell(difference.message)} | ${difference.example ? code(difference.example) : ''} |`,
      );
    }
    lines.push('');
  }
  const faithful = report.operations.filter((candidate) => candidate.differences.length === 0);
  if (faithful.length > 0) {
    lines.push('## No difference', '', '| operation | exchanges |', '| --- | --- |');
    for (const operation of faithful) lines.push(`| ${cell(label(operation))} | ${operation.exchanges} |`);
    lines.push('');
  }
  return lines.join('\n');
}

/** A report written whole (--drift-report's .json), or undefined when the JSON is no report. */
function parsedReport(text: string): DriftReport | undefined {
  const value = JSON.parse(text) as { operations?: unknown };
  return Array.isArray(value.operations) ? (value as unknown as DriftReport) : undefined;
}

/**
 * A recording's text (a first line naming the format and upstreams, then one exchange a line) as a report;
 * a report's own JSON, indented over many lines or on one, as it is.
 */
export function reportFromRecording(text: string): DriftReport {
  const lines = text.trim().split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) throw new Error('the file is empty');
  // A recording's first line is a whole object; an indented report's is a lone brace.
  const whole = lines.length === 1 || lines[0]!.trim() === '{' ? parsedReport(text) : undefined;
  if (whole) return whole;
  const first = JSON.parse(lines[0]!) as { format?: string; upstreams?: Record<string, string> };
  if (first.format !== RECORDING_FORMAT) throw new Error(`not a drift recording (its first line names no '${RECORDING_FORMAT}')`);
  let failures = 0;
  const exchanges: DriftExchange[] = [];
  for (const line of lines.slice(1)) {
    const entry = JSON.parse(line) as DriftExchange | { upstreamFailure: true };
    if ('upstreamFailure' in entry) failures++;
    else exchanges.push(entry);
  }
  return buildReport(first.upstreams ?? {}, exchanges, failures);
}
