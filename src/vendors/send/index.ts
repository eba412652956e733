import { packagePath } from '../../config/package-paths.js';
import { typedHandlers, type VendorModule } from '../contract.js';
import { NO_RATE_LIMIT } from '../kit.js';
import { declarationHandlers } from './declaration.js';
import { sendProblem } from './errors.js';
import type { operations } from './generated/openapi.js';
import { representativeHandlers } from './representatives.js';
import { seedSend } from './seed.js';
import { userHandlers } from './users.js';
import { verificationHandlers, verificationTasks } from './verification.js';

export const send: VendorModule = {
  name: 'send',
  title: 'SEND PaaS by Machnet',
  specPath: packagePath('openapi', 'send.yaml'),
  handlers: typedHandlers<operations>()({
    ...userHandlers,
    ...verificationHandlers,
    ...representativeHandlers,
    ...declarationHandlers,
  }),
  // The client id and secret together are the tenant: the same id with another secret sees other data.
  authenticate: (credentials) => ({ id: `${credentials.clientId}\0${credentials.clientSecret}` }),
  errorResponse: sendProblem,
  settings: { originatingCorridors: 'comma-separated countries where users may be registered (default US)' },
  rateLimit: () => NO_RATE_LIMIT,
  seed: seedSend,
  tasks: verificationTasks,
};
