import { packagePath } from '../../config/package-paths.js';
import { typedHandlers, type VendorModule } from '../contract.js';
import { NO_RATE_LIMIT } from '../kit.js';
import { authenticate, authHandlers, signInCaller } from './auth.js';
import { clientHandlers } from './clients.js';
import { contactHandlers } from './contacts.js';
import { b2coreProblem } from './errors.js';
import type { operations } from './generated/openapi.js';
import { seedB2Core } from './seed.js';

export const b2core: VendorModule = {
  name: 'b2core',
  title: 'B2Core (B2Broker back office)',
  specPath: packagePath('openapi', 'b2core.yaml'),
  handlers: typedHandlers<operations>()({ ...authHandlers, ...clientHandlers, ...contactHandlers }),
  authenticate,
  settings: {},
  errorResponse: b2coreProblem,
  rateLimit: () => NO_RATE_LIMIT,
  publicCaller: signInCaller,
  seed: seedB2Core,
};
