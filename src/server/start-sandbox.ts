import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveOptions, type SandboxOptions } from '../config/options.js';
import { fingerprint } from '../control/control-plane.js';
import { createLogger } from '../logging/logger.js';
import { createApp } from './sandbox.js';
import type { Sandbox } from './sandbox-handle.js';

export type { Sandbox } from './sandbox-handle.js';

/** Starts a sandbox in this process; the same options as the CLI. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const resolved = resolveOptions({ logLevel: 'silent', ...options });
  const logger = createLogger(resolved.logLevel);
  const { handle, store, vendors, runtime, plane, proxy, drift } = await createApp(resolved, logger);
  // A client that trickles its headers or body must not hold a connection for long; Node checks
  // those timeouts only as often as connectionsCheckingInterval, 30 s unless told otherwise.
  const server: Server = createServer(
    {
      headersTimeout: resolved.headersTimeoutMs,
      requestTimeout: resolved.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, Math.ceil(resolved.headersTimeoutMs / 2)),
    },
    handle,
  );
  proxy.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = resolved.host.includes(':') ? `[${resolved.host}]` : resolved.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    host: resolved.host,
    vendors: vendors.filter(({ vendor }) => !vendor.internal),
    specs: vendors.map(({ spec }) => spec),
    logger,
    proxyHosts: [...proxy.hosts],
    caCertificatePath: () => proxy.authority.certificatePath(),
    reset: (key) => plane.reset({ key }),
    inspect: (key) => plane.inspect({ key }),
    requests: ({ key, ...filter } = {}) =>
      plane.journal.list({ ...filter, credentialHash: key === undefined ? undefined : fingerprint(key) }),
    fault: (spec) => plane.faults.add(spec),
    clearFaults: () => plane.faults.clear(),
    completePendingTasks: () => runtime.scheduler.runAll(),
    advanceClock(ms) {
      runtime.clock.advance(ms);
      return runtime.scheduler.runDue();
    },
    webhookDeliveries: (filter) => runtime.webhooks.deliveries(filter),
    driftReport: () => drift.report(),
    driftMarkdown: () => drift.markdown(),
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          proxy.closeTunnels();
          server.closeAllConnections();
        });
        await runtime.stop();
        drift.finish();
        await store.close();
      })();
      return stopping;
    },
  };
}
