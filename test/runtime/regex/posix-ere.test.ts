import { compilePosixEre, translatePosixEre } from '../../../runtime/regex/posix-ere.js';

function matches(pattern: string, text: string, icase = false): boolean {
  const re = compilePosixEre(pattern, { icase });
  if (!(re instanceof RegExp)) throw new Error(re.error);
  return re.test(text);
}

describe('POSIX extended regular expressions', () => {
  it.each([
    ['^[0-9][0-9]$', '42', true],
    ['^(\\+|00)[1-9][0-9]{3,20}$', '+4930123456', true],
    ['^[[:digit:]]+$', '123', true],
    ['^[[:alpha:]_]+$', 'ab_c', true],
    ['[]a]', ']', true],
    ['[^]a]', 'b', true],
    ['a\\.b', 'a.b', true],
    ['a\\.b', 'axb', false],
    ['\\<sip\\>', 'a sip b', true],
    ['friendly|scanner', 'friendly-scanner', true],
    ['a/b', 'a/b', true],
    ['a{2}', 'aa', true],
    ['a{', 'a{', true],
  ])('%s on %s is %s', (pattern, text, expected) => {
    expect(matches(pattern, text)).toBe(expected);
  });

  it('matches case-insensitively on request', () => {
    expect(matches('^invite$', 'INVITE', true)).toBe(true);
    expect(matches('^invite$', 'INVITE')).toBe(false);
  });

  it('reads a backslash before a letter as the letter, as glibc does (\\d is not a digit class)', () => {
    expect(matches('^\\d$', 'd')).toBe(true);
    expect(matches('^\\d$', '5')).toBe(false);
  });

  it.each([['a('], ['a)'], ['[abc'], ['*a'], ['a{3,2}'], ['[[:nope:]]'], ['a\\']])('rejects %s', (pattern) => {
    expect('error' in translatePosixEre(pattern) || !(compilePosixEre(pattern) instanceof RegExp)).toBe(true);
  });
});
