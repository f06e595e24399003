// Shared helpers for tests: run the front end on in-memory scripts.

import { checkScript, type CheckedScript } from '../compiler/check.js';
import { ModuleRegistry } from '../compiler/registry.js';
import type { Diagnostic } from '../grammar/diagnostics.js';
import { parseScript, type ParseResult } from '../grammar/index.js';
import type { ModuleDecl } from '../modules/api.js';
import { compilePosixEre } from '../runtime/regex/posix-ere.js';
import { fixtureModules } from './fixtures/modules.js';

export function memoryLoader(files: Record<string, string>): { read(path: string): string | undefined } {
  return { read: (path: string) => files[path] };
}

export interface TestOptions {
  readonly files?: Record<string, string>;
  readonly defines?: readonly string[];
  readonly env?: Record<string, string>;
  readonly modules?: readonly ModuleDecl[];
}

export function parseText(text: string, options: TestOptions = {}): ParseResult {
  return parseScript('test.cfg', {
    loader: memoryLoader({ 'test.cfg': text, ...options.files }),
    defines: options.defines ?? [],
    env: options.env ?? {},
    compileRegex: compilePosixEre,
    validateGrammar: true,
  });
}

export function checkText(text: string, options: TestOptions = {}): CheckedScript {
  return checkScript(parseText(text, options), {
    registry: new ModuleRegistry(options.modules ?? fixtureModules),
    compileRegex: compilePosixEre,
  });
}

export interface Found {
  readonly code: string;
  readonly at: string;
  readonly message: string;
}

/** Diagnostics as `{code, at: "line:col", message}`, in script order. */
export function found(diagnostics: readonly Diagnostic[], sources: ParseResult['sources']): Found[] {
  return [...diagnostics]
    .sort((a, b) => a.span.file - b.span.file || a.span.start - b.span.start)
    .map((d) => {
      const p = sources.get(d.span.file).position(d.span.start);
      return { code: d.code, at: `${p.line}:${p.column}`, message: d.message };
    });
}

export function diagnosticsOf(text: string, options: TestOptions = {}): Found[] {
  const checked = checkText(text, options);
  return found(checked.diagnostics, checked.parse.sources);
}

/** Just `CODE@line:col` strings, the compact form most tests compare. */
export function codesOf(text: string, options: TestOptions = {}): string[] {
  return diagnosticsOf(text, options).map((d) => `${d.code}@${d.at}`);
}

/**
 * A result that is only a Promise when something waited (a module starting
 * on storage, a command of the request route): for runs that cannot wait.
 */
export function settledNow<T>(value: T | Promise<T>): T {
  if (value instanceof Promise) throw new Error('this run waited: await it instead');
  return value;
}
