// `npm run mutation [-- [--incremental] [--before] group ...]`: StrykerJS over each group of stryker.groups.mjs
// in turn (or the ones named), each group's results in reports/mutation/groups/<group>.json (a mutation-testing
// report; --incremental retests only what changed since, see stryker.config.mjs), then the summary
// reports/mutation/README.md. --before runs each group's `before` test files instead, into
// <group>.before.json: the score before issue 15's tests.
import { spawnSync } from 'node:child_process';
import { GROUPS } from '../stryker.groups.mjs';

const args = process.argv.slice(2);
const incremental = args.includes('--incremental');
const before = args.includes('--before');
const named = args.filter((arg) => !arg.startsWith('--'));
const names = named.length > 0 ? named : Object.keys(GROUPS);
const times = [];
/** Groups whose run failed: the others still run, and the summary still shows what was measured. */
const failed = [];
for (const name of names) {
  if (!GROUPS[name]) throw new Error(`no group ${name}; the groups: ${Object.keys(GROUPS).join(', ')}`);
  const started = Date.now();
  console.log(`\n=== mutation group ${name} ===`);
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, MUTATION_GROUP: name, MUTATION_INCREMENTAL: incremental ? '1' : '0', MUTATION_BEFORE: before ? '1' : '0' } });
  times.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) {
    console.error(`stryker failed for group ${name} (exit ${run.status ?? run.signal})`);
    failed.push(name);
  }
}
if (failed.length > 0) console.error(`\nstryker failed for: ${failed.join(', ')}`);
console.log(`\ntime per group: ${times.join(', ')}`);
const summary = spawnSync('node', ['scripts/mutation-summary.mjs'], { stdio: 'inherit' });
process.exit(failed.length > 0 ? 1 : (summary.status ?? 1));
