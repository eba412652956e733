// Sums self time by function in a V8 .cpuprofile (from `node --cpu-prof`), mapping dist/ frames
// back to src/ through the build's source maps.
//   node bench/lib/cpuprofile.mjs FILE.cpuprofile [top=15]
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const maps = new Map();

function sourceMapFor(file) {
  if (!maps.has(file)) {
    let map;
    try {
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = undefined;
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/** `src/server/x.ts:12`, `express/lib/router.js:40`, `node:internal/…:7`, or a V8 pseudo-frame. */
function locate({ url, lineNumber, columnNumber }) {
  if (!url) return '';
  const file = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (file.startsWith('node:')) return `${file}:${lineNumber + 1}`;
  // kyc-sandbox's build, here or in the bench's copy of it: mapped back to src/ by its source maps.
  const distFile = file.includes('/dist/') && !file.includes('/node_modules/') ? file : undefined;
  if (distFile) {
    // The bench's copy is gone once it ends: this repository's build has the same maps.
    const inRepo = `${root}${distFile.slice(distFile.lastIndexOf('/dist/') + 1)}`;
    const map = sourceMapFor(distFile) ?? sourceMapFor(inRepo);
    const entry = map?.findEntry(lineNumber, columnNumber);
    if (entry?.originalSource) {
      const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
      const shown = source.includes('/src/') ? source.slice(source.lastIndexOf('/src/') + 1) : source;
      return `${shown}:${entry.originalLine + 1}`;
    }
  }
  const modules = file.lastIndexOf('/node_modules/');
  if (modules !== -1) return `${file.slice(modules + '/node_modules/'.length)}:${lineNumber + 1}`;
  if (distFile) return `${distFile.slice(distFile.lastIndexOf('/dist/') + 1)}:${lineNumber + 1}`;
  return `${relative(root, file)}:${lineNumber + 1}`;
}

/** Where time went by owner: kyc-sandbox's own code, a dependency, Node internals, V8 (GC, program). */
function areaOf(location, name) {
  if (!location) return name.startsWith('(') ? name : 'native';
  if (location.startsWith('src/')) return location.slice(0, location.indexOf(':'));
  if (location.startsWith('node:')) return 'node internals';
  const pkg = location.startsWith('@') ? location.split('/').slice(0, 2).join('/') : location.split('/')[0];
  return `dependency ${pkg}`;
}

/** A `.cpuprofile` parsed: read once, for `summarise` and `stages` alike. */
export function readProfile(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Each node's self time (µs) over the samples taken in `window`, or over all of them when `window`
 * is absent or does not overlap the profile (`inWindow` false).
 */
function selfTimes(profile, window) {
  const selfUs = new Map();
  const { samples, timeDeltas } = profile;
  const inWindow = window && window.fromUs < profile.endTime && window.toUs > profile.startTime;
  let at = profile.startTime;
  for (let index = 0; index < samples.length; index++) {
    at += timeDeltas[index] ?? 0;
    if (inWindow && (at < window.fromUs || at > window.toUs)) continue;
    // The delta before the next sample is the time spent in this one.
    const delta = timeDeltas[index + 1] ?? 0;
    selfUs.set(samples[index], (selfUs.get(samples[index]) ?? 0) + Math.max(delta, 0));
  }
  return { selfUs, inWindow };
}

/**
 * `window`: `{ fromUs, toUs }` on the monotonic clock (`process.hrtime.bigint() / 1000n` in any
 * process of this machine, the clock V8 stamps samples with) to keep only the samples taken under a
 * given load; ignored, and said so, when it does not overlap the profile. `profile`: the file's, when
 * the caller has it parsed already.
 */
export function summarise(file, top = 15, window = undefined, profile = readProfile(file)) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const { selfUs, inWindow } = selfTimes(profile, window);
  const byFunction = new Map();
  const byArea = new Map();
  let activeUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id).callFrame;
    const name = frame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idleUs += us;
      continue;
    }
    activeUs += us;
    const location = locate(frame);
    const key = `${name}\0${location}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const area = areaOf(location, name);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  }
  const share = (us) => ({ ms: us / 1000, pct: (100 * us) / Math.max(activeUs, 1) });
  return {
    file,
    window: window ? (inWindow ? 'the measured window' : 'whole profile (the load window did not match its clock)') : 'whole profile',
    activeMs: activeUs / 1000,
    idleMs: idleUs / 1000,
    functions: [...byFunction]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [name, location] = key.split('\0');
        return { name, location, ...share(us) };
      }),
    areas: [...byArea]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([area, us]) => ({ area, ...share(us) })),
  };
}

/**
 * Where the time of each request goes: every sample is given to the innermost of its frames that
 * matches a stage (`[label, pattern on the function's name]`), else to "other"; with `requests`,
 * microseconds per request besides milliseconds in all. `profile`: as `readProfile` reads it.
 */
export function stages(profile, stageList, window = undefined, requests = undefined) {
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const stageOf = new Map();
  const stageOfNode = (id) => {
    if (stageOf.has(id)) return stageOf.get(id);
    const name = nodes.get(id).callFrame.functionName;
    const own = name === '(idle)' ? null : stageList.find(([, pattern]) => pattern.test(name))?.[0];
    const parent = parentOf.get(id);
    const stage = own === null ? null : (own ?? (parent === undefined ? 'other' : stageOfNode(parent)));
    stageOf.set(id, stage);
    return stage;
  };
  const totals = new Map(stageList.map(([label]) => [label, 0]));
  totals.set('other', 0);
  let activeUs = 0;
  for (const [id, us] of selfTimes(profile, window).selfUs) {
    const stage = stageOfNode(id);
    if (stage === null) continue;
    totals.set(stage, totals.get(stage) + us);
    activeUs += us;
  }
  return {
    activeMs: activeUs / 1000,
    requests,
    rows: [...totals].map(([stage, us]) => ({ stage, ms: us / 1000, pct: (100 * us) / Math.max(activeUs, 1), usPerRequest: requests ? us / requests : undefined })),
  };
}

export function stagesMarkdown(result) {
  const perRequest = result.requests !== undefined;
  return [
    `| stage | ms | % |${perRequest ? ' µs per request |' : ''}`,
    `| --- | ---: | ---: |${perRequest ? ' ---: |' : ''}`,
    ...result.rows.map(
      (row) => `| ${row.stage} | ${row.ms.toFixed(1)} | ${row.pct.toFixed(1)} |${perRequest ? ` ${row.usPerRequest.toFixed(1)} |` : ''}`,
    ),
    `| all | ${result.activeMs.toFixed(1)} | 100 |${perRequest ? ` ${((result.activeMs * 1000) / result.requests).toFixed(1)} |` : ''}`,
  ].join('\n');
}

export function summaryMarkdown(summary) {
  const fmt = (n) => n.toFixed(1);
  return [
    `${fmt(summary.activeMs)} ms on CPU over ${summary.window} (idle ${fmt(summary.idleMs)} ms excluded); self time by function:`,
    '',
    '| self ms | % | function | where |',
    '| ---: | ---: | --- | --- |',
    ...summary.functions.map((f) => `| ${fmt(f.ms)} | ${fmt(f.pct)} | \`${f.name}\` | ${f.location || ''} |`),
    '',
    'by owner:',
    '',
    '| self ms | % | owner |',
    '| ---: | ---: | --- |',
    ...summary.areas.map((a) => `| ${fmt(a.ms)} | ${fmt(a.pct)} | ${a.area} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node bench/lib/cpuprofile.mjs FILE.cpuprofile [top]\n');
    process.exit(2);
  }
  const count = Number(top);
  process.stdout.write(summaryMarkdown(summarise(file, Number.isInteger(count) && count > 0 ? count : 15)) + '\n');
}
