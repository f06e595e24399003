// Where errors about pseudo-variables inside a string are placed: at the
// pseudo-variable as written, whatever escape sequences come before it, in a
// double- or single-quoted string and across adjacent literals ("a" "b").
// Each script has its statement on line 4.

import { builtinModules } from '../../modules/index.js';
import { codesOf } from '../helpers.js';

/** Diagnostics of a script whose line 4 is `statement`. */
function errorsOn(statement: string): string[] {
  return codesOf(`loadmodule "pv.so"\nloadmodule "xlog.so"\nrequest_route {\n${statement}\n}\n`, { modules: builtinModules });
}

/** Diagnostics of `literal` as xlog's format, which starts at column 16. */
function errorsIn(literal: string): string[] {
  return errorsOn(`xlog("L_INFO", ${literal});`);
}

describe('a pseudo-variable after an escape sequence', () => {
  it.each([
    ['no escape', '"a $xyz"', 'E0702@4:20'],
    ['\\n', '"a\\n$xyz"', 'E0702@4:21'],
    ['\\t', '"\\t$xyz"', 'E0702@4:20'],
    ['\\r\\n', '"\\r\\n$xyz"', 'E0702@4:22'],
    ['\\a', '"\\a$xyz"', 'E0702@4:20'],
    ['\\"', '"say \\"hi\\" $xyz"', 'E0702@4:29'],
    ['\\\\', '"C:\\\\ $xyz"', 'E0702@4:23'],
    ['\\x with two hex digits', '"\\x41$xyz"', 'E0702@4:22'],
    ['\\x with one hex digit', '"\\x4 $xyz"', 'E0702@4:22'],
    ['three octal digits', '"\\101$xyz"', 'E0702@4:22'],
    ['two octal digits', '"\\12 $xyz"', 'E0702@4:22'],
    ['an unknown escape, which keeps its backslash', '"\\q$xyz"', 'E0702@4:20'],
    ['a `$` written as \\x24', '"\\x24xyz"', 'E0702@4:21'],
    ['an escaped newline, which continues the string', '"a\\\n$xyz"', 'E0702@5:2'],
    ['several escapes', '"\\t\\"\\\\\\n\\x41\\101 $xyz"', 'E0702@4:35'],
    ['a backslash in a single-quoted string, which is no escape', "'a\\n$xyz'", 'E0702@4:21'],
    ['adjacent literals', '"a\\n" "$xyz"', 'E0702@4:24'],
    ['adjacent literals on two lines', '"a\\n"\n  "b\\t$xyz"', 'E0702@5:8'],
  ])('%s', (_what, literal, expected) => {
    expect(errorsIn(literal)).toEqual([expected]);
  });
});

describe('each kind of pseudo-variable error, after escapes', () => {
  it.each([
    ['an unknown class', '$xyz', 'E0702@4:24'],
    ['a class that needs a name', '$var', 'E0701@4:23'],
    ['a name for a class that takes none', '$ru(x)', 'E0701@4:27'],
    ['a malformed transformation', '$(ru{uri})', 'E0704@4:28'],
    ['an unknown transformation', '$(ru{s.nope})', 'E0705@4:27'],
    ['a bad index', '$(var(x)[a])', 'E0701@4:32'],
    ['a `$` with no name', '$ x', 'E0701@4:23'],
    ['a pseudo-variable never closed', '$(ru', 'E0701@4:23'],
    ['a pseudo-variable in a transformation parameter', '$(var(x){s.select,0,$xyz})', 'E0702@4:44'],
    ['an escape inside the pseudo-variable', '$(var(x){s.select,0,\\x3a}{s.nope})', 'E0705@4:48'],
  ])('%s', (_what, pv, expected) => {
    // `"\t\"\n` puts the pseudo-variable at column 23.
    expect(errorsIn(`"\\t\\"\\n${pv}"`)).toEqual([expected]);
  });
});

describe('a string that is one pseudo-variable (is_int\'s argument, from column 8)', () => {
  it.each([
    ['as written', '"$xyz"', 'E0702@4:10'],
    ['with its `$` written as \\x24', '"\\x24(ru{s.nope})"', 'E0705@4:16'],
  ])('%s', (_what, literal, expected) => {
    expect(errorsOn(`is_int(${literal});`)).toEqual([expected]);
  });
});

describe('a string whose value is not what its literal reads', () => {
  it('places a pseudo-variable #!subst put in the string at the whole literal', () => {
    const script = '#!subst "/QQ/\\\\t$xyz/"\nloadmodule "pv.so"\nloadmodule "xlog.so"\nrequest_route {\nxlog("L_INFO", "a\\nQQ");\n}\n';
    expect(codesOf(script, { modules: builtinModules })).toEqual(['E0702@5:16']);
  });
});
