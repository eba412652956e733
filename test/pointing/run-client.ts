import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A client script of this folder's `clients/`. */
export const clientScript = (name: string) => fileURLToPath(new URL(`./clients/${name}`, import.meta.url));

/**
 * The environment a user's process would have: this one's without any proxy setting or the test
 * runner's NODE_OPTIONS, and `extra` on top.
 */
export function cleanEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(https?_proxy|all_proxy|no_proxy|node_options|node_use_env_proxy|node_extra_ca_certs|kyc_sandbox_.*)$/i.test(name)) continue;
    environment[name] = value;
  }
  return { ...environment, ...extra };
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, with a clean environment plus `extra`. */
export function run(command: string, args: string[], extra: Record<string, string> = {}, timeoutMs = 60_000): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(command, args, { env: cleanEnvironment(extra), timeout: timeoutMs, maxBuffer: 8 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The JSON a client script printed, or a failure that shows what it wrote to stderr. */
export function printed<T = any>(finished: Finished): T {
  if (finished.code !== 0) throw new Error(`the client exited ${finished.code}:\n${finished.stderr}\n${finished.stdout}`);
  return JSON.parse(finished.stdout) as T;
}
