import type { VendorServices } from '../contract.js';

/** A success with its `X-Trace-Id`: the same seed and requests give the same trace ids. */
export function ok<Body>(context: Pick<VendorServices, 'requestId'>, body: Body): { status: 200; body: Body; headers: { 'x-trace-id': string } } {
  return { status: 200, body, headers: { 'x-trace-id': context.requestId() } };
}
