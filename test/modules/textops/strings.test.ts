// textops' string functions. Values recorded from Kamailio 5.6 with the same
// calls: 1 / -2 / -1 comparisons, str_find positions, in_list trimming and
// regex_substring's return codes.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { HEAD, run } from './run.js';

/** Runs each call and logs its return code (and the variable it names last, if any). */
const codes = (...calls: string[]): string[] => run(calls.map((c) => `${c}; xlog("$rc\\n");`).join(' ')).logs;

describe('cmp_str, cmp_istr, starts_with, ends_with', () => {
  it('compare byte by byte (case aside for cmp_istr), a prefix sorting first', () => {
    expect(
      codes('cmp_str("abc", "abc")', 'cmp_str("abc", "abd")', 'cmp_str("abc", "ab")', 'cmp_str("ab", "abc")', 'cmp_str("abc", "ABC")', 'cmp_istr("abc", "ABC")', 'cmp_istr("ABC", "abd")', 'cmp_istr("b", "A")', 'cmp_str("$rU", "bob")'),
    ).toEqual(['1', '-2', '-1', '-2', '-1', '1', '-2', '-1', '1']);
  });

  it('compare the start or the end, -1 when the second is longer', () => {
    expect(
      codes('starts_with("abcdef", "abc")', 'starts_with("abc", "abd")', 'starts_with("abd", "abc")', 'starts_with("ab", "abc")', 'starts_with("abc", "")', 'ends_with("abcdef", "def")', 'ends_with("abcdef", "dez")', 'ends_with("abcdef", "DEF")', 'ends_with("ef", "def")', 'ends_with("abc", "")'),
    ).toEqual(['1', '-2', '-1', '-1', '1', '1', '-2', '-1', '-1', '1']);
  });
});

describe('str_find, str_ifind', () => {
  it('give the 1-based position', () => {
    expect(codes('str_find("abcdef", "cd")', 'str_find("abcdef", "CD")', 'str_ifind("abcdef", "CD")', 'str_find("abcdef", "abc")', 'str_find("ab", "abc")', 'str_find("abcdef", "")', 'str_find("", "")', 'str_find("", "a")')).toEqual([
      '3',
      '-1',
      '3',
      '1',
      '-1',
      '7',
      '1',
      '-1',
    ]);
  });
});

describe('in_list, in_list_prefix', () => {
  it('look for the subject among trimmed items, or an item that starts it', () => {
    expect(
      codes(
        'in_list("fi", "dk,fi,no", ",")',
        'in_list("f", "dk,fi,no", ",")',
        'in_list("no", "dk,fi,no", ",")',
        'in_list("FI", "dk,fi,no", ",")',
        'in_list("", "dk,,no", ",")',
        'in_list("a", " a ,b", ",")',
        'in_list("a", "b;a", ";")',
        'in_list("a", "", ",")',
        'in_list_prefix("final", "dk,fi,no", ",")',
        'in_list_prefix("f", "dk,fi,no", ",")',
        'in_list_prefix("x", "dk,,no", ",")',
      ),
    ).toEqual(['1', '-1', '1', '-1', '-1', '1', '1', '-1', '1', '-1', '-1']);
  });

  it('refuse a separator of more than one character at start-up', () => {
    expect(codesOf(`${HEAD}request_route {\n  in_list("a", "b", ",,");\n}\n`, { modules: builtinModules })).toEqual(['E0607@8:21']);
  });
});

describe('regex_substring', () => {
  it('sets the variable to a group of the first match: -2 without a match, -1 for a bad index or expression', () => {
    const text = '"___ abc123def ___ ghi456 ___", "([a-z]*)([0-9]+)([a-z]*)"';
    const { logs } = run(
      `regex_substring(${text}, 0, 1, "$var(r)"); xlog("$rc [$var(r)]\\n"); regex_substring(${text}, 2, 3, "$var(r)"); xlog("$rc [$var(r)]\\n");` +
        'regex_substring("x", "x", 3, 3, "$var(r)"); xlog("$rc\\n"); regex_substring("x1", "(a)?([0-9])", 1, 3, "$var(r)"); xlog("$rc\\n");' +
        'regex_substring("x1", "(a)?([0-9])", 5, 9, "$var(r)"); xlog("$rc\\n"); regex_substring("ABC", "b", 0, 1, "$var(r)"); xlog("$rc\\n");' +
        'regex_substring("a\\nb", "^b", 0, 1, "$var(r)"); xlog("$rc\\n"); regex_substring("x", "(", 0, 1, "$var(r)"); xlog("$rc [$var(r)]\\n");',
    );
    expect(logs).toEqual(['1 [abc123def]', '1 [123]', '-1', '-1', '-1', '-2', '-2', '-1 [123]']);
  });
});
