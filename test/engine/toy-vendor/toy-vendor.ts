import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { resolveOptions, type SandboxOptions } from '../../../src/config/options.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createApp } from '../../../src/server/sandbox.js';
import { VendorError, type Problem, type VendorModule, type VendorResponse } from '../../../src/vendors/contract.js';

export interface Thing {
  id: string;
  name: string;
  ripe: boolean;
}

const toyError = (status: number, error: string, detail?: string): VendorResponse => ({
  status,
  body: detail === undefined ? { error } : { error, detail },
});

function toyProblem(problem: Problem): VendorResponse {
  switch (problem.kind) {
    case 'unauthorized':
      return toyError(401, 'unauthorized');
    case 'route_not_found':
      return toyError(404, 'route_not_found', `${problem.method} ${problem.path}`);
    case 'validation':
      return toyError(400, 'validation', `${problem.failure.field}: ${problem.failure.message}`);
    case 'malformed_body':
    case 'body_too_deep':
    case 'payload_too_large':
      return toyError(400, problem.kind);
    case 'rate_limited':
    case 'tenant_limit':
      return toyError(429, problem.kind);
    case 'internal':
      return toyError(500, 'internal');
    case 'simulated':
      return toyError(problem.status, 'simulated');
  }
}

/** How long a thing takes to ripen after it is made, by the sandbox clock. */
export const RIPENING_MS = 1000;

/**
 * A vendor that exists only to test the engine with: things that are made, listed, found and ripen
 * on their own, behind an `X-Toy-Key`, two requests a second, documented in `toy.yaml`.
 */
export const toyVendor: VendorModule = {
  name: 'toy',
  title: 'Toy vendor',
  specPath: fileURLToPath(new URL('./toy.yaml', import.meta.url)),
  settings: {},
  handlers: {
    listThings: (context) => {
      const limit = context.query.limit as number;
      return { status: 200, body: { limit, items: context.partition.collection<Thing>('things').values().slice(0, limit) } };
    },
    createThing: (context) => {
      const thing: Thing = { id: context.random.hex(8), name: (context.body as { name: string }).name, ripe: false };
      context.partition.collection<Thing>('things').put(thing);
      context.schedule('ripen', RIPENING_MS, thing.id);
      return { status: 201, body: thing };
    },
    getThing: (context) => {
      const thing = context.partition.collection<Thing>('things').get(String(context.params.id));
      if (!thing) throw new VendorError(toyError(404, 'not_found', `no thing ${String(context.params.id)}`));
      return { status: 200, body: thing };
    },
    ping: () => ({ status: 200, body: { pong: true } }),
  },
  tasks: {
    ripen: (context, id) => {
      const things = context.partition.collection<Thing>('things');
      const thing = things.get(id as string);
      if (thing) things.put({ ...thing, ripe: true });
    },
  },
  errorResponse: toyProblem,
  rateLimit: () => ({ limit: 2, windowMs: 1000 }),
  seed: () => undefined,
};

export interface ToySandbox {
  url: string;
  app: Awaited<ReturnType<typeof createApp>>;
  stop(): Promise<void>;
}

/** The engine with the toy vendor alone, on a free port; options as startSandbox's (rate limits as shipped). */
export async function launchToy(options: SandboxOptions = {}, vendor: VendorModule = toyVendor): Promise<ToySandbox> {
  const app = await createApp(resolveOptions({ logLevel: 'silent', ...options }), createLogger('silent'), [vendor]);
  const server: Server = createServer(app.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    app,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await app.runtime.stop();
      await app.store.close();
    },
  };
}
