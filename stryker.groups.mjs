// The modules `npm run mutation` mutates, in groups, each with the test files that state its rules.
//
// `tests` are what Stryker runs for the group: the tests that pin the module's rules directly, fast enough
// that a run of every group fits in minutes. Every test a mutant reaches is run for it, and a mutant in
// code run at load or in a `beforeAll` (a table, a seeded list) runs all of the group's tests, so a suite
// that starts a sandbox and lists clients before its tests would cost that for each such mutant: the HTTP
// suites stay in `npm test`, and the score here is what the listed tests alone detect.
//
// `before` are the test files that covered the module before issue 15 (`npm run mutation -- --before`),
// for the score before; each result is kept in reports/mutation/groups/<group>[.before].json.
export const GROUPS = {
  'send-update-matrix': {
    mutate: ['src/vendors/send/update-matrix.ts'],
    tests: ['test/send/update-rules.test.ts'],
    before: ['test/send/update-matrix.test.ts', 'test/send/receive-users.test.ts'],
  },
  'send-ssn-masking': {
    // `masked` and `presentDocuments`.
    mutate: ['src/vendors/send/model.ts:140-142', 'src/vendors/send/model.ts:183-193'],
    tests: ['test/send/ssn-masking.test.ts'],
    before: ['test/send/users.test.ts'],
  },
  'send-errors': {
    mutate: ['src/vendors/send/errors.ts'],
    tests: ['test/send/error-bodies.test.ts'],
    before: ['test/send/error-texts.test.ts'],
  },
  'complycube-pagination': {
    mutate: ['src/vendors/complycube/pagination.ts'],
    tests: ['test/complycube/pagination.test.ts', 'test/complycube/filter-paths.test.ts'],
    before: ['test/complycube/clients.test.ts'],
  },
  'complycube-errors': {
    mutate: ['src/vendors/complycube/errors.ts'],
    tests: ['test/complycube/error-bodies.test.ts'],
    before: ['test/complycube/error-texts.test.ts'],
  },
  'b2core-lists': {
    // Sorting and the envelope (lists.ts); the client list's filters (clients.ts, TEXT_FILTERS to clientFilters).
    mutate: ['src/vendors/b2core/lists.ts', 'src/vendors/b2core/clients.ts:31-88'],
    tests: ['test/b2core/list-rules.test.ts', 'test/b2core/client-filters.test.ts'],
    before: ['test/b2core/clients.test.ts'],
  },
  'b2core-errors': {
    mutate: ['src/vendors/b2core/errors.ts'],
    tests: ['test/b2core/error-bodies.test.ts'],
    before: ['test/b2core/error-texts.test.ts'],
  },
  'cryptomate-errors': {
    mutate: ['src/vendors/cryptomate/errors.ts'],
    tests: ['test/cryptomate/error-bodies.test.ts'],
    before: ['test/cryptomate/error-texts.test.ts'],
  },
  'rate-limiter': {
    mutate: ['src/simulation/rate-limiter.ts'],
    tests: ['test/engine/rate-limiter.test.ts'],
    before: ['test/complycube/rate-limit.test.ts', 'test/cryptomate/rate-limit.test.ts', 'test/engine/toy-vendor.test.ts'],
  },
  journal: {
    mutate: ['src/simulation/journal.ts'],
    tests: ['test/engine/journal.test.ts'],
    before: ['test/control/control-api.test.ts', 'test/reliability/hostile-requests.test.ts'],
  },
  validation: {
    mutate: ['src/validation/ajv.ts', 'src/validation/request-validator.ts'],
    tests: ['test/engine/validation-failures.test.ts'],
    before: [
      'test/complycube/error-texts.test.ts',
      'test/send/error-texts.test.ts',
      'test/b2core/error-texts.test.ts',
      'test/cryptomate/error-texts.test.ts',
      'test/engine/toy-vendor.test.ts',
    ],
  },
  'store-log': {
    mutate: ['src/store/write-ahead-log.ts', 'src/store/mutation-lines.ts'],
    tests: ['test/engine/store-log.test.ts'],
    before: ['test/engine/persistence.test.ts'],
  },
};

/** The group's name, whether this run is the score before, and the test files to run. */
export function groupNamed(name, before = false) {
  const group = GROUPS[name];
  if (!group) throw new Error(`MUTATION_GROUP must be one of ${Object.keys(GROUPS).join(', ')}; got ${name}`);
  return { ...group, tests: before ? group.before : group.tests, report: `reports/mutation/groups/${name}${before ? '.before' : ''}.json` };
}
