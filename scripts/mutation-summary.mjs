// Writes reports/mutation/README.md from the groups' results (reports/mutation/groups/<group>.json, and
// <group>.before.json where the score before was measured): the score per group and module, before and
// after, and every mutant no test detects, with its place, its change and why it is left (REASONS below).
// Mutants that cannot change behaviour are marked in the source with `// Stryker disable next-line`
// comments that say why; Stryker reports them as Ignored and they are listed too.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { GROUPS } from '../stryker.groups.mjs';

/**
 * Why a mutant that survives is left: the first rule that matches it (file, mutator, the original text, and
 * optionally its lines). `equivalent` ones cannot change behaviour and are left out of the score, as Stryker
 * leaves out those marked in the source; they are kept here instead where a `// Stryker disable` comment
 * would also hide the killed mutants on the same line (a table row holds a field name and two cells).
 */
const REASONS = [
  {
    file: 'src/vendors/send/update-matrix.ts',
    mutator: 'StringLiteral',
    original: "'no'",
    lines: [20, 21, 22, 24, 29, 31, 32, 33, 35, 51, 58, 60, 61, 62, 63, 74, 83],
    equivalent: true,
    reason: "A `verified: 'no'` cell is read only as not 'yes' (the refusal's words come from the `unverified` cell), so '' refuses the same.",
  },
  {
    file: 'src/vendors/send/update-matrix.ts',
    mutator: 'StringLiteral',
    lines: [40, 46, 72],
    equivalent: true,
    reason: "The row's `details` is the page's note, kept for the reader: no code reads it.",
  },
  {
    file: 'src/vendors/send/update-matrix.ts',
    mutator: ['ObjectLiteral', 'StringLiteral'],
    lines: [113, 121, 128],
    equivalent: true,
    reason: "A receive row that says 'no' is the default for a field without a row (`?? 'no'`), and '' is refused the same as 'no'.",
  },
  {
    file: 'src/vendors/send/update-matrix.ts',
    mutator: 'StringLiteral',
    original: "'ip_address'",
    lines: [136],
    equivalent: true,
    reason: 'ip_address is let through before RECEIVE_FIELDS is read.',
  },
  {
    file: 'src/vendors/send/update-matrix.ts',
    mutator: ['ConditionalExpression', 'StringLiteral'],
    lines: [193],
    equivalent: true,
    reason: 'Physical documents are updatable in both receive tables, so whether a change is judged by type or by value they are let through.',
  },
  {
    file: 'src/vendors/send/update-matrix.ts',
    mutator: 'StringLiteral',
    original: "'no'",
    lines: [198],
    equivalent: true,
    reason: "'' is neither 'yes' nor 'if_not_provided', so it refuses as 'no' does.",
  },
  // Conditions of which one part cannot change behaviour, beside parts that can (so no source comment).
  ...['src/vendors/complycube/errors.ts', 'src/vendors/b2core/errors.ts', 'src/vendors/cryptomate/errors.ts'].map((file) => ({
    file,
    mutator: 'ConditionalExpression',
    original: "failure.location === 'body'",
    replacement: 'true',
    lineIncludes: "=== ''",
    equivalent: true,
    reason: "Only the body check reports a failure without a field: a path, query or header failure always names one.",
  })),
  {
    file: 'src/simulation/rate-limiter.ts',
    mutator: 'ConditionalExpression',
    original: 'penalty.maxFromViolation !== undefined',
    replacement: 'true',
    equivalent: true,
    reason: 'Without a jump in the table, `violations >= undefined` is false anyway.',
  },
  {
    file: 'src/simulation/journal.ts',
    mutator: 'ConditionalExpression',
    original: 'filter.limit === undefined',
    replacement: 'false',
    equivalent: true,
    reason: 'slice(-undefined) is slice(NaN): the whole list.',
  },
  {
    file: 'src/vendors/complycube/pagination.ts',
    mutator: ['ConditionalExpression', 'ArrowFunction'],
    original: ['Number.isNaN(limit)', '() => false'],
    replacement: ['false', '() => undefined'],
    equivalent: true,
    reason: 'A date that does not parse is NaN, and every comparison with NaN is false: the list matches nothing all the same.',
  },
  {
    file: 'src/vendors/complycube/pagination.ts',
    mutator: ['ConditionalExpression', 'BlockStatement'],
    original: ['filters.length === 0', '{ …'],
    replacement: ['false', '{}'],
    lineIncludes: 'filters.length === 0',
    equivalent: true,
    reason: 'The unfiltered page is a shortcut: the general loop gives the same page.',
  },
  {
    file: 'src/vendors/complycube/pagination.ts',
    mutator: ['ArrowFunction', 'ConditionalExpression'],
    original: ['(field) => query[field] !== undefined', 'query[field] !== undefined'],
    replacement: ['() => undefined', 'false'],
    equivalent: true,
    reason: 'Without the index every record is read and the same filters apply.',
  },
  {
    file: 'src/vendors/complycube/pagination.ts',
    mutator: ['MethodExpression', 'ConditionalExpression'],
    original: ['fields.filter((field) => field !== indexed)', 'field !== indexed'],
    replacement: ['fields', 'true'],
    equivalent: true,
    reason: 'Filtering again on the indexed field keeps the same records.',
  },
  {
    file: 'src/validation/request-validator.ts',
    mutator: 'ConditionalExpression',
    original: 'selected.length === 0 && allowOthers',
    replacement: 'false',
    equivalent: true,
    reason: 'An empty schema that allows other values accepts every value, as no check does.',
  },
  {
    file: 'src/validation/request-validator.ts',
    mutator: 'ConditionalExpression',
    original: 'parameter.default === undefined',
    replacement: 'false',
    equivalent: true,
    reason: 'ajv fills in no default that is undefined.',
  },
  {
    file: 'src/simulation/journal.ts',
    mutator: 'Regex',
    original: '/[^a-z0-9]+/',
    equivalent: true,
    reason: 'Splitting a run of separators one at a time only adds empty words, which match no secret word and add nothing when joined.',
  },
  {
    file: 'src/vendors/b2core/lists.ts',
    mutator: 'ArithmeticOperator',
    original: ['compared * direction', '(a.id - b.id) * direction'],
    equivalent: true,
    reason: 'The direction is 1 or -1: dividing by it is multiplying by it.',
  },
  {
    file: 'src/vendors/b2core/lists.ts',
    mutator: ['ConditionalExpression', 'LogicalOperator'],
    lines: [33],
    equivalent: true,
    reason: 'A sort key gives every record a value of the same type, or null, which is ordered before this line: a number never meets text.',
  },
  {
    file: 'src/vendors/b2core/lists.ts',
    mutator: 'MethodExpression',
    original: 'id.trim()',
    equivalent: true,
    reason: 'Number() ignores the spaces around a number itself.',
  },
  {
    file: 'src/vendors/b2core/clients.ts',
    mutator: 'MethodExpression',
    lines: [32],
    equivalent: true,
    reason: "Without a middle name the first form would hold a double space, but the second form, 'first last', matches what it would.",
  },
  {
    file: 'src/vendors/b2core/clients.ts',
    mutator: 'ConditionalExpression',
    original: 'id !== null',
    equivalent: true,
    reason: 'The set holds numbers only, so it never has null.',
  },
  {
    file: 'src/vendors/b2core/clients.ts',
    mutator: 'ArrowFunction',
    lines: [60, 61],
    equivalent: true,
    reason:
      'Without the key every client ties and goes by clientId: the same order for clientId, and for createTime too, since ids are given in order of creation on a clock that only moves forward (fixtures, seeded and created clients alike).',
  },
  {
    file: 'src/validation/ajv.ts',
    mutator: 'BooleanLiteral',
    lineIncludes: 'strict: false',
    reason:
      "Not killed: ajv's strict mode and schema validation (strict, validateSchema) accept the test's document with keywords no JSON Schema knows (`example`, `x-…`) as the sandbox compiles it; no document that tells them apart was found in the time.",
  },
  {
    file: 'src/store/write-ahead-log.ts',
    mutator: 'BlockStatement',
    lines: [51],
    reason:
      'Reached only when the fresh log cannot be opened right after the rename into the same folder succeeded; as root on a local disk there is no way to make that open fail without injecting a fault into node:fs.',
  },
];
const reasonFor = (file, mutant, original, lineOf) =>
  REASONS.find(
    (rule) =>
      rule.file === file &&
      [rule.mutator].flat().includes(mutant.mutatorName) &&
      (rule.original === undefined || [rule.original].flat().includes(original.trim())) &&
      (rule.replacement === undefined || [rule.replacement].flat().includes(String(mutant.replacement ?? '').trim())) &&
      (rule.lineIncludes === undefined || lineOf(mutant).includes(rule.lineIncludes)) &&
      (rule.lines === undefined || rule.lines.includes(mutant.location.start.line)),
  );

const output = 'reports/mutation/README.md';
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);
const score = (mutants) => {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status) && !m.equivalent).length;
  return { detected, valid, value: valid === 0 ? undefined : (100 * detected) / valid };
};
const pct = (s) => (s.value === undefined ? '—' : `${s.value.toFixed(1)}% (${s.detected}/${s.valid})`);
const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
/**
 * A group's results: Stryker's full report (groups/, not committed: it holds the test files' text and every
 * test's coverage) or, without it, the compact copy this script keeps beside the summary (results/, committed):
 * each mutant's place, change and status, and the mutated files' text.
 */
function read(name) {
  const full = `reports/mutation/groups/${name}.json`;
  const compact = `reports/mutation/results/${name}.json`;
  if (existsSync(full)) {
    const report = JSON.parse(readFileSync(full, 'utf8'));
    const files = Object.fromEntries(
      Object.entries(report.files).map(([file, { source, mutants }]) => [
        file,
        {
          source,
          // A killed mutant's reason is the failing test's output: only an ignored one's is kept.
          mutants: mutants.map(({ id, mutatorName, replacement, location, status, statusReason }) =>
            status === 'Ignored' ? { id, mutatorName, replacement, location, status, statusReason } : { id, mutatorName, replacement, location, status },
          ),
        },
      ]),
    );
    mkdirSync('reports/mutation/results', { recursive: true });
    writeFileSync(compact, `${JSON.stringify({ files })}\n`);
    return { files };
  }
  return existsSync(compact) ? JSON.parse(readFileSync(compact, 'utf8')) : undefined;
}

const rows = [];
const survivors = [];
const ignored = [];
const after = [];
const before = [];
let missing = 0;
for (const [group, { tests, before: beforeTests }] of Object.entries(GROUPS)) {
  const report = read(group);
  const previous = read(`${group}.before`);
  if (!report) {
    console.warn(`no results for group ${group}: npm run mutation -- ${group}`);
    missing++;
    continue;
  }
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const lines = source.split('\n');
    const lineOf = (mutant) => lines[mutant.location.start.line - 1];
    const originalOf = ({ location: { start, end } }) =>
      start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
    for (const mutant of mutants) if (UNDETECTED.has(mutant.status) && reasonFor(file, mutant, originalOf(mutant), lineOf)?.equivalent) mutant.equivalent = true;
    const count = (status) => mutants.filter((m) => m.status === status && !m.equivalent).length;
    const was = previous?.files[file]?.mutants;
    // The same rules leave the same equivalent mutants out of the score before.
    if (was) {
      const beforeLines = previous.files[file].source.split('\n');
      const beforeLineOf = (mutant) => beforeLines[mutant.location.start.line - 1];
      const beforeOriginalOf = ({ location: { start, end } }) =>
        start.line === end.line ? beforeLines[start.line - 1].slice(start.column - 1, end.column - 1) : `${beforeLines[start.line - 1].slice(start.column - 1)} …`;
      for (const mutant of was) if (UNDETECTED.has(mutant.status) && reasonFor(file, mutant, beforeOriginalOf(mutant), beforeLineOf)?.equivalent) mutant.equivalent = true;
    }
    after.push(...mutants);
    if (was) before.push(...was);
    rows.push(
      `| ${group} | \`${file}\` | ${was ? pct(score(was)) : 'not measured'} | **${pct(score(mutants))}** | ${count('Killed')} | ${count('Timeout')} | ${count('Survived')} | ${count('NoCoverage')} | ${count('Ignored') + mutants.filter((m) => m.equivalent).length} |`,
    );
    for (const mutant of mutants) {
      const { start } = mutant.location;
      const original = originalOf(mutant);
      const change = `\`${cell(original.trim().slice(0, 70))}\` → \`${cell(String(mutant.replacement ?? '').trim().slice(0, 70))}\``;
      const where = `\`${file}:${start.line}\``;
      const rule = reasonFor(file, mutant, original, lineOf);
      if (mutant.equivalent) ignored.push(`| ${where} | ${mutant.mutatorName} | ${change} | ${cell(rule.reason)} (in this summary) |`);
      else if (UNDETECTED.has(mutant.status)) survivors.push(`| ${where} | ${mutant.mutatorName} | ${mutant.status} | ${change} | ${cell(rule?.reason ?? 'not yet killed')} |`);
      if (mutant.status === 'Ignored') ignored.push(`| ${where} | ${mutant.mutatorName} | ${change} | ${cell(mutant.statusReason ?? '')} |`);
    }
  }
  rows.push(`| | tests: ${tests.map((t) => `\`${t}\``).join(', ')}; before: ${beforeTests.map((t) => `\`${t}\``).join(', ')} | | | | | | | |`);
}

const text = `# Mutation report

StrykerJS 9 (\`npm run mutation\`; \`stryker.config.mjs\`) over the modules that hold vendor rules and the engine's
limits, in the groups of \`stryker.groups.mjs\`: each group's mutants are tested by that group's test files
only (the jest runner, \`--experimental-vm-modules\`, per-test coverage). Generated by
\`scripts/mutation-summary.mjs\` from each group's results, \`results/<group>.json\` (every mutant: place, change,
status), and \`results/<group>.before.json\` (the same modules against the tests that covered them before issue
15, \`npm run mutation -- --before\`, where that was measured); Stryker's full reports, with each mutant's
covering and killing tests, are left in \`groups/\` (not committed).

**Score after: ${pct(score(after))}**, over every group.
**Score before: ${pct(score(before))}**, over the groups measured before (see the table).
${missing > 0 ? `\n${missing} group(s) have no results yet.\n` : ''}
A run of every group took about 18 minutes on the project's 2-core machine while the test suite ran beside it
(the unit-level groups a minute or two each; send-update-matrix, b2core-lists and complycube-pagination, whose
tests start sandboxes, 3 to 8). The score before was measured for the groups whose former tests fit in the
time: their HTTP suites cost a sandbox per mutant and ran 5 to 15 minutes a group.

Scores count Killed and Timeout as detected, Survived and NoCoverage as not; Ignored mutants (marked
equivalent in the source) and ones that do not compile are left out.

| group | module | before | after | killed | timeout | survived | no coverage | equivalent |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## Mutants no test detects

${survivors.length === 0 ? 'None.' : `| where | mutator | status | change | why it is left |\n| --- | --- | --- | --- | --- |\n${survivors.join('\n')}`}

## Mutants marked equivalent

A mutant alone of its kind on its line is marked in the source with a \`// Stryker disable next-line\` comment that
says why it cannot change behaviour (Stryker reports it Ignored). Where such a comment would also hide mutants of
the same kind on that line that tests kill (a row of a table, one part of a condition), the mutant is matched by a
rule in \`scripts/mutation-summary.mjs\` (its text, its replacement) with its reason, "in this summary". Neither
counts in the score.

${ignored.length === 0 ? 'None.' : `| where | mutator | change | reason |\n| --- | --- | --- | --- |\n${ignored.join('\n')}`}
`;
writeFileSync(output, text);
console.log(`mutation score ${pct(score(after))} (before ${pct(score(before))}); summary written to ${output}`);
