import { secretHash } from './secret-hash.js';

/**
 * A partition's name in the store and its log: the vendor, then a hash of the tenant, so that the
 * tenant's secret is never stored. Built here and read back here only.
 */
export function partitionIdOf(vendor: string, tenantId: string): string {
  return `${vendor}:${secretHash(tenantId)}`;
}

/** The vendor a partition belongs to. */
export function vendorOfPartition(partitionId: string): string {
  return partitionId.slice(0, partitionId.indexOf(':'));
}
