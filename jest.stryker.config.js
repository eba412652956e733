// The jest configuration that `npm run mutation` (StrykerJS) uses: the same transform as jest.config.js,
// restricted to the test files of one group of stryker.groups.mjs (MUTATION_GROUP; its `before` files with MUTATION_BEFORE=1).
import base from './jest.config.js';
import { groupNamed } from './stryker.groups.mjs';

const { tests } = groupNamed(process.env.MUTATION_GROUP, process.env.MUTATION_BEFORE === '1');

/** @type {import('jest').Config} */
export default {
  ...base,
  testMatch: tests.map((file) => `<rootDir>/${file}`),
  // Stryker runs jest in its own process and ends it itself.
  forceExit: false,
};
