import { packagePath } from '../../config/package-paths.js';
import { typedHandlers, type VendorModule } from '../contract.js';
import { accountHandlers } from './account.js';
import { addressHandlers } from './addresses.js';
import { auditHandlers } from './audit.js';
import { checkHandlers, checkTasks } from './checks.js';
import { clientHandlers } from './clients.js';
import { documentHandlers } from './documents.js';
import { complyCubeProblem } from './errors.js';
import { hostedFlowPages, hostedFlowTasks } from './hosted-flow/index.js';
import type { operations } from './generated/openapi.js';
import { liveMediaHandlers } from './live-media.js';
import { lookupHandlers } from './lookups.js';
import { reportHandlers } from './reports.js';
import { riskProfileHandlers } from './risk-profile.js';
import { seedComplyCube } from './seed.js';
import { tokenHandlers } from './tokens.js';
import { webhookHandlers } from './webhooks.js';
import { workflowHandlers } from './workflow.js';

/** ComplyCube's documented limits: 5 requests per second for sandbox keys, 10 for live keys. */
const SANDBOX_LIMIT = { limit: 5, windowMs: 1000 };
const LIVE_LIMIT = { limit: 10, windowMs: 1000 };

export const complycube: VendorModule = {
  name: 'complycube',
  title: 'ComplyCube',
  specPath: packagePath('openapi', 'complycube.yaml'),
  handlers: typedHandlers<operations>()({
    ...clientHandlers,
    ...riskProfileHandlers,
    ...addressHandlers,
    ...documentHandlers,
    ...liveMediaHandlers,
    ...checkHandlers,
    ...webhookHandlers,
    ...reportHandlers,
    ...tokenHandlers,
    ...accountHandlers,
    ...auditHandlers,
    ...workflowHandlers,
    ...lookupHandlers,
  }),
  errorResponse: complyCubeProblem,
  settings: {},
  rateLimit: (tenant) => (tenant.id.startsWith('live_') ? LIVE_LIMIT : SANDBOX_LIMIT),
  seed: seedComplyCube,
  tasks: { ...checkTasks, ...hostedFlowTasks },
  pages: hostedFlowPages,
};
