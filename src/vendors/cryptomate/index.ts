import { packagePath } from '../../config/package-paths.js';
import { typedHandlers, type VendorModule } from '../contract.js';
import { authenticate } from './auth.js';
import { bankHandlers } from './banks.js';
import { clientHandlers } from './clients.js';
import { cryptoMateProblem } from './errors.js';
import type { operations } from './generated/openapi.js';
import { lookupHandlers } from './lookups.js';
import { providerHandlers } from './providers.js';
import { completeScreening } from './screening.js';
import { seedCryptoMate } from './seed.js';

const SPEC_PATH = packagePath('openapi', 'cryptomate.yaml');

/**
 * CryptoMate's documented limit: 15 requests a second per company, and each violation blocks the
 * company for twice as long as the one before (1 s, 2 s, 4 s, … up to 5 minutes), forgotten after
 * an hour without one.
 */
const RATE_LIMIT = {
  limit: 15,
  windowMs: 1000,
  // docs.cryptomate.me/integration/rate-limiting: 1 s, 2 s, 4 s, 8 s, … doubling, and 5 minutes from the 9th.
  penalty: { firstBlockMs: 1000, maxBlockMs: 300_000, maxFromViolation: 9, resetAfterMs: 3_600_000 },
};

export const cryptomate: VendorModule = {
  name: 'cryptomate',
  title: 'CryptoMate',
  specPath: SPEC_PATH,
  handlers: typedHandlers<operations>()({ ...clientHandlers, ...providerHandlers, ...bankHandlers, ...lookupHandlers }),
  authenticate,
  errorResponse: cryptoMateProblem,
  settings: {
    webhookUrl: 'where client_status webhooks are sent (http or https)',
    webhookKey: 'the X-Webhook-Key header sent with them',
  },
  rateLimit: () => RATE_LIMIT,
  seed: seedCryptoMate,
  tasks: { [completeScreening.name]: completeScreening.handler },
};
