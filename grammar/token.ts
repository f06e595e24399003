// The token value that flows from the scanner through the preprocessor to the
// parser: a Chevrotain IToken that also carries its span and decoded value.

import type { IToken, TokenType } from 'chevrotain';
import type { Span } from './source.js';

export interface Token extends IToken {
  /** Where the user wrote it: for a token produced by a #!define, the name's use site. */
  readonly span: Span;
  /** For a token produced by a #!define: where the define's value text is. */
  readonly definedAt?: Span;
  /** Decoded value: the text of a string (escapes resolved), the value of a number. */
  readonly value: string | number;
  /** For strings: the quote that opened it. */
  readonly quote?: '"' | "'";
  /** Position in the parser's token stream (set once preprocessing is done). */
  index?: number;
}

export function makeToken(
  tokenType: TokenType,
  image: string,
  span: Span,
  value: string | number = image,
  quote?: '"' | "'",
): Token {
  return {
    image,
    startOffset: span.start,
    endOffset: span.end - 1,
    tokenType,
    tokenTypeIdx: tokenType.tokenTypeIdx!,
    span,
    value,
    ...(quote ? { quote } : {}),
  };
}

/** A copy of a token produced by expanding a #!define at `useSite`. */
export function expandedToken(token: Token, useSite: Span): Token {
  return {
    ...token,
    startOffset: useSite.start,
    endOffset: useSite.end - 1,
    span: useSite,
    definedAt: token.definedAt ?? token.span,
  };
}
