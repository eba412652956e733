import type { VendorServices } from '../contract.js';

/** A success with its `X-Trace-Id`: the same seed and requests give the same trace ids. */
export function ok(context: Pick<VendorServices, 'requestId'>, body: unknown): { status: 200; body: unknown; headers: Record<string, string> } {
  return { status: 200, body, headers: { 'x-trace-id': context.requestId() } };
}
