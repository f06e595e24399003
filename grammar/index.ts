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
import * as T from './tokens.js';

export interface ParseResult {
  readonly script: Script;
  readonly sources: SourceSet;
  readonly defines: DefineTable;
  readonly tokens: readonly Token[];
  readonly diagnostics: Diagnostic[];
  /** Where a suspected missing quote starts: what follows it is not reliable (see limitQuoteCascade). */
  readonly unreliableFrom?: Span;
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
  const syntax = limitQuoteCascade(syntaxErrors(parser.errors, pre.tokens, pre.sources), pre.tokens, pre.sources);
  const from = syntax.unreliableFrom;
  // Past a suspected missing quote nothing is reliable, nor is an #!ifdef before it "never closed": its #!endif may be inside a string.
  const unreliable = (d: Diagnostic): boolean => from !== undefined && (d.code === 'E0101' || (d.span.file === from.file && d.span.start > from.start));
  const diagnostics = [...pre.diagnostics.filter((d) => !unreliable(d)), ...syntax.errors];
  return { script: buildScript(cst), sources: pre.sources, defines: pre.defines, tokens: pre.tokens, diagnostics, unreliableFrom: syntax.unreliableFrom };
}

type SyntaxError = Diagnostic & { readonly tokenIndex: number };

function syntaxErrors(errors: readonly IRecognitionException[], tokens: readonly Token[], sources: SourceSet): SyntaxError[] {
  const out: SyntaxError[] = [];
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
    out.push({ ...diagnostic(missingSemicolon ? 'E0302' : 'E0301', span, error.message, notes), tokenIndex: atEnd ? tokens.length : (token.index ?? 0) });
  }
  return out;
}

/**
 * A missing quote makes the scanner read the rest of the script inside out:
 * strings become code and code becomes strings, and every line after it
 * fails. Its sign is a string running across lines with a syntax error on
 * its first line or after it. Then only the errors before that string are
 * kept, and the first after it when its line had none; the string is named
 * in a note, and `unreliableFrom` tells later stages to keep quiet past it.
 */
function limitQuoteCascade(errors: SyntaxError[], tokens: readonly Token[], sources: SourceSet): { errors: Diagnostic[]; unreliableFrom?: Span } {
  const lineOf = (t: Token): number => lineStart(tokens, t.index!, sources);
  const suspect = tokens.find((t) => t.tokenType === T.StringLiteral && t.image.includes('\n') && errors.some((e) => e.tokenIndex >= lineOf(t)));
  if (!suspect) return { errors: errors.map(withoutIndex) };
  const before = errors.filter((e) => e.tokenIndex < suspect.index!);
  const onItsLine = before.some((e) => e.tokenIndex >= lineOf(suspect));
  const kept = onItsLine ? before : [...before, ...errors.filter((e) => e.tokenIndex > suspect.index!).slice(0, 1)];
  const note = { message: 'this string runs across lines: if a quote is missing before it, the rest of the script is read inside out, so what follows is not checked', span: suspect.span };
  const out = kept.map(withoutIndex);
  const last = out[out.length - 1];
  if (last) out[out.length - 1] = { ...last, notes: [...last.notes, note] };
  return { errors: out, unreliableFrom: suspect.span };
}

function withoutIndex({ tokenIndex: _, ...d }: SyntaxError): Diagnostic {
  return d;
}

/** The index of the first token on the same line (and file) as token `index`. */
function lineStart(tokens: readonly Token[], index: number, sources: SourceSet): number {
  const file = tokens[index]!.span.file;
  const text = sources.get(file).text;
  let i = index;
  while (i > 0) {
    const previous = tokens[i - 1]!.span;
    if (previous.file !== file || text.lastIndexOf('\n', tokens[i]!.span.start - 1) >= previous.end) break;
    i--;
  }
  return i;
}

export type { Script } from './ast.js';
export type { Diagnostic } from './diagnostics.js';
export type { SourceLoader } from './preprocess/preprocessor.js';
