// Load with wrk when the bench found it (`useWrk`), else with autocannon, whose latencies are taken
// from its per-response event (sub-millisecond), since its own histogram keeps whole milliseconds only.
import autocannon from 'autocannon';
import { runWrkLoad } from './wrk.mjs';

let wrkPath;
/** Every later load is made by wrk at `path`. */
export function useWrk(path) {
  wrkPath = path;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function run(options, latencies) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (latencies) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    }
  });
}

/**
 * `seconds` of load after `warmupSeconds` of the same load (discarded); the raw part, to be merged
 * with others by `summarise`. `paths` rotates the request path.
 */
export async function runLoad({ base, path, paths, method = 'GET', headers = {}, body, connections, seconds, warmupSeconds = 0 }) {
  // As either generator sends it: the paths in turn, and a body as JSON text with its type.
  const load = {
    base,
    paths: paths ?? [path],
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    connections,
    seconds,
    warmupSeconds,
  };
  return wrkPath ? runWrkLoad(wrkPath, load) : runAutocannon(load);
}

async function runAutocannon({ base, paths, method, headers, body, connections, seconds, warmupSeconds }) {
  let next = 0;
  const requests = [
    {
      method,
      path: paths[0],
      headers,
      body,
      setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
    },
  ];
  const common = { url: base, connections, requests, timeout: 30 };
  if (warmupSeconds > 0) await run({ ...common, duration: warmupSeconds });
  const latencies = [];
  const result = await run({ ...common, duration: seconds }, latencies);
  return { latencies, count: latencies.length, durationS: result.duration, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts };
}

/**
 * Latency percentile (ms) over parts: autocannon's parts list every response; wrk's give 999
 * quantiles each, weighted here by the part's responses.
 */
function mergedPercentile(parts, p) {
  if (parts.every((part) => part.latencies)) return percentile(Float64Array.from(parts.flatMap((part) => part.latencies)).sort(), p);
  const weighted = parts.flatMap((part) => part.quantilesUs.map((us) => ({ ms: us / 1000, weight: part.count / part.quantilesUs.length })));
  weighted.sort((a, b) => a.ms - b.ms);
  const total = weighted.reduce((sum, { weight }) => sum + weight, 0);
  let seen = 0;
  for (const { ms, weight } of weighted) if ((seen += weight) >= (p / 100) * total) return ms;
  return NaN;
}

/** Requests per second (2xx only), p50/p99 latency (ms) and the failures, over one or more parts. */
export function summarise(parts) {
  const durationS = parts.reduce((sum, part) => sum + part.durationS, 0);
  const sum = (field) => parts.reduce((total, part) => total + part[field], 0);
  const failures = sum('non2xx') + sum('errors') + sum('timeouts');
  const count = sum('count');
  return {
    rps: count / durationS,
    p50: mergedPercentile(parts, 50),
    p99: mergedPercentile(parts, 99),
    count,
    failures,
    detail: failures ? `${sum('non2xx')} non-2xx, ${sum('errors')} errors, ${sum('timeouts')} timeouts` : '',
  };
}

export async function measureLoad(options) {
  return summarise([await runLoad(options)]);
}
