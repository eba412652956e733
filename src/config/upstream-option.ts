/** One vendor's real API: the only place its requests are sent. */
export interface Upstream {
  vendor: string;
  /** `scheme://host[:port]`, all that is ever dialled. */
  origin: string;
  url: URL;
  /** A path the upstream URL carries before the vendor's own paths, without a trailing slash; usually empty. */
  pathPrefix: string;
}

/**
 * The upstream of a vendor from its URL: https only, unless `allowHttp`; no credentials, query or
 * fragment in it, as it names a place, not a request.
 */
export function parseUpstream(vendor: string, text: string, allowHttp: boolean): Upstream {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`upstream for ${vendor} must be a URL (https://host), got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`upstream for ${vendor} must be an https URL, got ${url.protocol}`);
  if (url.protocol === 'http:' && !allowHttp) {
    throw new Error(`upstream for ${vendor} is not https (${url.origin}): credentials would travel in clear; add --allow-http-upstream to allow it`);
  }
  if (url.username || url.password) throw new Error(`upstream for ${vendor} must not carry credentials in its URL`);
  if (url.search || url.hash) throw new Error(`upstream for ${vendor} must not carry a query or fragment`);
  return { vendor, origin: url.origin, url, pathPrefix: url.pathname.replace(/\/+$/, '') };
}
