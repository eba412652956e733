import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';

interface Holder {
  pid: number;
  host: string;
}

/**
 * One process per data file: `FILE.lock` names the process that holds it. Two processes appending
 * to one log and rewriting one snapshot would each lose the other's acknowledged writes.
 *
 * Hand-rolled rather than proper-lockfile: that library tells a dead holder by a lock older than its
 * refresh period (seconds), so a sandbox restarted right after a crash would be refused or made to
 * wait, while a dead process id on this host is certain at once.
 */
export class FileLock {
  private constructor(
    readonly path: string,
    private readonly content: string,
  ) {}

  /** Takes the lock of `file`, or throws naming it and the process that holds it. */
  static acquire(file: string): FileLock {
    const path = `${file}.lock`;
    const content = JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder);
    // Written beside the lock and linked into place, so the lock never exists half written.
    const draft = `${path}.${process.pid}`;
    writeFileSync(draft, content);
    try {
      for (;;) {
        try {
          linkSync(draft, path);
          return new FileLock(path, content);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const held = readIfPresent(path);
        if (held === undefined) continue;
        const holder = parseHolder(held);
        if (holder && holderAlive(holder)) {
          throw new Error(
            `${file} is in use by kyc-sandbox process ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}; ` +
              'two processes on one file would lose each other’s writes: stop it, or give this one another --db',
          );
        }
        if (!holder) throw new Error(`${file} is locked by ${path}, which does not name its process; remove it if no kyc-sandbox uses ${file}`);
        removeIfStill(path, held);
      }
    } finally {
      unlinkSync(draft);
    }
  }

  /** Gives the lock up, unless it was taken from this process meanwhile. */
  release(): void {
    removeIfStill(this.path, this.content);
  }
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(content: string): Holder | undefined {
  try {
    const holder = JSON.parse(content) as Partial<Holder>;
    return Number.isInteger(holder.pid) && typeof holder.host === 'string' ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** A process on another host cannot be checked from here: it counts as alive. */
function holderAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, owned by another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the lock if it still holds `content`. It is first moved aside, atomically, so that of two
 * processes removing the same dead holder's lock, the slower cannot remove the faster one's new lock:
 * it finds that lock aside instead, and puts it back.
 */
function removeIfStill(path: string, content: string): void {
  const aside = `${path}.${process.pid}.old`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') !== content) {
    try {
      linkSync(aside, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  unlinkSync(aside);
}
