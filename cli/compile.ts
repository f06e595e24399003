// Runs the front end on a script file: read (with includes) from disk,
// preprocess, parse, resolve and check against the modules siprc provides.

import { readFileSync } from 'node:fs';
import { checkScript, type CheckedScript } from '../compiler/check.js';
import { ModuleRegistry } from '../compiler/registry.js';
import { parseScript, type SourceLoader } from '../grammar/index.js';
import { preprocess, type PreprocessResult } from '../grammar/preprocess/preprocessor.js';
import { builtinModules } from '../modules/index.js';
import { compilePosixEre } from '../runtime/regex/posix-ere.js';

export const fileLoader: SourceLoader = {
  read(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export function preprocessFile(path: string, defines: readonly string[]): PreprocessResult {
  return preprocess(path, { loader: fileLoader, defines, env: process.env, compileRegex: compilePosixEre });
}

export function compileFile(path: string, defines: readonly string[]): CheckedScript {
  const parse = parseScript(path, { loader: fileLoader, defines, env: process.env, compileRegex: compilePosixEre });
  return checkScript(parse, { registry: new ModuleRegistry(builtinModules), compileRegex: compilePosixEre });
}
