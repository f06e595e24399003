// The re.subst transformation (textops).
// Expected values were recorded from the real Kamailio 5.6.3: each input was
// set in an AVP, transformed into another AVP in event_route[core:worker-one-init],
// and printed with xlog (hex-encoded, with a check for $null and for an
// integer result).

import { describeRow, runRow, type Row } from '../transformation-helpers.js';

const ROWS: readonly Row[] = [
  ['hello world', 're.subst', ['/o/0/'], 'hell0 world'],
  ['hello world', 're.subst', ['/o/0/g'], 'hell0 w0rld'],
  ['hello world', 're.subst', ['/O/0/gi'], 'hell0 w0rld'],
  ['hello world', 're.subst', ['/(l+)(o)/<\\2\\1>/g'], 'he<oll> world'],
  ['hello world', 're.subst', ['/z/0/'], 'hello world'],
  ['hello world', 're.subst', ['/^h/H/g'], 'Hello world'],
  ['hello world', 're.subst', ['/x*/0/g'], null],
  ['hello world', 're.subst', ['/w.*/\\0\\0/'], 'hello worldworld'],
  ['hello world', 're.subst', ['/(b)/\\3/'], 'hello world'],
  ['hello world', 're.subst', ['/./\\u/'], 'sip:you@kamailio.orgello world'],
  ['hello world', 're.subst', ['/l/\\$/'], 'he$lo world'],
  ['hello world', 're.subst', ['/l/a\\/b/'], 'hea/blo world'],
  ['hello world', 're.subst', ['#o#\\n\\t\\\\#'], 'hell\n\t\\ world'],
  ['a\nb\nc', 're.subst', ['/^./X/g'], 'X\nX\nX'],
  ['a\nb\nc', 're.subst', ['/a.b/X/g'], 'a\nb\nc'],
  ['a\nb\nc', 're.subst', ['/a.b/X/gs'], 'X\nc'],
  ['a\nb\nc', 're.subst', ['/c$/Y/'], 'a\nb\nY'],
  ['aaa', 're.subst', ['/a/bb/g'], 'bbbbbb'],
  ['aaa', 're.subst', ['/^a/b/g'], 'baa'],
  ['sip:alice@example.com', 're.subst', ['/^sip:([^@]+)@(.*)$/\\1 at \\2/'], 'alice at example.com'],
  ['ABC', 're.subst', ['/b/x/'], 'ABC'],
  ['ABC', 're.subst', ['/b/x/i'], 'AxC'],
  [123, 're.subst', ['/2/Z/'], '1Z3'],
  [123, 're.subst', ['/9/Z/'], 123],
  ['', 're.subst', ['/a/b/'], null],
  [null, 're.subst', ['/a/b/'], null],
];

describe('re transformations', () => {
  it.each(ROWS.map((row) => [describeRow(row), row] as const))('%s', (_, row) => {
    const { actual, expected } = runRow(row);
    expect(actual).toEqual(expected);
  });
});
