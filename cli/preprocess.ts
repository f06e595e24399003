// `siprc preprocess`: the script as the parser sees it — includes inlined,
// false #!ifdef regions dropped, defines expanded, #!subst applied — with an
// optional standard source map leading every token back to where it was
// written (`kamailio --cfg-print`, plus positions).

import { SourceMapGenerator } from 'source-map';
import type { SourceSet } from '../grammar/source.js';
import type { Token } from '../grammar/token.js';
import * as T from '../grammar/tokens.js';

export interface PreprocessedText {
  readonly text: string;
  /** The source map (version 3) of `text`, as JSON. */
  readonly map: string;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** A token as text: strings re-quoted from their final value (joins and #!subst may have changed it). */
function tokenText(token: Token): string {
  if (token.tokenType !== T.StringLiteral) return token.image;
  const value = String(token.value);
  if (token.quote === "'" && !value.includes("'")) return `'${value}'`;
  return `"${value.replace(/[\\"\n\r\t]/g, (c) => ESCAPES[c]!)}"`;
}

export function preprocessedText(tokens: readonly Token[], sources: SourceSet, outputName: string): PreprocessedText {
  const map = new SourceMapGenerator({ file: outputName });
  for (const file of sources.files) {
    if (!file.path.startsWith('<')) map.setSourceContent(file.path, file.text);
  }
  let text = '';
  let line = 1;
  let column = 0;
  let previous: Token | undefined;
  for (const token of tokens) {
    const file = sources.get(token.span.file);
    const at = file.position(token.span.start);
    if (previous) {
      const before = sources.get(previous.span.file).position(previous.span.start);
      const sameLine = previous.span.file === token.span.file && before.line === at.line;
      if (!sameLine) {
        const indent = /^[ \t]*/.exec(file.lineText(at.line))![0];
        text += `\n${indent}`;
        line++;
        column = indent.length;
      } else if (previous.span.end !== token.span.start || previous.span.start === token.span.start) {
        // A gap in the source, or two tokens of the same define's value.
        text += ' ';
        column++;
      }
    }
    map.addMapping({
      generated: { line, column },
      original: { line: at.line, column: at.column - 1 },
      source: file.path,
    });
    const piece = tokenText(token);
    text += piece;
    const newlines = piece.split('\n');
    if (newlines.length > 1) {
      line += newlines.length - 1;
      column = newlines[newlines.length - 1]!.length;
    } else {
      column += piece.length;
    }
    previous = token;
  }
  return { text: `${text}\n`, map: map.toString() };
}
