import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';
import { vendorOfPartition } from '../store/partition-id.js';
import type { VendorModule, VendorServices } from '../vendors/contract.js';
import type { VendorRuntime } from './vendor-runtime.js';

/**
 * Serves the vendors' own pages (`VendorModule.pages`): whether a request was one of them. A page has no
 * credentials, so it is given the vendor's tenants to find its own in, and never another vendor's.
 */
export function vendorPages(vendors: VendorModule[], runtime: VendorRuntime, logger: Logger) {
  const served = vendors.flatMap((vendor) => (vendor.pages ? [{ vendor, pages: vendor.pages }] : []));
  function* tenantsOf(vendor: VendorModule): Iterable<VendorServices> {
    for (const id of runtime.store.partitionIds()) {
      const partition = vendorOfPartition(id) === vendor.name ? runtime.store.partition(id) : undefined;
      if (partition) yield runtime.servicesFor(vendor, partition);
    }
  }
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0]!;
    const match = served.find(({ pages }) => path.startsWith(pages.pathPrefix));
    if (!match) return false;
    match.pages.serve(req, res, () => tenantsOf(match.vendor)).catch((error: unknown) => {
      logger.error({ err: error, vendor: match.vendor.name, path }, 'a vendor page failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The page failed; the sandbox log says why.');
    });
    return true;
  };
}
