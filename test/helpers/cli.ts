import { spawn, type ChildProcess } from 'node:child_process';
import { packagePath } from '../../src/config/package-paths.js';

export interface RunningCli {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Signals the command and every process it started (npx runs the sandbox as its child), then waits for its exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const READY = /^kyc-sandbox listening on (http:\/\/\S+)$/m;

/** Runs a CLI command and resolves once it prints the ready line (or rejects if it exits first). */
export function startCommand(command: string, args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<RunningCli> {
  // A group of its own, so that stopping it reaches the grandchildren too.
  const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`no ready line within ${options.timeoutMs ?? 20000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 20000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = READY.exec(stdout);
      if (ready) {
        clearTimeout(timer);
        const stop = (signal: NodeJS.Signals = 'SIGTERM') => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            // the group has already exited
          }
          return exited;
        };
        resolve({ child, url: ready[1]!, stdout: () => stdout, stderr: () => stderr, exited, stop });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
}

/** The built CLI (`npm test` builds first). */
export const CLI = packagePath('dist', 'cli', 'main.js');

export function startCli(args: string[]): Promise<RunningCli> {
  return startCommand(process.execPath, [CLI, ...args]);
}
