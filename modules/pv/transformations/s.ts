// The s (string) transformation class of Kamailio 5.6's pv module: lengths
// and integers, hashes, codecs, escapes, slicing and editing. A value that
// is not set makes each of them fail (null); an integer is used as its
// decimal text. s.decode.base58, s.rbefore and s.rafter do what the
// transformations cookbook says, where Kamailio 5.6.3 gets them wrong
// (docs/dialect.md). Left out: the methods 5.6 does not have (s.sha1,
// s.crc32, ...).

import { FixupError, type TransformParam, type Value } from '../../api.js';
import { fromBytes, isAscii, valueBytes } from '../../kit/bytes.js';
import * as codec from './codecs.js';
import * as escape from './escapes.js';
import { coreHash, hexDigest } from './hashes.js';
import { constant, intParam, parseIntParam, parseStrParam, strParam, type ParamReader } from '../../kit/params.js';
import { simple, transformationClass, type MethodDecl } from '../../kit/transformation-class.js';
import { strftime } from './strftime.js';
import * as text from './text.js';

/** A method mapping the value's bytes to new bytes (null: it fails). */
function bytewise(f: (bytes: string) => string | null): MethodDecl {
  return simple((value) => {
    const bytes = valueBytes(value);
    if (bytes === null) return null;
    const out = f(bytes);
    return out === null ? null : fromBytes(out);
  });
}

/** A method with parameters read per message, mapping the value's bytes to new bytes. */
function withParams<P extends unknown[]>(
  params: number | readonly [number, number],
  prepare: (params: readonly TransformParam[]) => { readonly [K in keyof P]: ParamReader<P[K]> },
  f: (bytes: string, ...args: P) => string | null,
): MethodDecl {
  return {
    params,
    compile(list) {
      const readers = prepare(list);
      return (value, ctx) => {
        const bytes = valueBytes(value);
        if (bytes === null) return null;
        const args: unknown[] = [];
        for (const read of readers) {
          const arg = read(ctx);
          if (arg === null) return null;
          args.push(arg);
        }
        const out = f(bytes, ...(args as P));
        return out === null ? null : fromBytes(out);
      };
    },
  };
}

/**
 * The single-character parameter of count, before, after (Kamailio reads
 * a ',' here: `{s.count,,}`); a constant's first byte is used, and an
 * empty constant compares with the '}' after it, as in Kamailio.
 */
function charParam(params: readonly TransformParam[], method: string): ParamReader<string> {
  const [first, second] = params;
  const what = `the parameter of s.${method}`;
  if (second === undefined) return firstChar(strParam(first!, what));
  if (first!.dynamic || second.text !== '' || second.dynamic) throw new FixupError(`\`s.${method}\` takes one parameter`);
  return firstChar(constant(parseStrParam(first!.text, what) + ','));
}

function firstChar(read: ParamReader<string>): ParamReader<string> {
  return (ctx) => {
    const s = read(ctx);
    return s === null ? null : s === '' ? '}' : s[0]!;
  };
}

/** The separator of s.select: one character, `\\`, `\n`, `\r` or `\t`, or a comma (`{s.select,1,,}`). */
function selectSeparator(params: readonly TransformParam[]): string {
  const [, sep, extra] = params;
  if (extra !== undefined) {
    if (sep!.text === '' && extra.text === '' && !sep!.dynamic && !extra.dynamic) return ',';
    throw new FixupError('`s.select` takes an index and a separator');
  }
  const escapes: Readonly<Record<string, string>> = { '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t' };
  const value = sep!.text.length === 1 ? sep!.text : escapes[sep!.text];
  if (sep!.dynamic || value === undefined) throw new FixupError(`bad separator \`${sep!.text}\` for s.select: one character, \\\\, \\n, \\r or \\t`);
  return value;
}

/** The search text of replace and rm: Kamailio loops forever on an empty one, siprc refuses it. */
function searchParam(param: TransformParam, method: string): ParamReader<string> {
  if (!param.dynamic && param.text === '') throw new FixupError(`the text to ${method} must not be empty`);
  return strParam(param, `the text of s.${method}`);
}

/** An integer parameter that Kamailio refuses at start-up when it is a negative constant. */
function nonNegative(param: TransformParam, what: string): ParamReader<number> {
  if (!param.dynamic && parseIntParam(param.text, what) < 0) throw new FixupError(`${what} must not be negative`);
  return intParam(param, what);
}

function prefixesMethod(method: string, quoted: boolean): MethodDecl {
  return withParams<[number | undefined]>([0, 1], (p) => [p[0] ? intParam(p[0], `the length of s.${method}`) : constant(undefined)], (b, max) => text.prefixes(b, max, quoted));
}

function fmtLinesMethod(method: string, pad: ' ' | '\t'): MethodDecl {
  return withParams<[number, number]>(
    2,
    (p) => [nonNegative(p[0]!, `the line length of s.${method}`), nonNegative(p[1]!, `the padding of s.${method}`)],
    (b, width, indent) => text.fmtLines(b, width, indent, pad),
  );
}

/** s.int: optional sign and digits (none at all is 0), within 32 bits; anything else fails. */
function toInteger(value: Value): Value {
  if (value === null || typeof value === 'number') return value;
  if (!/^[+-]?\d*$/.test(value)) return null;
  const n = Number(value.replace(/^([+-]?)$/, '0'));
  return n >= -2147483648 && n <= 2147483647 ? n + 0 : null;
}

/**
 * tolower and toupper: an ASCII string maps as it is, with one check (the
 * bytes of ASCII text are the text, and its case mapped stays ASCII); any
 * other value byte by byte, only A-Z and a-z changing, as in Kamailio.
 */
function caseMap(ascii: (text: string) => string, bytes: (b: string) => string): MethodDecl {
  const byBytes = bytewise(bytes).compile([]);
  return simple((value, ctx) => (typeof value === 'string' && isAscii(value) ? ascii(value) : byBytes(value, ctx)));
}

/** unquote and unbracket keep a value shorter than 2 (an integer stays an integer). */
function stripPair(f: (s: string) => string): MethodDecl {
  const change = bytewise(f).compile([]);
  return simple((value, ctx) => (value !== null && String(value).length < 2 ? value : change(value, ctx)));
}

const METHODS: Readonly<Record<string, MethodDecl>> = {
  len: simple((value) => {
    const bytes = valueBytes(value);
    return bytes === null ? null : bytes.length;
  }),
  int: simple(toInteger),
  md5: bytewise((b) => hexDigest('md5', b)),
  sha256: bytewise((b) => hexDigest('sha256', b)),
  sha384: bytewise((b) => hexDigest('sha384', b)),
  sha512: bytewise((b) => hexDigest('sha512', b)),
  tolower: caseMap((t) => t.toLowerCase(), text.asciiLower),
  toupper: caseMap((t) => t.toUpperCase(), text.asciiUpper),
  numeric: bytewise(text.digitsOnly),
  'encode.hexa': bytewise(codec.encodeHex),
  'decode.hexa': bytewise(codec.decodeHex),
  'encode.7bit': bytewise(codec.encode7bit),
  'decode.7bit': bytewise(codec.decode7bit),
  'encode.base58': bytewise(codec.encodeBase58),
  'decode.base58': bytewise(codec.decodeBase58),
  'encode.base64': bytewise(codec.encodeBase64),
  'decode.base64': bytewise(codec.decodeBase64),
  'encode.base64t': bytewise(codec.encodeBase64Trimmed),
  'decode.base64t': bytewise(codec.decodeBase64Trimmed),
  'encode.base64url': bytewise(codec.encodeBase64Url),
  'decode.base64url': bytewise(codec.decodeBase64Url),
  'encode.base64urlt': bytewise(codec.encodeBase64UrlTrimmed),
  'decode.base64urlt': bytewise(codec.decodeBase64UrlTrimmed),
  'escape.common': bytewise(escape.escapeCommon),
  'unescape.common': bytewise(escape.unescapeCommon),
  'escape.user': bytewise(escape.escapeUser),
  'unescape.user': bytewise(escape.unescapePercent),
  'escape.param': bytewise(escape.escapeParam),
  'unescape.param': bytewise(escape.unescapePercent),
  'escape.csv': bytewise(escape.escapeCsv),
  'urlencode.param': bytewise(escape.urlEncode),
  'urldecode.param': bytewise(escape.urlDecode),
  trim: bytewise((b) => text.trimEnd(text.trimStart(b))),
  ltrim: bytewise(text.trimStart),
  rtrim: bytewise(text.trimEnd),
  rmws: bytewise(text.removeBlanks),
  unquote: stripPair(text.unquote),
  unbracket: stripPair(text.unbracket),
  prefixes: prefixesMethod('prefixes', false),
  'prefixes.quoted': prefixesMethod('prefixes.quoted', true),
  substr: withParams<[number, number]>(2, (p) => [intParam(p[0]!, 'the offset of s.substr'), nonNegative(p[1]!, 'the length of s.substr')], text.substr),
  select: withParams<[number, string]>([2, 3], (p) => [intParam(p[0]!, 'the index of s.select'), constant(selectSeparator(p))], text.select),
  strip: withParams<[number]>(1, (p) => [intParam(p[0]!, 'the length of s.strip')], (b, n) => text.strip(b, n, false)),
  striptail: withParams<[number]>(1, (p) => [intParam(p[0]!, 'the length of s.striptail')], (b, n) => text.strip(b, n, true)),
  stripto: withParams<[string]>(1, (p) => [firstChar(strParam(p[0]!, 'the parameter of s.stripto'))], text.stripTo),
  before: withParams<[string]>([1, 2], (p) => [charParam(p, 'before')], text.before),
  after: withParams<[string]>([1, 2], (p) => [charParam(p, 'after')], text.after),
  rbefore: withParams<[string]>([1, 2], (p) => [charParam(p, 'rbefore')], text.rbefore),
  rafter: withParams<[string]>([1, 2], (p) => [charParam(p, 'rafter')], text.rafter),
  replace: withParams<[string, string]>(2, (p) => [searchParam(p[0]!, 'replace'), strParam(p[1]!, 'the replacement of s.replace')], (b, what, by) => b.split(what).join(by)),
  rm: withParams<[string]>(1, (p) => [removedText(p[0]!)], (b, what) => b.split(what).join('')),
  fmtlines: fmtLinesMethod('fmtlines', ' '),
  fmtlinet: fmtLinesMethod('fmtlinet', '\t'),
  ftime: {
    params: 1,
    compile(p) {
      const format = strParam(p[0]!, 'the format of s.ftime');
      return (value, ctx) => {
        const seconds = toInteger(value);
        const f = format(ctx);
        return seconds === null || f === null ? null : fromBytes(strftime(f, Number(seconds)));
      };
    },
  },
  count: {
    params: [1, 2],
    compile(p) {
      const c = charParam(p, 'count');
      return (value, ctx) => {
        const bytes = valueBytes(value);
        const ch = c(ctx);
        return bytes === null || ch === null ? null : text.countOf(bytes, ch);
      };
    },
  },
  corehash: {
    params: [0, 1],
    compile(p) {
      const size = p[0] ? intParam(p[0], 'the size of s.corehash') : constant(0);
      return (value, ctx) => {
        const bytes = valueBytes(value);
        const n = size(ctx);
        return bytes === null || n === null ? null : String(coreHash(bytes, n >>> 0));
      };
    },
  },
};

/** The text s.rm removes: a constant has its backslash escapes resolved. */
function removedText(param: TransformParam): ParamReader<string> {
  const read = searchParam(param, 'remove');
  return param.dynamic ? read : constant(text.unescapeRemoved(parseStrParam(param.text, 'the text of s.rm')));
}

export const stringTransformations = transformationClass('s', METHODS);
