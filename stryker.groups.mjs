// The modules `npm run mutation` mutates, in groups, each with the test files that state its rules.
// A group's tests are all that Stryker runs for it, so a static mutant (a cell of a table read at load)
// costs one run of a few files rather than of the suite; a mutant counts as detected only when the
// tests written for its module detect it.
export const GROUPS = {
  'send-update-matrix': {
    mutate: ['src/vendors/send/update-matrix.ts'],
    tests: ['test/send/update-matrix.test.ts', 'test/send/receive-users.test.ts', 'test/send/users.test.ts'],
  },
  'send-ssn-masking': {
    // `masked` and `presentDocuments`.
    mutate: ['src/vendors/send/model.ts:140-142', 'src/vendors/send/model.ts:183-193'],
    tests: ['test/send/users.test.ts', 'test/send/business-representatives.test.ts', 'test/send/ssn-masking.test.ts'],
  },
  'send-errors': {
    mutate: ['src/vendors/send/errors.ts'],
    tests: ['test/send/error-texts.test.ts', 'test/send/documented-examples.test.ts', 'test/send/simulated-errors.test.ts'],
  },
  'complycube-pagination': {
    mutate: ['src/vendors/complycube/pagination.ts'],
    tests: ['test/complycube/clients.test.ts', 'test/complycube/resources.test.ts', 'test/complycube/pagination.test.ts'],
  },
  'complycube-errors': {
    mutate: ['src/vendors/complycube/errors.ts'],
    tests: ['test/complycube/error-texts.test.ts', 'test/complycube/simulated-errors.test.ts'],
  },
  'b2core-lists': {
    // Sorting and the envelope (lists.ts); the client list's filters (clients.ts, TEXT_FILTERS to clientFilters).
    mutate: ['src/vendors/b2core/lists.ts', 'src/vendors/b2core/clients.ts:31-88'],
    tests: ['test/b2core/clients.test.ts', 'test/b2core/client-filters.test.ts'],
  },
  'b2core-errors': {
    mutate: ['src/vendors/b2core/errors.ts'],
    tests: ['test/b2core/error-texts.test.ts', 'test/b2core/auth.test.ts', 'test/b2core/simulated-errors.test.ts'],
  },
  'cryptomate-errors': {
    mutate: ['src/vendors/cryptomate/errors.ts'],
    tests: ['test/cryptomate/error-texts.test.ts', 'test/cryptomate/rate-limit.test.ts', 'test/cryptomate/simulated-errors.test.ts'],
  },
  'rate-limiter': {
    mutate: ['src/simulation/rate-limiter.ts'],
    tests: ['test/engine/rate-limit.test.ts', 'test/cryptomate/rate-limit.test.ts', 'test/engine/rate-limiter.test.ts'],
  },
  journal: {
    mutate: ['src/simulation/journal.ts'],
    tests: ['test/control/control-api.test.ts', 'test/reliability/hostile-requests.test.ts', 'test/engine/journal.test.ts'],
  },
  validation: {
    mutate: ['src/validation/ajv.ts', 'src/validation/request-validator.ts'],
    tests: [
      'test/complycube/error-texts.test.ts',
      'test/send/error-texts.test.ts',
      'test/b2core/error-texts.test.ts',
      'test/cryptomate/error-texts.test.ts',
      'test/engine/validation-failures.test.ts',
    ],
  },
  'store-log': {
    mutate: ['src/store/write-ahead-log.ts', 'src/store/mutation-lines.ts'],
    tests: ['test/engine/persistence.test.ts', 'test/engine/store-log.test.ts'],
  },
};

export const groupNamed = (name) => {
  const group = GROUPS[name];
  if (!group) throw new Error(`MUTATION_GROUP must be one of ${Object.keys(GROUPS).join(', ')}; got ${name}`);
  return group;
};
