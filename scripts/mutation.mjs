// `npm run mutation [-- group ...]`: StrykerJS over each group of stryker.groups.mjs in turn (or the ones named),
// each group's JSON report in reports/mutation/groups/, then the summary reports/mutation/README.md.
import { spawnSync } from 'node:child_process';
import { GROUPS } from '../stryker.groups.mjs';

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(GROUPS);
const times = [];
for (const name of names) {
  if (!GROUPS[name]) throw new Error(`no group ${name}; the groups: ${Object.keys(GROUPS).join(', ')}`);
  const started = Date.now();
  console.log(`\n=== mutation group ${name} ===`);
  const run = spawnSync('npx', ['stryker', 'run'], { stdio: 'inherit', env: { ...process.env, MUTATION_GROUP: name } });
  times.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (run.status !== 0) {
    console.error(`stryker failed for group ${name} (exit ${run.status ?? run.signal})`);
    process.exit(1);
  }
}
console.log(`\ntime per group: ${times.join(', ')}`);
const summary = spawnSync('node', ['scripts/mutation-summary.mjs'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
