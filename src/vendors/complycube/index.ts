import { packagePath } from '../../config/package-paths.js';
import type { VendorModule } from '../contract.js';
import { clientHandlers } from './clients.js';
import { complyCubeProblem } from './errors.js';
import { seedComplyCube } from './seed.js';

/** ComplyCube's documented limits: 5 requests per second for sandbox keys, 10 for live keys. */
const SANDBOX_LIMIT = { limit: 5, windowMs: 1000 };
const LIVE_LIMIT = { limit: 10, windowMs: 1000 };

export const complycube: VendorModule = {
  name: 'complycube',
  title: 'ComplyCube',
  specPath: packagePath('openapi', 'complycube.yaml'),
  handlers: { ...clientHandlers },
  errorResponse: complyCubeProblem,
  rateLimit: (tenant) => (tenant.id.startsWith('live_') ? LIVE_LIMIT : SANDBOX_LIMIT),
  seed: seedComplyCube,
};
