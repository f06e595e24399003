// fnmatch (modules/textopsx/fnmatch.ts). Return codes were recorded from
// Kamailio 5.6 with the same calls: shell patterns without special slash or
// dot rules, sets with ! and classes, an unclosed [ as plain text, and the
// flags ignored ('i' does not fold case in that build).

import { run } from '../textops/run.js';

describe('fnmatch', () => {
  it('matches shell-style patterns', () => {
    const calls = [
      'fnmatch("abc", "a*")',
      'fnmatch("abc", "A*")',
      'fnmatch("abc", "A*", "i")',
      'fnmatch("abc", "a?c")',
      'fnmatch("abc", "[ab]bc")',
      'fnmatch("abc", "b*")',
      'fnmatch("a/c", "a*c")',
      'fnmatch(".ac", "*ac")',
      'fnmatch("a*c", "a\\\\*c")',
      'fnmatch("abc", "[!a]bc")',
      'fnmatch("xbc", "[!a]bc")',
      'fnmatch("5bc", "[[:digit:]]bc")',
      'fnmatch("b", "[a-c]")',
      'fnmatch("[x", "[x")',
      'fnmatch("$rU", "b*")',
      'fnmatch("", "*")',
      'fnmatch("]", "[]]")',
    ];
    expect(run(calls.map((c) => `${c}; xlog("$rc\\n");`).join(' ')).logs).toEqual(['1', '-1', '-1', '1', '1', '-1', '1', '1', '1', '-1', '1', '1', '1', '1', '1', '1', '1']);
  });
});
