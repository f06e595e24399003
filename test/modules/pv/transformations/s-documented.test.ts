// The s transformations siprc takes from the transformations cookbook
// rather than from Kamailio 5.6.3, which gets them wrong (docs/dialect.md):
// s.rbefore and s.rafter (which crash it) and s.decode.base58 (which adds
// a NUL byte and moves leading zero bytes to the end).

import { describeRow, runRow, type Row } from '../../transformation-helpers.js';

const ROWS: readonly Row[] = [
  ['a.b.c', 's.rbefore', ['.'], 'a.b'],
  ['a.b.c', 's.rafter', ['.'], 'c'],
  ['a.b.c', 's.before', ['.'], 'a'],
  ['abc', 's.rbefore', ['.'], 'abc'],
  ['abc', 's.rafter', ['.'], ''],
  ['abc.', 's.rafter', ['.'], ''],
  ['.abc', 's.rbefore', ['.'], ''],
  ['a,b,c', 's.rbefore', ['', ''], 'a,b'],
  [12.5e1, 's.rafter', ['2'], '5'],
  [null, 's.rbefore', ['.'], null],
  ['Cn8eVZg', 's.decode.base58', [], 'hello'],
  ['2NEpo7TZsLBYdvo5V', 's.decode.base58', [], 'Hello, World'],
  ['113x', [['s.decode.base58', []], ['s.encode.hexa', []]], '0000ab'],
  ['1', [['s.decode.base58', []], ['s.encode.hexa', []]], '00'],
  ['5Q', [['s.decode.base58', []], ['s.encode.hexa', []]], 'ff'],
  ['', 's.decode.base58', [], ''],
  ['0OIl', 's.decode.base58', [], null],
  ['é', [['s.encode.base58', []], ['s.decode.base58', []]], 'é'],
];

describe('s transformations as documented', () => {
  it.each(ROWS.map((row) => [describeRow(row), row] as const))('%s', (_, row) => {
    const { actual, expected } = runRow(row);
    expect(actual).toEqual(expected);
  });
});
