import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Mutation } from './partition.js';

/** A line of a snapshot or write-ahead log that cannot be replayed; the sandbox refuses to start on it. */
export class CorruptLineError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`${file}, line ${line}: ${reason}; fix or remove that line to start`);
  }
}

/** Names that would reach `Object.prototype` instead of a partition, collection or record of their own. */
const PROTOTYPE_NAMES = new Set(['__proto__']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isName = (value: unknown): value is string => typeof value === 'string' && value !== '' && !PROTOTYPE_NAMES.has(value);

const hasOnly = (value: Record<string, unknown>, keys: string[]) => Object.keys(value).every((key) => keys.includes(key));

/** Why the value is not a change the store logs, or undefined when it is one. */
export function mutationProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if ('b' in value) {
    if (!hasOnly(value, ['b']) || !Array.isArray(value.b)) return '"b" must be the only field, a list of changes';
    for (const part of value.b) {
      const problem = mutationProblem(part);
      if (problem) return `in its list of changes: ${problem}`;
    }
    return undefined;
  }
  if (!isName(value.p)) return '"p" (the partition) must be a non-empty name';
  if ('drop' in value) return hasOnly(value, ['p', 'drop']) && value.drop === true ? undefined : 'a drop is exactly {"p", "drop": true}';
  if ('s' in value) {
    if (!hasOnly(value, ['p', 's'])) return 'a state change is exactly {"p", "s"}';
    const state = value.s;
    if (!isObject(state) || !hasOnly(state, ['draws', 'seeded', 'pristine'])) return '"s" must be {"draws", "seeded", "pristine"?}';
    if (!Number.isSafeInteger(state.draws) || (state.draws as number) < 0) return '"s.draws" must be a whole number';
    if (typeof state.seeded !== 'boolean') return '"s.seeded" must be true or false';
    if (state.pristine !== undefined && state.pristine !== true) return '"s.pristine" must be true when present';
    return undefined;
  }
  if (!hasOnly(value, ['p', 'c', 'i', 'r'])) return 'a record change is exactly {"p", "c", "i", "r"}';
  if (!isName(value.c)) return '"c" (the collection) must be a non-empty name';
  if (!isName(value.i)) return '"i" (the record id) must be a non-empty name';
  if (value.r === null) return undefined;
  if (!isObject(value.r)) return '"r" must be the record, or null for a deletion';
  const id = value.r.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id) !== value.i) return '"r.id" must be the record id "i"';
  return undefined;
}

/**
 * Reads a file of changes, one JSON line each, and hands each valid change to `apply`. A line that
 * is not one refuses the file, naming it and the line. With `tornTailAllowed`, a last line that is
 * not JSON is left out instead: a kill in the middle of an append tears only the line being
 * written, and that change was never answered.
 */
export async function readMutationLines(
  file: string,
  apply: (mutation: Mutation) => void,
  { tornTailAllowed }: { tornTailAllowed: boolean },
): Promise<void> {
  // Stryker disable next-line StringLiteral: equivalent: without an encoding the stream gives Buffers, which readline decodes as UTF-8 itself
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  /** The last line that was not JSON, held back until a later line shows it was not the last. */
  let torn: { number: number; reason: string } | undefined;
  for await (const line of lines) {
    number++;
    if (!line) continue;
    if (torn) throw new CorruptLineError(file, torn.number, torn.reason);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      torn = { number, reason: `not JSON (${(error as Error).message})` };
      continue;
    }
    const problem = mutationProblem(value);
    if (problem) throw new CorruptLineError(file, number, problem);
    apply(value as Mutation);
  }
  if (torn && !tornTailAllowed) throw new CorruptLineError(file, torn.number, torn.reason);
}
