// Argument specs textops' functions share, with their start-up fixups:
// header names resolved to their lookup key once (compact forms expanded),
// regular expressions compiled as Kamailio's fixups compile them, and the
// a/f/l choice of header lines.

import { FixupError, type ArgSpec } from '../api.js';
import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import { TOKEN } from '../../runtime/sip/chars.js';
import { headerKey } from '../../runtime/sip/header-names.js';

/** The lookup key of a header name (`m` -> `contact`); a name that is not a token is a script error. */
export function headerNameKey(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || [...trimmed].some((c) => c.charCodeAt(0) > 255 || TOKEN[c.charCodeAt(0)] !== 1)) throw new FixupError(`"${name}" is not a header name`);
  return headerKey(trimmed);
}

/** A header name given as text, resolved once. */
export const headerName = (name: string) => ({ name, type: 'str', fixup: headerNameKey }) as const satisfies ArgSpec;

/** A regular expression as fixup_regexp_* compiles it: REG_EXTENDED | REG_ICASE | REG_NEWLINE. */
export const lineRegex = (name: string) => ({ name, type: 'regex' }) as const satisfies ArgSpec;

/** A regular expression compiled without REG_NEWLINE (replace_body_atonce): `^`/`$` at the ends only, `.` across lines. */
export const wholeTextRegex = (name: string) =>
  ({
    name,
    type: 'str',
    fixup: (text: string): RegExp => {
      const re = compilePosixEre(text, { icase: true, newline: false });
      if (!(re instanceof RegExp)) throw new FixupError(`invalid regular expression "${text}": ${re.error}`);
      return re;
    },
  }) as const satisfies ArgSpec;

/** Which header lines of a name a function works on: all, the first or the last. */
export type Which = 'a' | 'f' | 'l';

/** search_hf's and subst_hf's flags: by the first character, f (first) or l (last); anything else means all, as in Kamailio 5.6. */
export const whichLines = {
  name: 'flags',
  type: 'str',
  fixup: (text: string): Which => (text[0] === 'f' || text[0] === 'l' ? text[0] : 'a'),
} as const satisfies ArgSpec;

/** A regular expression given at run time, compiled as Kamailio compiles it then; undefined when invalid. */
export function runtimeRegex(text: string, options: { icase: boolean; newline: boolean }): RegExp | undefined {
  const re = compilePosixEre(text, options);
  return re instanceof RegExp ? re : undefined;
}

/** A plain string argument. */
export const str = (name: string) => ({ name, type: 'str' }) as const satisfies ArgSpec;

/** A string with pseudo-variables. */
export const spve = (name: string) => ({ name, type: 'spve' }) as const satisfies ArgSpec;
