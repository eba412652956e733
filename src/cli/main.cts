#!/usr/bin/env -S node --max-semi-space-size=2
// The `kyc-sandbox` command's entry. Compiling the command's bundle (command.ts with its libraries)
// is a good part of a start, so it is compiled from V8's code cache when one was made for this very
// bundle, Node and flags: by the build (scripts/warm-code-cache.mjs), else by an earlier run. Node 20's
// ESM loader takes no code cache, hence CommonJS here and a vm.Script; Node's own compile cache
// (module.enableCompileCache) comes only with Node 22. A cache that cannot be read, is refused by V8
// or cannot be written costs nothing but a normal compile. The bundle has no import() left: a script
// compiled from a cache cannot import under Node 20.
import crypto = require('node:crypto');
import fs = require('node:fs');
import path = require('node:path');
import vm = require('node:vm');

/** The bundle's SHA-256, set by the build: V8 checks a cache against the length of its source only. */
declare const COMMAND_SOURCE_HASH: string;

const commandFile = path.join(__dirname, 'command.cjs');
const cacheFolder = path.join(__dirname, 'code-cache');
// V8 refuses a cache made by another version or under other flags: each such setting has its own file,
// so that runs with different flags do not overwrite each other's.
const cacheKey = [COMMAND_SOURCE_HASH, process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\n');
const cacheFile = path.join(cacheFolder, `${crypto.createHash('sha256').update(cacheKey).digest('hex').slice(0, 32)}.bin`);

// V8 deserialises a cache unchecked (a damaged one crashes the process), hence a digest ahead of it.
const DIGEST_BYTES = 32;
const digestOf = (data: Buffer) => crypto.createHash('sha256').update(data).digest();

function readCache(): Buffer | undefined {
  let file: Buffer;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const data = file.subarray(DIGEST_BYTES);
  return digestOf(data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

function writeCache(data: Buffer): void {
  // Written aside and renamed, so that a run starting meanwhile reads a whole cache or none.
  const partial = `${cacheFile}.${process.pid}`;
  try {
    fs.mkdirSync(cacheFolder, { recursive: true });
  } catch {
    return;
  }
  try {
    fs.writeFileSync(partial, Buffer.concat([digestOf(data), data]));
    fs.renameSync(partial, cacheFile);
  } catch {
    fs.rmSync(partial, { force: true });
  }
}

/** The command's script, and whether a cache served its compile: in a function, so the cache's bytes are not kept. */
function compileCommand(): { script: vm.Script; compiledFromCache: boolean } {
  const cachedData = readCache();
  // The build writes the bundle in ASCII, so it is read a byte a character, without decoding UTF-8, and
  // already wrapped as Node wraps a CommonJS module: a function of exports, require, module and the paths.
  const script = new vm.Script(fs.readFileSync(commandFile, 'latin1'), {
    filename: commandFile,
    cachedData,
  });
  return { script, compiledFromCache: cachedData !== undefined && !script.cachedDataRejected };
}

const { script, compiledFromCache } = compileCommand();
const command = { exports: {} as { serving?: Promise<void> } };
(script.runInThisContext() as (...parameters: unknown[]) => void).call(command.exports, command.exports, require, command, commandFile, __dirname);

// Made at exit, once the sandbox has served: the cache then holds what a start and its first requests compile.
if (!compiledFromCache) {
  void command.exports.serving?.then(() => process.once('exit', () => writeCache(script.createCachedData())));
}
