import { closeSync, fstatSync, ftruncateSync, openSync, renameSync, writeSync } from 'node:fs';

/**
 * The append-only log beside the snapshot (`FILE.wal`). A change is answered only once its line is
 * written; a line that cannot be written whole is cut off again, so a full disk leaves no torn line
 * in the middle of the log for the next start to refuse.
 */
export class WriteAheadLog {
  #fd: number;
  #bytes: number;
  /** Set when a torn line could not be cut off: appending after it would bury it mid-log. */
  #broken: Error | undefined;

  constructor(readonly path: string) {
    this.#fd = openSync(path, 'a');
    this.#bytes = fstatSync(this.#fd).size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  append(line: string): void {
    if (this.#broken) throw this.#broken;
    const bytes = Buffer.from(line);
    try {
      for (let written = 0; written < bytes.length; ) written += writeSync(this.#fd, bytes, written);
    } catch (error) {
      const failure = new Error(`could not append to ${this.path}: ${(error as Error).message}`, { cause: error });
      try {
        ftruncateSync(this.#fd, this.#bytes);
      } catch (truncation) {
        this.#broken = new Error(`${this.path} ends in a torn line that could not be cut off (${(truncation as Error).message}); restart to repair it`, {
          cause: error,
        });
      }
      throw failure;
    }
    this.#bytes += bytes.length;
  }

  /**
   * Moves the log's lines to `rotated` and goes on in a fresh log at the same path. The old log stays
   * in use until the fresh one is open, so there is no moment without a log to append to.
   */
  rotate(rotated: string): void {
    renameSync(this.path, rotated);
    let fresh: number;
    try {
      fresh = openSync(this.path, 'a');
    } catch (error) {
      renameSync(rotated, this.path);
      throw error;
    }
    closeSync(this.#fd);
    this.#fd = fresh;
    this.#bytes = 0;
    this.#broken = undefined;
  }

  close(): void {
    closeSync(this.#fd);
  }
}
