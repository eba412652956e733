import { createHash, timingSafeEqual } from 'node:crypto';
import { packagePath } from '../config/package-paths.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import type { FaultSpec } from '../simulation/faults.js';
import type { JournalFilter, ListedEntry, RequestJournal } from '../simulation/journal.js';
import {
  VendorError,
  type OperationHandler,
  type Problem,
  type VendorModule,
  type VendorResponse,
} from '../vendors/contract.js';
import type { DeliveryRecord } from '../webhooks/webhook-dispatcher.js';
import type { SandboxProxy } from '../proxy/sandbox-proxy.js';
import type { DriftMonitor } from '../drift/drift-monitor.js';
import { fingerprint, type ControlPlane } from './control-plane.js';
import { docsAsset, docsPage } from './docs-page.js';
import { DASHBOARD_POLICY, dashboardAsset, dashboardPage } from '../dashboard/dashboard-page.js';

export const CONTROL_API_NAME = 'sandbox';

/** The control API's error body, `{error: {code, message, field?}}`, at a status. */
const error = (status: number, code: string, message: string, field?: string): VendorResponse => ({
  status,
  body: { error: field === undefined ? { code, message } : { code, message, field } },
});

export { error as controlError };

function controlProblem(problem: Problem): VendorResponse {
  switch (problem.kind) {
    case 'unauthorized':
      return error(401, 'unauthorized', 'X-Sandbox-Admin-Token is missing or wrong');
    case 'route_not_found':
      return error(404, 'not_found', `No control operation ${problem.method} ${problem.path}`);
    case 'validation':
      return error(400, 'invalid_request', `${problem.failure.field || 'body'}: ${problem.failure.message}`, problem.failure.field || undefined);
    case 'malformed_body':
      return error(400, 'invalid_request', 'The body is not valid JSON');
    case 'body_too_deep':
      return error(400, 'invalid_request', `The body nests arrays and objects deeper than ${problem.maxDepth} levels`);
    case 'payload_too_large':
      return error(413, 'too_large', 'The body is too large');
    case 'rate_limited':
      return error(429, 'rate_limited', 'Too many requests');
    case 'tenant_limit':
      return error(429, 'tenant_limit', `The sandbox holds its maximum of ${problem.maxTenants} tenants`);
    case 'internal':
      return error(500, 'internal', 'The sandbox failed');
    case 'simulated':
      return error(problem.status, 'simulated', `Simulated status ${problem.status}`);
  }
}

const tokenDigest = (token: string) => createHash('sha256').update(token).digest();

/** Compared as digests of one length, so the time taken tells nothing of how much of the token was right, nor its length. */
function sameToken(given: string | undefined, expectedDigest: Buffer): boolean {
  return given !== undefined && timingSafeEqual(tokenDigest(given), expectedDigest);
}

/**
 * The matching entries; when there are none yet, the first ones recorded within `waitMs`, so a page
 * or a test follows the journal without asking again and again. Only a waiting request listens.
 */
function entriesSoon(journal: RequestJournal, filter: JournalFilter, waitMs: number): Promise<ListedEntry[]> | ListedEntry[] {
  const found = journal.list(filter);
  if (found.length > 0 || waitMs === 0) return found;
  return new Promise((resolve) => {
    const finish = (entries: ListedEntry[]) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(entries);
    };
    const unsubscribe = journal.subscribe(() => {
      const recorded = journal.list(filter);
      if (recorded.length > 0) finish(recorded);
    });
    const timer = setTimeout(() => finish([]), waitMs);
    timer.unref();
  });
}

/** A delivery as the API shows it: without the partition, which would name a tenant's hash. */
const publicDelivery = ({ partitionId: _partition, ...delivery }: DeliveryRecord) => delivery;

function describeAuth(spec: LoadedSpec) {
  return Object.entries(spec.securitySchemes).map(([scheme, definition]) =>
    definition.type === 'apiKey'
      ? { scheme, type: 'apiKey', in: definition.in, name: definition.name }
      : { scheme, type: 'http', httpScheme: definition.scheme },
  );
}

function authSummary(spec: LoadedSpec): string {
  return Object.values(spec.securitySchemes)
    .map((scheme) => (scheme.type === 'apiKey' ? `${scheme.name} ${scheme.in}` : `${scheme.scheme} token`))
    .join(' + ');
}

/**
 * The control API, served by the engine like a vendor: `openapi/sandbox.yaml` routes and
 * validates it, so tests reach it over HTTP as they reach the vendors.
 */
export function createControlApi(
  plane: ControlPlane,
  vendorSpecs: () => LoadedSpec[],
  info: { version: string; startedAt: number; adminToken?: string; proxy: () => SandboxProxy; drift: () => DriftMonitor },
): VendorModule {
  const expectedToken = info.adminToken === undefined ? undefined : tokenDigest(info.adminToken);
  const vendorsShown = () => vendorSpecs().filter((spec) => spec.vendor !== CONTROL_API_NAME);
  const { runtime } = plane;

  const handlers: Record<string, OperationHandler> = {
    getHealth: () => ({
      status: 200,
      body: {
        status: 'ok',
        version: info.version,
        uptimeSeconds: (Date.now() - info.startedAt) / 1000,
        vendors: vendorsShown().map((spec) => spec.vendor),
      },
    }),
    listVendors: () => ({
      status: 200,
      body: {
        items: vendorsShown().map((spec) => ({
          name: spec.vendor,
          title: spec.document.info.title,
          basePath: spec.basePath,
          auth: describeAuth(spec),
          document: `/__sandbox/openapi/${spec.vendor}`,
        })),
      },
    }),
    getProxy: async () => ({
      status: 200,
      body: { hosts: [...info.proxy().hosts], caCertificate: await info.proxy().authority.certificatePath() },
    }),
    getDrift: (context) => {
      const accept = String(context.headers.accept ?? '');
      const markdown = context.query.format === 'markdown' || (context.query.format === undefined && /text\/markdown/i.test(accept));
      if (!markdown) return { status: 200, body: info.drift().report() };
      return { status: 200, headers: { 'content-type': 'text/markdown; charset=utf-8' }, body: Buffer.from(info.drift().markdown()) };
    },
    getVendorDocument: (context) => {
      const spec = vendorsShown().find((candidate) => candidate.vendor === context.params.vendor);
      if (!spec) throw new VendorError(error(404, 'not_found', `No vendor '${context.params.vendor}'`));
      // This sandbox comes first among the servers, so the docs page's "Try it out" calls it, not the vendor.
      const servers = [{ url: '/', description: 'this kyc-sandbox' }, ...spec.servers];
      return { status: 200, body: { ...spec.raw, servers } };
    },
    reset: (context) => {
      // Validation has required a body; an empty one must not mean everything, as a forged request sends one.
      const { all, ...scope } = context.body as { key?: string; vendor?: string; all?: true };
      if (all === undefined && scope.key === undefined && scope.vendor === undefined) {
        throw new VendorError(error(400, 'invalid_request', 'Say what to reset: {"key": …}, {"vendor": …} or {"all": true}'));
      }
      if (all !== undefined && (scope.key !== undefined || scope.vendor !== undefined)) {
        throw new VendorError(error(400, 'invalid_request', '"all" resets everything: send it without "key" or "vendor"', 'all'));
      }
      if (scope.vendor !== undefined && !plane.vendorNames.includes(scope.vendor)) {
        throw new VendorError(error(400, 'invalid_request', `No vendor '${scope.vendor}'`, 'vendor'));
      }
      return { status: 200, body: { partitionsReset: plane.reset(scope) } };
    },
    listRequests: async (context) => {
      const { key, keyHash, waitMs, ...filter } = context.query as JournalFilter & { key?: string; keyHash?: string; waitMs?: number };
      if (key !== undefined && keyHash !== undefined) {
        throw new VendorError(error(400, 'invalid_request', 'Send key or keyHash, not both', 'keyHash'));
      }
      const credentialHash = key === undefined ? keyHash : fingerprint(key);
      return { status: 200, body: { items: await entriesSoon(plane.journal, { ...filter, credentialHash }, waitMs ?? 0) } };
    },
    clearRequests: () => {
      plane.journal.clear();
      return { status: 204 };
    },
    createFault: (context) => ({ status: 201, body: plane.faults.add(context.body as FaultSpec) }),
    listFaults: () => ({ status: 200, body: { items: plane.faults.list() } }),
    clearFaults: () => {
      plane.faults.clear();
      return { status: 204 };
    },
    deleteFault: (context) => {
      if (!plane.faults.remove(context.params.id!)) throw new VendorError(error(404, 'not_found', `No fault '${context.params.id}'`));
      return { status: 204 };
    },
    setRateLimit: (context) => {
      // The document's default: validation checks a body, it does not fill one in.
      const { key, limit, windowMs = 1000 } = context.body as { key: string; limit: number; windowMs?: number };
      plane.setRateLimit(key, { limit, windowMs });
      return { status: 200, body: { limit, windowMs } };
    },
    listRateLimits: () => ({ status: 200, body: { items: plane.rateLimitOverrides() } }),
    deleteRateLimit: (context) => {
      if (!plane.removeRateLimit(context.params.keyHash!)) {
        throw new VendorError(error(404, 'not_found', `No rate-limit override for the key of fingerprint '${context.params.keyHash}'`));
      }
      return { status: 204 };
    },
    listTenants: (context) => ({ status: 200, body: { items: plane.tenants(context.query.vendor as string | undefined) } }),
    getTenant: (context) => {
      const { vendor, tenant } = context.params as { vendor: string; tenant: string };
      const collections = plane.tenantRecords(vendor, tenant);
      if (!collections) throw new VendorError(error(404, 'not_found', `No ${vendor} tenant '${tenant}'`));
      return { status: 200, body: { vendor, tenant, collections } };
    },
    clearRateLimits: () => {
      plane.clearRateLimits();
      return { status: 204 };
    },
    completePending: () => ({ status: 200, body: { completed: runtime.scheduler.runAll() } }),
    getClock: () => ({ status: 200, body: { now: runtime.clock.now().toISOString(), offsetMs: runtime.clock.offsetMs } }),
    advanceClock: (context) => {
      try {
        runtime.clock.advance((context.body as { ms: number }).ms);
      } catch (refusal) {
        if (refusal instanceof RangeError) throw new VendorError(error(400, 'invalid_request', `ms: ${refusal.message}`, 'ms'));
        throw refusal;
      }
      const ran = runtime.scheduler.runDue();
      return { status: 200, body: { now: runtime.clock.now().toISOString(), offsetMs: runtime.clock.offsetMs, ran } };
    },
    listWebhookDeliveries: (context) => ({
      status: 200,
      body: { items: runtime.webhooks.deliveries({ vendor: context.query.vendor as string | undefined }).map(publicDelivery) },
    }),
    redeliverWebhook: (context) => {
      const delivery = runtime.webhooks.redeliver(context.params.id!);
      if (!delivery) throw new VendorError(error(404, 'not_found', `No delivery '${context.params.id}'`));
      return { status: 202, body: publicDelivery(delivery) };
    },
    getDocsPage: () => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: Buffer.from(
        docsPage(
          vendorsShown().map((spec) => ({
            name: spec.vendor,
            title: spec.document.info.title,
            basePath: spec.basePath,
            auth: authSummary(spec),
          })),
        ),
      ),
    }),
    getDocsAsset: (context) => {
      const asset = docsAsset(context.params.file!);
      if (!asset) throw new VendorError(error(404, 'not_found', `No asset '${context.params.file}'`));
      return { status: 200, headers: { 'content-type': asset.contentType, 'cache-control': 'max-age=3600' }, body: asset.body };
    },
    getDashboard: () => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': DASHBOARD_POLICY },
      body: dashboardPage(),
    }),
    getDashboardAsset: (context) => {
      const asset = dashboardAsset(context.params.file!);
      if (!asset) throw new VendorError(error(404, 'not_found', `No asset '${context.params.file}'`));
      return { status: 200, headers: { 'content-type': asset.contentType, 'cache-control': 'no-cache' }, body: asset.body };
    },
  };

  return {
    name: CONTROL_API_NAME,
    title: 'kyc-sandbox control API',
    specPath: packagePath('openapi', 'sandbox.yaml'),
    internal: true,
    settings: {},
    handlers,
    authenticate(credentials, request) {
      // An operation its document marks public (`security: []`, the dashboard's page and files) holds no data.
      if (request.operation.security?.length === 0) return { id: CONTROL_API_NAME };
      if (expectedToken !== undefined && !sameToken(credentials.adminToken, expectedToken)) {
        throw new VendorError(controlProblem({ kind: 'unauthorized', reason: 'invalid' }));
      }
      return { id: CONTROL_API_NAME };
    },
    errorResponse: controlProblem,
    rateLimit: () => ({ limit: 0, windowMs: 1000 }),
    seed: () => undefined,
  };
}
