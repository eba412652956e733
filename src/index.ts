// The package's public face: starting a sandbox, its handle, and checking responses against the
// vendors' documents. Every type here is self-contained, so a consumer's type check needs none of the
// libraries bundled inside.
export { startSandbox } from './server/start-sandbox.js';
export type { Sandbox, SandboxLogger, ServedVendor } from './server/sandbox-handle.js';
export type { SandboxOptions } from './config/options.js';
export type { LogLevel } from './logging/log-levels.js';
export { ResponseValidator, type ObservedResponse } from './validation/response-validator.js';
export { loadSpec, type LoadedSpec, type OperationSpec } from './spec/load-spec.js';
export type { JournalEntry, JournalFilter } from './simulation/journal.js';
export type { Fault, FaultSpec } from './simulation/faults.js';
export type { DeliveryAttempt, DeliveryRecord } from './webhooks/delivery-record.js';
export type { DriftExchange, DriftOperation, DriftReport } from './drift/report.js';
export type { Difference, DifferenceKind } from './drift/compare.js';
// Each vendor's document as types (openapi-typescript, `npm run generate:types`), for integrators typing their
// own clients of the sandbox: `ComplyCubeOperations['createClient']['requestBody']['content']['application/json']`.
// The generated files import nothing, so these stay self-contained.
export type {
  components as ComplyCubeComponents,
  operations as ComplyCubeOperations,
  paths as ComplyCubePaths,
} from './vendors/complycube/generated/openapi.js';
export type {
  components as CryptoMateComponents,
  operations as CryptoMateOperations,
  paths as CryptoMatePaths,
} from './vendors/cryptomate/generated/openapi.js';
export type { components as B2CoreComponents, operations as B2CoreOperations, paths as B2CorePaths } from './vendors/b2core/generated/openapi.js';
export type { components as SendComponents, operations as SendOperations, paths as SendPaths } from './vendors/send/generated/openapi.js';
