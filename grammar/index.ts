// The grammar stage's entry: script path in, action tree and diagnostics out.

import { EOF, type IRecognitionException } from 'chevrotain';
import type { Script } from './ast.js';
import { buildScript } from './build.js';
import { diagnostic, type Diagnostic } from './diagnostics.js';
import { scriptParser } from './parser.js';
import type { DefineTable } from './preprocess/defines.js';
import { preprocess, type PreprocessOptions } from './preprocess/preprocessor.js';
import type { SourceSet, Span } from './source.js';
import type { Token } from './token.js';

export interface ParseResult {
  readonly script: Script;
  readonly sources: SourceSet;
  readonly defines: DefineTable;
  readonly tokens: readonly Token[];
  readonly diagnostics: Diagnostic[];
}

export interface ParseOptions extends PreprocessOptions {
  /** Check the grammar itself while building the parser (tests do; the CLI skips it for speed). */
  readonly validateGrammar?: boolean;
}

export function parseScript(entryPath: string, options: ParseOptions): ParseResult {
  const pre = preprocess(entryPath, options);
  pre.tokens.forEach((t, i) => (t.index = i));
  let parser = scriptParser(false, !options.validateGrammar);
  parser.input = pre.tokens;
  let cst = parser.script();
  if (parser.errors.length > 0) {
    parser = scriptParser(true, !options.validateGrammar);
    parser.input = pre.tokens;
    cst = parser.script();
  }
  const diagnostics = [...pre.diagnostics, ...syntaxErrors(parser.errors, pre.tokens, pre.sources)];
  return { script: buildScript(cst), sources: pre.sources, defines: pre.defines, tokens: pre.tokens, diagnostics };
}

function syntaxErrors(errors: readonly IRecognitionException[], tokens: readonly Token[], sources: SourceSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const last = tokens[tokens.length - 1];
  const endOfScript: Span = last ? { file: last.span.file, start: last.span.end, end: last.span.end } : { file: 0, start: 0, end: 0 };
  let previousStart = -1;
  for (const error of errors) {
    const token = error.token as Token;
    const atEnd = token.tokenType === EOF || !token.span;
    const span = atEnd ? endOfScript : token.span;
    // One error per token: recovery may report the same place twice.
    const key = span.file * 1e9 + span.start;
    if (key === previousStart) continue;
    previousStart = key;
    const missingSemicolon = error.message.startsWith('missing `;`');
    const notes = [];
    const before = (error as { previousToken?: Token }).previousToken;
    if (missingSemicolon && before?.span) {
      notes.push({ message: 'the statement before it ends here', span: { file: before.span.file, start: before.span.end, end: before.span.end } });
    }
    if (token.definedAt) notes.push({ message: `this comes from a #!define: ${sources.text(token.definedAt)}`, span: token.definedAt });
    out.push(diagnostic(missingSemicolon ? 'E0302' : 'E0301', span, error.message, notes));
  }
  return out;
}

export type { Script } from './ast.js';
export type { Diagnostic } from './diagnostics.js';
export type { SourceLoader } from './preprocess/preprocessor.js';
