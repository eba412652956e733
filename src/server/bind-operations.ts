import type { LoadedSpec, OperationSpec } from '../spec/load-spec.js';
import type { OperationHandler, VendorModule } from '../vendors/contract.js';

export interface BoundOperation {
  spec: OperationSpec;
  handler: OperationHandler;
}

/**
 * Pairs every operation of the document with the vendor's handler of the same operationId.
 * A document operation without a handler, or a handler without an operation, stops the start.
 */
export function bindOperations(vendor: VendorModule, spec: LoadedSpec): BoundOperation[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const bound: BoundOperation[] = [];
  for (const operation of spec.operations) {
    if (seen.has(operation.operationId)) problems.push(`operationId '${operation.operationId}' is used twice`);
    seen.add(operation.operationId);
    const handler = vendor.handlers[operation.operationId];
    if (handler) bound.push({ spec: operation, handler });
    else {
      problems.push(
        `operation '${operation.operationId}' (${operation.method.toUpperCase()} ${operation.path}) has no handler`,
      );
    }
  }
  for (const operationId of Object.keys(vendor.handlers)) {
    if (!seen.has(operationId)) problems.push(`handler '${operationId}' has no operation in ${vendor.specPath}`);
  }
  if (problems.length > 0) {
    throw new Error(`vendor '${vendor.name}' does not match its OpenAPI document:\n  - ${problems.join('\n  - ')}`);
  }
  return bound;
}
