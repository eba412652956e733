import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { ResolvedOptions } from '../config/options.js';
import { PACKAGE_VERSION } from '../config/package-paths.js';
import { createControlApi } from '../control/control-api.js';
import { ControlPlane } from '../control/control-plane.js';
import { createControlGuard } from '../control/request-guard.js';
import type { Logger } from '../logging/logger.js';
import { DriftMonitor } from '../drift/drift-monitor.js';
import { CertificateAuthority, defaultCaDir } from '../proxy/certificate-authority.js';
import { proxyHosts } from '../proxy/proxy-hosts.js';
import { SandboxProxy } from '../proxy/sandbox-proxy.js';
import { loadSpec, type LoadedSpec } from '../spec/load-spec.js';
import { Clock } from '../simulation/clock.js';
import { parseLatency } from '../simulation/prefer.js';
import { RateLimiter } from '../simulation/rate-limiter.js';
import { Store } from '../store/store.js';
import { ResponseValidator } from '../validation/response-validator.js';
import type { VendorModule, VendorResponse } from '../vendors/contract.js';
import { VENDORS } from '../registry/vendors.js';
import { VendorDispatcher } from './vendor-dispatcher.js';
import { VendorRuntime } from './vendor-runtime.js';
import { vendorPages } from './vendor-pages.js';


function selectVendors(names: string[] | undefined, available: VendorModule[]): VendorModule[] {
  if (!names) return available;
  const unknown = names.filter((name) => !available.some((vendor) => vendor.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown vendor ${unknown.join(', ')}; known: ${available.map((vendor) => vendor.name).join(', ')}`);
  }
  return available.filter((vendor) => names.includes(vendor.name));
}

/** Refuses settings for a vendor that does not exist or that the vendor does not read, naming what does. */
function checkVendorSettings(settings: Record<string, Record<string, unknown>>, available: VendorModule[]): void {
  for (const [name, values] of Object.entries(settings)) {
    const vendor = available.find((candidate) => candidate.name === name);
    if (!vendor) throw new Error(`setting for unknown vendor '${name}'; the vendors are ${available.map((v) => v.name).join(', ')}`);
    const known = Object.keys(vendor.settings);
    for (const setting of Object.keys(values)) {
      if (known.includes(setting)) continue;
      const valid = known.length === 0 ? `${name} has no settings` : `${name}'s settings are ${known.join(', ')}`;
      throw new Error(`unknown setting '${name}.${setting}'; ${valid}`);
    }
  }
}

const DOCS_PAGE = '/__sandbox/docs';

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

function answerRefusal(req: IncomingMessage, res: ServerResponse, refused: VendorResponse): void {
  const payload = JSON.stringify(refused.body);
  res.writeHead(refused.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

async function createFallback(): Promise<(req: IncomingMessage, res: ServerResponse) => void> {
  const { default: express } = await import('express');
  const fallback = express();
  fallback.disable('x-powered-by');
  fallback.disable('etag');
  // A person who opens the sandbox's address in a browser is sent to the page that explains it.
  fallback.get('/', (_req, res) => {
    res.redirect(302, DOCS_PAGE);
  });
  fallback.use((req, res) => {
    res.status(404).json({ message: `No vendor serves ${req.method} ${req.path}; the vendors and their base paths are at ${DOCS_PAGE}` });
  });
  return fallback;
}

export async function createApp(options: ResolvedOptions, logger: Logger, available: VendorModule[] = VENDORS) {
  if (!isLoopback(options.host) && !options.adminToken) {
    throw new Error(`listening on ${options.host}, which is not a loopback address, needs --admin-token to protect the control API`);
  }
  checkVendorSettings(options.vendorSettings, available);
  const selected = selectVendors(options.vendors, available);
  const store = await Store.open({ file: options.db });
  const runtime = new VendorRuntime(selected, store, new Clock(), options, logger);
  const rateLimiter = new RateLimiter();
  const secretHeaders = new Set(['authorization', 'cookie', 'x-sandbox-admin-token']);
  const plane = new ControlPlane(runtime, selected.map((vendor) => vendor.name), rateLimiter, secretHeaders);
  if (options.latency) plane.latency = parseLatency(options.latency);

  let specs: LoadedSpec[] = [];
  let proxy: SandboxProxy | undefined;
  let drift: DriftMonitor | undefined;
  const controlApi = createControlApi(plane, () => specs, {
    drift: () => drift!,
    version: PACKAGE_VERSION,
    startedAt: Date.now(),
    adminToken: options.adminToken,
    proxy: () => proxy!,
  });
  const vendors = await Promise.all(
    [...selected, controlApi].map(async (vendor) => ({ vendor, spec: await loadSpec(vendor.name, vendor.specPath) })),
  );
  specs = vendors.map(({ spec }) => spec);
  drift = new DriftMonitor(
    { upstreams: options.upstreams, allowHttpUpstream: options.allowHttpUpstream, reportFile: options.driftReport, recordFile: options.driftRecord },
    specs,
    logger,
  );
  proxy = new SandboxProxy(
    proxyHosts(vendors.filter(({ vendor }) => !vendor.internal).map(({ spec }) => spec), options.proxyHosts),
    new CertificateAuthority(options.caDir ?? defaultCaDir()),
    logger,
  );
  for (const { spec } of vendors) {
    for (const scheme of Object.values(spec.securitySchemes)) {
      if (scheme.type === 'apiKey' && scheme.in === 'header') secretHeaders.add(scheme.name.toLowerCase());
    }
  }

  const dispatcher = new VendorDispatcher({
    vendors,
    options,
    runtime,
    plane,
    rateLimiter,
    logger,
    responseValidator: options.validateResponses ? new ResponseValidator(specs) : undefined,
    drift: drift.active ? drift : undefined,
  });
  // Express answers only what no vendor claims: the dispatcher runs on the bare request first, as
  // Express's own request setup would cost vendor requests more than half their throughput.
  // Express is loaded for the first request no vendor claims, not at start.
  let fallbackApp: Promise<(req: IncomingMessage, res: ServerResponse) => void> | undefined;
  const fallback = (req: IncomingMessage, res: ServerResponse) => {
    fallbackApp ??= createFallback();
    void fallbackApp.then((app) => app(req, res));
  };
  const controlSpec = vendors.find(({ vendor }) => vendor === controlApi)!.spec;
  const pages = vendorPages(selected, runtime, logger);
  const refusal = createControlGuard({ controlSpec, listenHost: options.host, allowedHosts: options.allowedHosts });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const refused = refusal(req) ?? proxy.route(req, (authority) => refusal.servesHost(authority, req));
    if (refused) return answerRefusal(req, res, refused);
    void dispatcher.handle(req, res, () => pages(req, res) || fallback(req, res));
  };
  return { handle, store, vendors, runtime, plane, proxy, drift };
}
