import { boundedMemo } from './bounded-memo.js';
import { secretHash } from './secret-hash.js';

/**
 * A partition's name in the store and its log: the vendor, then a hash of the tenant, so that the
 * tenant's secret is never stored. Built here and read back here only.
 */
export function partitionIdOf(vendor: string, tenantId: string): string {
  let idOf = idsByVendor.get(vendor);
  if (!idOf) idsByVendor.set(vendor, (idOf = boundedMemo(10_000, (tenant) => partitionIdOfHash(vendor, secretHash(tenant)))));
  return idOf(tenantId);
}

/** Every request names its partition twice or more, and a suite's tenants are few: their ids are kept, up to a bound. */
const idsByVendor = new Map<string, (tenantId: string) => string>();

/** A partition's name from its vendor and its tenant's hash, as `tenantHashOf` reads it back. */
export function partitionIdOfHash(vendor: string, tenantHash: string): string {
  return `${vendor}:${tenantHash}`;
}

/** The hash of the tenant a partition belongs to: what may be shown of a tenant. */
export function tenantHashOf(partitionId: string): string {
  return partitionId.slice(partitionId.indexOf(':') + 1);
}

/** The vendor a partition belongs to. */
export function vendorOfPartition(partitionId: string): string {
  return partitionId.slice(0, partitionId.indexOf(':'));
}
