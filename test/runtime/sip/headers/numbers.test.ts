// Numeric header values and their ranges.

import { isSipError } from '../../../../runtime/sip/errors.js';
import { parseContentLength, parseExpires, parseMaxForwards, parseRetryAfter } from '../../../../runtime/sip/headers/numbers.js';

describe('numeric headers', () => {
  it('read their values', () => {
    expect(parseContentLength(' 142 ')).toBe(142);
    expect(parseMaxForwards('255')).toBe(255);
    expect(parseExpires('4294967295')).toBe(2 ** 32 - 1);
    expect(parseRetryAfter('120 (in a meeting);duration=3600')).toBe(120);
  });

  it.each([
    [parseContentLength, '-1', 'a number expected'],
    [parseContentLength, '12a', 'a number expected'],
    [parseMaxForwards, '256', 'larger than 255'],
    [parseExpires, '4294967296', 'larger than 4294967295'],
    [parseRetryAfter, '5 (open', 'unterminated comment'],
  ])('reject bad values (%#)', (parse, value, why) => {
    const result = parse(value);
    expect(isSipError(result) && result.reason).toContain(why);
  });
});
