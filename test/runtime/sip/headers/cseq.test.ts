// CSeq: a number below 2^31 and a method.

import { isSipError } from '../../../../runtime/sip/errors.js';
import { MAX_CSEQ, parseCSeq } from '../../../../runtime/sip/headers/cseq.js';

describe('CSeq', () => {
  it('reads the number and the method, white space around them allowed', () => {
    expect(parseCSeq(' 4711   INVITE ')).toEqual({ seq: 4711, method: 'INVITE' });
    expect(parseCSeq(`${MAX_CSEQ} X-NEW.METHOD`)).toEqual({ seq: 2 ** 31 - 1, method: 'X-NEW.METHOD' });
    expect(parseCSeq('x 1 REGISTER y', 2, 12)).toEqual({ seq: 1, method: 'REGISTER' });
    expect(parseCSeq('0007 ACK')).toEqual({ seq: 7, method: 'ACK' });
  });

  it.each([['2147483648 INVITE'], ['99999999999999999999999 INVITE'], ['INVITE'], ['12'], ['-1 INVITE'], ['1 INVITE extra'], ['']])('rejects "%s"', (value) => {
    const cseq = parseCSeq(value);
    expect(isSipError(cseq) && cseq.reason).toMatch(/^bad CSeq/);
  });
});
