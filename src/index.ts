export { startSandbox, type Sandbox } from './server/sandbox.js';
export type { SandboxOptions } from './config/options.js';
export { ResponseValidator, type ObservedResponse } from './validation/response-validator.js';
export { loadSpec, type LoadedSpec } from './spec/load-spec.js';
export { VENDORS } from './vendors/registry.js';
export type * from './vendors/contract.js';
export { VendorError } from './vendors/contract.js';
export type { DeliveryRecord } from './webhooks/webhook-dispatcher.js';
