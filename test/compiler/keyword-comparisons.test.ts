// Core keyword comparisons (`uri == myself`, `!method == "ACK"`): prefixes
// apply to the whole comparison, a keyword in parentheses is not compared, and
// each keyword's E0610 hint shows a comparison that is itself valid.

import { KEYWORD_OPERANDS } from '../../compiler/core/functions.js';
import { diagnosticsOf } from '../helpers.js';

/** Diagnostics of one condition, checked in an onsend_route (where every keyword may be used). */
function ofCondition(condition: string): { code: string; message: string }[] {
  return diagnosticsOf(`loadmodule "pv.so"\nonsend_route {\n  if (${condition}) drop;\n}\n`).map(({ code, message }) => ({ code, message }));
}

describe('prefixes before a keyword comparison', () => {
  it.each([
    ['!uri==myself'],
    ['!method=="ACK"'],
    ['!src_ip==backup.foo.bar'],
    ['!status=="200"'],
    ['!src_port==5060'],
    ['!proto==UDP'],
    ['!af==INET'],
    ['!from_uri=~"^sip:a"'],
    ['!msg:len>100'],
    ['!!method == "ACK"'],
    ['~method == "ACK"'],
    ['-src_port == 5'],
    ['(int)src_port == 5'],
    ['!uri == myself && !method == "ACK" || !snd_ip == 10.0.0.1'],
  ])('%s is accepted, as Kamailio accepts it', (condition) => {
    expect(ofCondition(condition)).toEqual([]);
  });

  it.each([
    ['(method) == "ACK"', '`method` is compared only when written bare before the operator, as in `method == "INVITE"`'],
    ['!(uri) == myself', '`uri` is compared only when written bare before the operator, as in `uri == myself`'],
    ['(!src_port) == 5', '`src_port` can only be compared, as in `src_port == 5060`'],
  ])('%s is rejected, as Kamailio rejects it', (condition, message) => {
    expect(ofCondition(condition)[0]).toEqual({ code: 'E0610', message });
  });
});

describe('the hint of each keyword tested alone (`if (status)`)', () => {
  it.each([...KEYWORD_OPERANDS.keys()].map((k) => [k]))('%s', (keyword) => {
    const [only, ...rest] = ofCondition(keyword);
    expect(rest).toEqual([]);
    expect(only?.code).toBe('E0610');
    expect(only!.message.startsWith(`\`${keyword}\` can only be compared, as in`)).toBe(true);
    const example = /as in `(.+)`$/.exec(only!.message)?.[1];
    expect(example).toContain(keyword === 'myself' ? 'myself' : `${keyword} `);
    expect(ofCondition(example!)).toEqual([]);
  });
});
