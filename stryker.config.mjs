// Mutation testing of the modules that hold vendor rules and the engine's limits (issue 15), one group
// of stryker.groups.mjs per run (MUTATION_GROUP). `npm run mutation` runs every group (scripts/mutation.mjs)
// and writes reports/mutation/README.md from their JSON reports; not part of `npm test`.
import { groupNamed } from './stryker.groups.mjs';

const name = process.env.MUTATION_GROUP;
const group = groupNamed(name, process.env.MUTATION_BEFORE === '1');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The jest runner runs jest in its own child process; the sources are ESM, so that process needs VM modules.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: {
    projectType: 'custom',
    // Only the test files that exercise the mutated modules, so that a run fits in the time.
    configFile: 'jest.stryker.config.js',
    enableFindRelatedTests: false,
  },
  coverageAnalysis: 'perTest',
  mutate: group.mutate,
  // The sandbox copies the sources and tests, not the build: a build running beside (npm test's) would change
  // dist/ under the copy, and without dist/openapi the sources read the YAML documents themselves.
  ignorePatterns: ['/dist', '/reports', '/coverage', '/bench', '/.jest-results.json', '*.tgz'],
  disableTypeChecks: '{src,test}/**/*.ts',
  // The project's TypeScript (7, native) has no JavaScript API for Stryker's tsconfig rewriting, and
  // tsconfig.json points outside the sandbox nowhere: no tsconfig to rewrite.
  tsconfigFile: 'no-tsconfig-to-rewrite.json',
  concurrency: 2,
  timeoutMS: 10000,
  // Every test a mutant reaches runs, not only up to the first that fails: each mutant lists all its killers.
  disableBail: true,
  timeoutFactor: 3,
  reporters: ['clear-text', 'progress', 'json'],
  thresholds: { high: 90, low: 80, break: null },
  // The group's results: every mutant with the tests that cover and kill it.
  jsonReporter: { fileName: group.report },
  // `npm run mutation -- --incremental` tests again only the mutants whose code or tests changed since those
  // results. Not by default: a mutant in code run at load has no test covering it, so a test added for it
  // does not get it tested again (its old result is reused).
  incremental: process.env.MUTATION_INCREMENTAL === '1',
  incrementalFile: group.report,
  cleanTempDir: true,
  // Each group's own sandbox folder, so that groups may run side by side.
  tempDirName: `.stryker-tmp/${name}${process.env.MUTATION_BEFORE === '1' ? '-before' : ''}`,
};
