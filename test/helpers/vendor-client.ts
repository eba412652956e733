import type { RequestOptions, TestResponse, TestSandbox } from './sandbox.js';

/** One vendor caller, the same shape for every vendor: its credential headers on every call, paths under its base path. */
export interface VendorClient {
  headers: Record<string, string>;
  call(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  get(path: string, options?: RequestOptions): Promise<TestResponse>;
  post(path: string, json?: unknown, options?: RequestOptions): Promise<TestResponse>;
  put(path: string, json?: unknown, options?: RequestOptions): Promise<TestResponse>;
  patch(path: string, json?: unknown, options?: RequestOptions): Promise<TestResponse>;
  delete(path: string, options?: RequestOptions): Promise<TestResponse>;
}

export function vendorClient(sandbox: TestSandbox, basePath: string, headers: Record<string, string>): VendorClient {
  const call = (method: string, path: string, options: RequestOptions = {}) =>
    sandbox.request(method, `${basePath}${path}`, { ...options, headers: { ...headers, ...options.headers } });
  const withBody = (method: string) => (path: string, json?: unknown, options?: RequestOptions) => call(method, path, { json, ...options });
  return {
    headers,
    call,
    get: (path, options) => call('GET', path, options),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    delete: (path, options) => call('DELETE', path, options),
  };
}
