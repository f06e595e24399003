// The line transformation class of Kamailio 5.6's pv module, on text with
// LF-separated lines (a CR before the LF is dropped from a line): count
// (given as text, as Kamailio 5.6 gives it), at (an index from 0, negative
// from the end) and sw (the first line starting with a prefix). A line that
// does not exist gives ''. line.at with a negative index follows Kamailio
// 5.6 exactly, including its answer for an empty line ("a\n\nb" at -2 is
// "a\n").

import type { TransformParam, Value } from '../../api.js';
import { fromBytes, nonEmptyBytes } from '../../kit/bytes.js';
import { simple, transformationClass, type MethodDecl } from '../../kit/transformation-class.js';
import { intParam, strParam, type ParamReader } from '../../kit/params.js';

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return s.endsWith('\n') ? n : n + 1;
}

/** The line from `start` up to the next LF (or the end). */
function lineFrom(s: string, start: number): string {
  const lf = s.indexOf('\n', start);
  return s.slice(start, lf < 0 ? s.length : lf);
}

/** The last LF in s[0, before), or -1 (none when `before` <= 0). */
function lastLf(s: string, before: number): number {
  return before <= 0 ? -1 : s.lastIndexOf('\n', before - 1);
}

function lineAt(s: string, n: number): string {
  if (n >= 0) {
    let p = 0;
    for (let i = 0; i < n; i++) {
      const lf = s.indexOf('\n', p);
      if (lf < 0) return '';
      p = lf + 1;
    }
    return lineFrom(s, p);
  }
  // Kamailio walks back from the last character (a final LF skipped), keeping
  // `end` on the line's last character and `p` one before the LF ahead of it.
  let end = s.length - 1;
  if (s[end] === '\n') end--;
  const wanted = -n;
  let lf = lastLf(s, end);
  let p: number | undefined = lf < 0 ? undefined : lf - 1;
  let found = 1;
  while (found < wanted && p !== undefined) {
    end = p;
    lf = lastLf(s, p);
    p = lf < 0 ? undefined : lf - 1;
    found++;
  }
  if (found !== wanted) return '';
  return p === undefined ? s.slice(0, end + 1) : s.slice(p + 2, end + 1);
}

function lineStartingWith(s: string, prefix: string): string {
  if (s.length < prefix.length) return '';
  for (let p = 0; ; ) {
    if (s.startsWith(prefix, p)) return lineFrom(s, p);
    const lf = s.indexOf('\n', p);
    if (lf < 0 || lf + 1 > s.length - prefix.length) return '';
    p = lf + 1;
  }
}

/** A method giving a line; a CR at its end is dropped. */
function lineMethod<P>(read: (params: readonly TransformParam[]) => ParamReader<P>, find: (s: string, arg: P) => string): MethodDecl {
  return {
    params: 1,
    compile(params) {
      const arg = read(params);
      return (value: Value, ctx) => {
        const s = nonEmptyBytes(value);
        const a = arg(ctx);
        if (s === null || a === null) return null;
        const line = find(s, a);
        return fromBytes(line.endsWith('\r') ? line.slice(0, -1) : line);
      };
    },
  };
}

export const lineTransformations = transformationClass('line', {
  count: simple((value) => {
    const s = nonEmptyBytes(value);
    return s === null ? null : String(countLines(s));
  }),
  at: lineMethod((p) => intParam(p[0]!, 'the index of line.at'), lineAt),
  sw: lineMethod((p) => strParam(p[0]!, 'the prefix of line.sw'), lineStartingWith),
});
