// The store's log (README, "Durable with --db"): every change is a JSON line of the write-ahead log
// (`FILE.wal`), and at start a line that cannot be replayed refuses the start, naming the file and the
// line, except a torn last line left by a kill mid-append. The reasons below are the sandbox's own texts,
// written out as each kind of broken line should be told.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorruptLineError, mutationProblem, readMutationLines } from '../../src/store/mutation-lines.js';
import { WriteAheadLog } from '../../src/store/write-ahead-log.js';

const folder = () => mkdtempSync(join(tmpdir(), 'kyc-sandbox-log-'));

describe('a line of the log', () => {
  it.each([
    // Record changes.
    [{ p: 'v:t', c: 'clients', i: 'a', r: { id: 'a', x: 1 } }, undefined],
    [{ p: 'v:t', c: 'clients', i: '7', r: { id: 7 } }, undefined],
    [{ p: 'v:t', c: 'clients', i: 'a', r: null }, undefined],
    [{ p: 'v:t', c: 'clients', i: 'a', r: { id: 'b' } }, '"r.id" must be the record id "i"'],
    [{ p: 'v:t', c: 'clients', i: 'a', r: { id: true } }, '"r.id" must be the record id "i"'],
    [{ p: 'v:t', c: 'clients', i: 'a', r: {} }, '"r.id" must be the record id "i"'],
    // Neither text nor a number, though it would print as the id.
    [{ p: 'v:t', c: 'clients', i: 'a', r: { id: ['a'] } }, '"r.id" must be the record id "i"'],
    [{ p: 'v:t', c: 'clients', i: 'null', r: { id: null } }, '"r.id" must be the record id "i"'],
    [{ p: 'v:t', c: 'clients', i: 'a', r: [] }, '"r" must be the record, or null for a deletion'],
    [{ p: 'v:t', c: 'clients', i: 'a', r: 'a' }, '"r" must be the record, or null for a deletion'],
    [{ p: 'v:t', c: 'clients', i: 'a' }, '"r" must be the record, or null for a deletion'],
    [{ p: 'v:t', c: 'clients', i: '', r: null }, '"i" (the record id) must be a non-empty name'],
    [{ p: 'v:t', c: 'clients', i: 3, r: null }, '"i" (the record id) must be a non-empty name'],
    [{ p: 'v:t', c: 'clients', i: '__proto__', r: null }, '"i" (the record id) must be a non-empty name'],
    [{ p: 'v:t', c: '', i: 'a', r: null }, '"c" (the collection) must be a non-empty name'],
    [{ p: 'v:t', c: '__proto__', i: 'a', r: null }, '"c" (the collection) must be a non-empty name'],
    [{ p: 'v:t', i: 'a', r: null }, '"c" (the collection) must be a non-empty name'],
    [{ p: 'v:t', c: 'clients', i: 'a', r: null, extra: 1 }, 'a record change is exactly {"p", "c", "i", "r"}'],
    // The partition.
    [{ c: 'clients', i: 'a', r: null }, '"p" (the partition) must be a non-empty name'],
    [{ p: '', c: 'clients', i: 'a', r: null }, '"p" (the partition) must be a non-empty name'],
    [{ p: '__proto__', drop: true }, '"p" (the partition) must be a non-empty name'],
    // Drops.
    [{ p: 'v:t', drop: true }, undefined],
    [{ p: 'v:t', drop: false }, 'a drop is exactly {"p", "drop": true}'],
    [{ p: 'v:t', drop: 'yes' }, 'a drop is exactly {"p", "drop": true}'],
    [{ p: 'v:t', drop: true, c: 'clients' }, 'a drop is exactly {"p", "drop": true}'],
    // State changes.
    [{ p: 'v:t', s: { draws: 0, seeded: false } }, undefined],
    [{ p: 'v:t', s: { draws: 12, seeded: true, pristine: true } }, undefined],
    [{ p: 'v:t', s: { draws: 1, seeded: true }, c: 'x' }, 'a state change is exactly {"p", "s"}'],
    [{ p: 'v:t', s: null }, '"s" must be {"draws", "seeded", "pristine"?}'],
    [{ p: 'v:t', s: [] }, '"s" must be {"draws", "seeded", "pristine"?}'],
    [{ p: 'v:t', s: { draws: 1, seeded: true, other: 1 } }, '"s" must be {"draws", "seeded", "pristine"?}'],
    [{ p: 'v:t', s: { draws: -1, seeded: true } }, '"s.draws" must be a whole number'],
    [{ p: 'v:t', s: { draws: 1.5, seeded: true } }, '"s.draws" must be a whole number'],
    [{ p: 'v:t', s: { draws: '1', seeded: true } }, '"s.draws" must be a whole number'],
    [{ p: 'v:t', s: { seeded: true } }, '"s.draws" must be a whole number'],
    [{ p: 'v:t', s: { draws: 1, seeded: 'true' } }, '"s.seeded" must be true or false'],
    [{ p: 'v:t', s: { draws: 1 } }, '"s.seeded" must be true or false'],
    [{ p: 'v:t', s: { draws: 1, seeded: true, pristine: false } }, '"s.pristine" must be true when present'],
    // Batches.
    [{ b: [] }, undefined],
    [{ b: [{ p: 'v:t', drop: true }, { p: 'v:t', c: 'x', i: 'a', r: null }] }, undefined],
    [{ b: [{ p: 'v:t', drop: true }, { p: 'v:t', c: 'x', i: 'a', r: 5 }] }, 'in its list of changes: "r" must be the record, or null for a deletion'],
    [{ b: [{ b: [3] }] }, 'in its list of changes: in its list of changes: not a JSON object'],
    [{ b: {} }, '"b" must be the only field, a list of changes'],
    [{ b: [], p: 'v:t' }, '"b" must be the only field, a list of changes'],
    // Not an object at all.
    [null, 'not a JSON object'],
    [[], 'not a JSON object'],
    ['a', 'not a JSON object'],
    [3, 'not a JSON object'],
  ])('%j: %s', (value, problem) => {
    expect(mutationProblem(value)).toBe(problem);
  });
});

describe('reading a log', () => {
  const read = async (text: string, tornTailAllowed: boolean) => {
    const file = join(folder(), 'db.json.wal');
    writeFileSync(file, text);
    const applied: unknown[] = [];
    await readMutationLines(file, (mutation) => applied.push(mutation), { tornTailAllowed });
    return { file, applied };
  };
  const a = { p: 'v:t', c: 'x', i: 'a', r: { id: 'a' } };
  const b = { p: 'v:t', c: 'x', i: 'b', r: null };

  it('applies each change in order and skips blank lines', async () => {
    const { applied } = await read(`${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n`, false);
    expect(applied).toEqual([a, b]);
  });

  it('leaves out a torn last line only where a torn tail is allowed', async () => {
    const text = `${JSON.stringify(a)}\n{"p":"v:t","c":"x`;
    expect((await read(text, true)).applied).toEqual([a]);
    const file = join(folder(), 'db.json.wal');
    writeFileSync(file, text);
    await expect(readMutationLines(file, () => undefined, { tornTailAllowed: false })).rejects.toThrow(
      new RegExp(`^${file.replace(/[.]/g, '\\.')}, line 2: not JSON \\(.+\\); fix or remove that line to start$`),
    );
  });

  it('refuses a line that is not JSON when another follows it, naming the file and the line', async () => {
    const file = join(folder(), 'db.json.wal');
    writeFileSync(file, `${JSON.stringify(a)}\n\n{torn\n${JSON.stringify(b)}\n`);
    const error = await readMutationLines(file, () => undefined, { tornTailAllowed: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptLineError);
    expect((error as Error).message).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}, line 3: not JSON \\(`));
  });

  it('refuses a JSON line that is not a change, naming the file, the line and why', async () => {
    const file = join(folder(), 'db.json.wal');
    writeFileSync(file, `${JSON.stringify(a)}\n{"p":"v:t","drop":false}\n`);
    const applied: unknown[] = [];
    await expect(readMutationLines(file, (mutation) => applied.push(mutation), { tornTailAllowed: true })).rejects.toThrow(
      `${file}, line 2: a drop is exactly {"p", "drop": true}; fix or remove that line to start`,
    );
    expect(applied).toEqual([a]);
  });
});

describe('the write-ahead log', () => {
  it('appends whole lines, counts its bytes, and rotates into a fresh log at the same path', () => {
    const path = join(folder(), 'db.json.wal');
    writeFileSync(path, 'old\n');
    const log = new WriteAheadLog(path);
    expect(log.bytes).toBe(4);
    log.append('{"é":1}\n');
    // Bytes, not characters: é is two.
    expect(log.bytes).toBe(4 + 9);
    expect(readFileSync(path, 'utf8')).toBe('old\n{"é":1}\n');

    const rotated = `${path}.1`;
    log.rotate(rotated);
    expect(log.bytes).toBe(0);
    expect(readFileSync(rotated, 'utf8')).toBe('old\n{"é":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('');
    log.append('new\n');
    expect(log.bytes).toBe(4);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(readFileSync(rotated, 'utf8')).toBe('old\n{"é":1}\n');
    log.close();
    // Closed, it takes no more lines.
    expect(() => log.append('late\n')).toThrow(/EBADF/);
  });

  it('keeps the old log when no fresh one can be opened', () => {
    const dir = folder();
    const path = join(dir, 'db.json.wal');
    const log = new WriteAheadLog(path);
    log.append('kept\n');
    // A rotation target in a folder that does not exist: the rename fails first and nothing moves.
    expect(() => log.rotate(join(dir, 'missing', 'db.json.wal.1'))).toThrow();
    log.append('more\n');
    expect(readFileSync(path, 'utf8')).toBe('kept\nmore\n');
    log.close();
  });

  it('refuses a write the disk cannot take, and every later one once the torn line cannot be cut off', () => {
    // /dev/full refuses every write (ENOSPC) and cannot be truncated.
    if (!existsSync('/dev/full')) return;
    const log = new WriteAheadLog('/dev/full');
    const thrown = (append: () => void) => {
      try {
        append();
      } catch (error) {
        return error as Error;
      }
      throw new Error('the append did not throw');
    };
    const refused = thrown(() => log.append('{"p":"v:t","drop":true}\n'));
    expect(refused.message).toMatch(/^could not append to \/dev\/full: ENOSPC/);
    // The disk's own error is kept as the cause.
    expect(refused.cause).toMatchObject({ code: 'ENOSPC' });
    expect(log.bytes).toBe(0);
    const broken = thrown(() => log.append('next\n'));
    expect(broken.message).toMatch(/^\/dev\/full ends in a torn line that could not be cut off \(.+\); restart to repair it$/);
    expect(broken.cause).toMatchObject({ code: 'ENOSPC' });
    log.close();
  });
});
