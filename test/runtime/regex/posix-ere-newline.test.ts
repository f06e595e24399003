// REG_NEWLINE as glibc gives it (the flag Kamailio's modules use): only LF
// ends a line, so a CR before it is an ordinary character. The cases are what
// textops' search and replace gave on Kamailio 5.6.

import { compilePosixEre } from '../../../runtime/regex/posix-ere.js';

function match(pattern: string, text: string, newline = true): string | undefined {
  const re = compilePosixEre(pattern, { icase: true, newline });
  if (!(re instanceof RegExp)) throw new Error(re.error);
  return re.exec(text)?.[0];
}

describe('REG_NEWLINE', () => {
  it('anchors at LF only', () => {
    expect(match('^a=sendrecv$', 'x\r\na=sendrecv\r\n')).toBeUndefined();
    expect(match('^a=.*$', 'x\r\na=sendrecv\r\nb')).toBe('a=sendrecv\r');
    expect(match('^b', 'a\nb')).toBe('b');
  });

  it('keeps . and negated brackets within a line', () => {
    expect(match('70.From', '70\r\nFrom')).toBeUndefined();
    expect(match('[^x]+', 'ab\ncd')).toBe('ab');
  });

  it('without it, ^ and $ are the ends of the text and . crosses lines', () => {
    expect(match('^b', 'a\nb', false)).toBeUndefined();
    expect(match('c=.*$', 'c=1\r\nd=2\r\n', false)).toBe('c=1\r\nd=2\r\n');
  });
});
