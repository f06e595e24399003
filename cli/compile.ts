// Runs the front end on a script file: read (with includes) from disk,
// preprocess, parse, resolve and check against the modules siprc provides
// (compileFile) and, for the command line, the modules the script loads from
// JavaScript files and npm packages (compileFileWithModules).

import { readFileSync } from 'node:fs';
import { checkScript, type CheckedScript } from '../compiler/check.js';
import { ModuleRegistry } from '../compiler/registry.js';
import { parseScript, type ParseResult, type SourceLoader } from '../grammar/index.js';
import { preprocess, type PreprocessResult } from '../grammar/preprocess/preprocessor.js';
import { builtinModules } from '../modules/index.js';
import { compilePosixEre } from '../runtime/regex/posix-ere.js';
import { loadUserModules } from './user-modules/load.js';

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

function parseFile(path: string, defines: readonly string[]): ParseResult {
  return parseScript(path, { loader: fileLoader, defines, env: process.env, compileRegex: compilePosixEre });
}

export function compileFile(path: string, defines: readonly string[]): CheckedScript {
  return checkScript(parseFile(path, defines), { registry: new ModuleRegistry(builtinModules), compileRegex: compilePosixEre });
}

/** As compileFile, with the user's modules the script loads imported first (import() is asynchronous). */
export async function compileFileWithModules(path: string, defines: readonly string[]): Promise<CheckedScript> {
  const parse = parseFile(path, defines);
  const userModules = await loadUserModules(parse, path);
  return checkScript(parse, { registry: new ModuleRegistry(builtinModules, userModules), compileRegex: compilePosixEre });
}
