import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { resolveOptions, type ResolvedOptions, type SandboxOptions } from '../config/options.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { loadSpec } from '../spec/load-spec.js';
import { Clock } from '../simulation/clock.js';
import { RateLimiter } from '../simulation/rate-limiter.js';
import { Store } from '../store/store.js';
import { ResponseValidator } from '../validation/response-validator.js';
import type { VendorModule } from '../vendors/contract.js';
import { VENDORS } from '../vendors/registry.js';
import { VendorDispatcher, type LoadedVendor } from './vendor-dispatcher.js';
import { VendorRuntime } from './vendor-runtime.js';
import type { DeliveryRecord } from '../webhooks/webhook-dispatcher.js';

export interface Sandbox {
  /** `http://HOST:PORT`, with the real port when started on port 0. */
  url: string;
  port: number;
  host: string;
  vendors: LoadedVendor[];
  logger: Logger;
  /** Runs every pending vendor task (checks, verifications) now; returns how many ran. */
  completePendingTasks(): number;
  /** Moves the sandbox clock forward, running the tasks that come due. */
  advanceClock(ms: number): number;
  /** Webhooks sent so far, with their attempts. */
  webhookDeliveries(filter?: { vendor?: string }): DeliveryRecord[];
  /** Stops listening, closes connections and writes `--db` to disk. */
  stop(): Promise<void>;
}

function selectVendors(names: string[] | undefined, available: VendorModule[]): VendorModule[] {
  if (!names) return available;
  const unknown = names.filter((name) => !available.some((vendor) => vendor.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown vendor ${unknown.join(', ')}; known: ${available.map((vendor) => vendor.name).join(', ')}`);
  }
  return available.filter((vendor) => names.includes(vendor.name));
}

export async function createApp(options: ResolvedOptions, logger: Logger, available: VendorModule[] = VENDORS) {
  const selected = selectVendors(options.vendors, available);
  const [vendors, store] = await Promise.all([
    Promise.all(selected.map(async (vendor) => ({ vendor, spec: await loadSpec(vendor.name, vendor.specPath) }))),
    Store.open({ file: options.db }),
  ]);
  const runtime = new VendorRuntime(selected, store, new Clock(), options, logger);
  const dispatcher = new VendorDispatcher({
    vendors,
    options,
    runtime,
    rateLimiter: new RateLimiter(),
    logger,
    responseValidator: options.validateResponses ? new ResponseValidator(vendors.map(({ spec }) => spec)) : undefined,
  });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(dispatcher.middleware);
  app.use((req, res) => {
    res.status(404).json({ message: `No vendor serves ${req.method} ${req.path}` });
  });
  return { app, store, vendors, runtime };
}

/** Starts a sandbox in this process; the same options as the CLI. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions({ logLevel: 'silent', ...options });
  const logger = createLogger(resolved.logLevel);
  const { app, store, vendors, runtime } = await createApp(resolved, logger);
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(resolved.port, resolved.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    host: resolved.host,
    vendors,
    logger,
    completePendingTasks: () => runtime.scheduler.runAll(),
    advanceClock(ms) {
      runtime.clock.advance(ms);
      return runtime.scheduler.runDue();
    },
    webhookDeliveries: (filter) => runtime.webhooks.deliveries(filter),
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await runtime.stop();
        await store.close();
      })();
      return stopping;
    },
  };
}
