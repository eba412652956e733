import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { startSandbox, type Sandbox } from '../../src/server/start-sandbox.js';
import { launch, type TestSandbox } from '../helpers/sandbox.js';
import { JANE_DOE_ID, newPerson } from '../helpers/complycube.js';
import { reportFromRecording, renderMarkdown } from '../../src/drift/report.js';

const API_KEY = 'test_drift_SECRET_a1b2c3d4e5';

/**
 * A local stand-in for ComplyCube's real API: it answers as a plain sandbox does (so everything is
 * faithful), except where the request's `X-Plant` header asks for one planted difference.
 */
async function imitationComplyCube() {
  const faithful = await startSandbox({ port: 0, rateLimit: 0 });
  const seen: { method: string; url: string; host: string; authorization?: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    seen.push({ method: req.method!, url: req.url!, host: req.headers.host!, authorization: req.headers.authorization });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string' && name !== 'host') headers[name] = value;
    const answer = await fetch(faithful.url + req.url, { method: req.method, headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined });
    let status = answer.status;
    const text = await answer.text();
    let body: any = text ? JSON.parse(text) : undefined;
    switch (req.headers['x-plant']) {
      case 'extra-field':
        body.riskScore = 17;
        break;
      case 'missing-field':
        delete body.updatedAt;
        break;
      case 'undocumented-status':
        status = 202;
        break;
      case 'error-body':
        body = { ...body, code: 404 };
        break;
      case 'unknown-enum':
        body.overall = 'extreme';
        break;
      case 'error-message':
        body = { ...body, message: 'Validation failed' };
        break;
    }
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
    res.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await faithful.stop();
    },
  };
}

/** A vendor request through the drift sandbox, as raw fetch: its answers are the upstream's, so no document check here. */
async function call(sandbox: { url: string }, method: string, path: string, options: { plant?: string; json?: unknown; key?: string | null } = {}) {
  const headers: Record<string, string> = {};
  if (options.key !== null) headers.authorization = options.key ?? API_KEY;
  if (options.plant) headers['x-plant'] = options.plant;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(sandbox.url + path, { method, headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
  const text = await response.text();
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

const flat = (report: { operations: { operationId: string | null; status: number; differences: { kind: string; where: string }[] }[] }) =>
  report.operations.flatMap((operation) => operation.differences.map(({ kind, where }) => `${operation.operationId} ${operation.status} ${kind} ${where}`.trim()));

describe('the drift check against an imitation of ComplyCube with planted differences', () => {
  let upstream: Awaited<ReturnType<typeof imitationComplyCube>>;
  let sandbox: TestSandbox;
  const folder = mkdtempSync(join(tmpdir(), 'drift-'));
  const record = join(folder, 'exchanges.jsonl');
  const reportBase = join(folder, 'drift');

  beforeAll(async () => {
    upstream = await imitationComplyCube();
    sandbox = await launch({
      upstreams: { complycube: upstream.url },
      allowHttpUpstream: true,
      driftRecord: record,
      driftReport: reportBase,
    });
  });
  afterAll(() => upstream.stop());

  it('returns the upstream answers unchanged, and reports exactly the planted differences', async () => {
    // Faithful exchanges: a success and a refusal, which the sandbox answers alike.
    const jane = await call(sandbox, 'GET', `/v1/clients/${JANE_DOE_ID}`);
    expect(jane.status).toBe(200);
    expect((await call(sandbox, 'DELETE', '/v1/clients/5eb04fcd0f3e3600080300ff')).status).toBe(404);
    expect((await call(sandbox, 'GET', '/v1/clients?pageSize=2')).status).toBe(200);

    const extra = await call(sandbox, 'GET', `/v1/clients/${JANE_DOE_ID}`, { plant: 'extra-field' });
    expect(extra.body.riskScore).toBe(17);
    const missing = await call(sandbox, 'POST', '/v1/clients', { plant: 'missing-field', json: newPerson() });
    expect(missing.status).toBe(200);
    expect(missing.body.updatedAt).toBeUndefined();
    expect((await call(sandbox, 'POST', `/v1/clients/${JANE_DOE_ID}`, { plant: 'undocumented-status', json: { email: 'jane.doe@example.com' } })).status).toBe(202);
    const notFound = await call(sandbox, 'GET', '/v1/clients/5eb04fcd0f3e3600080300aa', { plant: 'error-body' });
    expect(notFound.body.code).toBe(404);
    expect((await call(sandbox, 'GET', `/v1/clients/${JANE_DOE_ID}/riskProfile`, { plant: 'unknown-enum' })).status).toBeLessThan(500);
    const refused = await call(sandbox, 'POST', '/v1/clients', { plant: 'error-message', json: { type: 'person' } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe('Validation failed');

    const report = (await sandbox.request('GET', '/__sandbox/drift')).body;
    expect(flat(report).sort()).toEqual(
      [
        'getClient 200 extra_field riskScore',
        'createClient 200 missing_field updatedAt',
        'updateClient 202 undocumented_status',
        'getClient 404 error_body',
        'getRiskProfile 200 unknown_enum overall',
        'createClient 400 error_message message',
      ].sort(),
    );
    expect(report.exchanges).toBe(9);
    const errorBody = report.operations.find((operation: { operationId: string; status: number }) => operation.operationId === 'getClient' && operation.status === 404);
    expect(errorBody.differences[0].message).toContain('extra field code');
    const message = report.operations.find((operation: { operationId: string; status: number }) => operation.operationId === 'createClient' && operation.status === 400);
    expect(message.differences[0].example.upstream).toBe('Validation failed');
    const markdown = (await sandbox.request('GET', '/__sandbox/drift?format=markdown')).text;
    expect(markdown).toContain('## complycube getClient: GET /v1/clients/{id} → 200');
    expect(markdown).toContain('`riskScore`');
  });

  it('sends every request to the upstream origin only, the undocumented paths too, with the credentials', async () => {
    const before = upstream.seen.length;
    const unknown = await call(sandbox, 'GET', '/v1/nothing-documented?x=1');
    expect(unknown.status).toBe(404);
    const sent = upstream.seen.slice(before);
    expect(sent).toEqual([{ method: 'GET', url: '/v1/nothing-documented?x=1', host: new URL(upstream.url).host, authorization: API_KEY }]);
    // An absolute-form target naming another host is refused by the proxy, never dialled.
    const other = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(sandbox.url, { method: 'GET', path: 'http://evil.example/v1/clients', headers: { authorization: API_KEY } }, (res: IncomingMessage) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.once('error', reject);
      req.end();
    });
    expect(other).toBe(403);
    expect(upstream.seen.length).toBe(before + 1);
  });

  it('keeps faults and Prefer the sandbox’s own: not forwarded', async () => {
    const before = upstream.seen.length;
    const response = await fetch(`${sandbox.url}/v1/clients`, { headers: { authorization: API_KEY, prefer: 'code=500' } });
    expect(response.status).toBe(500);
    expect(upstream.seen.length).toBe(before);
  });

  it('leaves the caller’s data alone and never shows the credential or personal data: report, Markdown, files, recording', async () => {
    expect(sandbox.sandbox.inspect(API_KEY)).toEqual({});
    const json = JSON.stringify(sandbox.sandbox.driftReport());
    const markdown = sandbox.sandbox.driftMarkdown();
    await sandbox.stop();
    const recording = readFileSync(record, 'utf8');
    const written = readFileSync(`${reportBase}.json`, 'utf8') + readFileSync(`${reportBase}.md`, 'utf8');
    for (const output of [json, markdown, recording, written]) {
      expect(output).not.toContain(API_KEY);
      expect(output).not.toContain('jane.doe@example.com');
    }
    expect(recording.split('\n')[1]).toContain('"authorization":"[redacted]"');
    // The recording renders to the same report.
    expect(flat(reportFromRecording(recording)).sort()).toEqual(flat(JSON.parse(readFileSync(`${reportBase}.json`, 'utf8'))).sort());
    expect(renderMarkdown(reportFromRecording(recording))).toContain('# Drift report');
  });
});

describe('the drift check against the sandbox itself', () => {
  it('reports no drift', async () => {
    const real = await startSandbox({ port: 0, rateLimit: 0 });
    const sandbox: Sandbox = await startSandbox({ port: 0, rateLimit: 0, upstreams: { complycube: real.url }, allowHttpUpstream: true });
    try {
      await call(sandbox, 'GET', `/v1/clients/${JANE_DOE_ID}`);
      await call(sandbox, 'GET', '/v1/clients?pageSize=3&page=1');
      const created = await call(sandbox, 'POST', '/v1/clients', { json: newPerson() });
      expect(created.status).toBe(200);
      await call(sandbox, 'POST', `/v1/clients/${created.body.id}`, { json: { email: 'new@example.com' } });
      await call(sandbox, 'GET', `/v1/clients/${JANE_DOE_ID}/riskProfile`);
      await call(sandbox, 'POST', '/v1/clients', { json: { type: 'person' } });
      await call(sandbox, 'POST', '/v1/clients', { json: { type: 'alien', email: 'x' } });
      await call(sandbox, 'GET', '/v1/clients/5eb04fcd0f3e3600080300ff');
      await call(sandbox, 'DELETE', `/v1/clients/${created.body.id}`);
      await call(sandbox, 'GET', '/v1/clients', { key: null });
      await call(sandbox, 'GET', '/v1/nowhere');
      const report = sandbox.driftReport();
      expect(flat(report)).toEqual([]);
      expect(report.exchanges).toBe(11);
    } finally {
      await sandbox.stop();
      await real.stop();
    }
  });
});

describe('the drift check’s safety', () => {
  it('refuses a plain http upstream unless told', async () => {
    await expect(startSandbox({ port: 0, upstreams: { complycube: 'http://127.0.0.1:9' } })).rejects.toThrow(/not https.*--allow-http-upstream/);
    await expect(startSandbox({ port: 0, upstreams: { complycube: 'https://user:pw@api.example' } })).rejects.toThrow(/credentials/);
    await expect(startSandbox({ port: 0, upstreams: { nobody: 'https://api.example' } })).rejects.toThrow(/not a vendor served/);
  });

  it('answers 502 when the upstream cannot be reached, and counts it', async () => {
    const sandbox = await startSandbox({ port: 0, upstreams: { complycube: 'http://127.0.0.1:9' }, allowHttpUpstream: true });
    try {
      const response = await call(sandbox, 'GET', '/v1/clients');
      expect(response.status).toBe(502);
      expect(sandbox.driftReport().upstreamFailures).toBe(1);
    } finally {
      await sandbox.stop();
    }
  });
});
