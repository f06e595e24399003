// The param transformations.
// Expected values were recorded from the real Kamailio 5.6.3: each input was
// set in an AVP, transformed into another AVP in event_route[core:worker-one-init],
// and printed with xlog (hex-encoded, with a check for $null and for an
// integer result).

import { describeRow, runRow, type Row } from '../../transformation-helpers.js';

const ROWS: readonly Row[] = [
  ['a=1;b=2;c', 'param.value', ['a'], '1'],
  ['a=1;b=2;c', 'param.value', ['B'], '2'],
  ['a=1;b=2;c', 'param.value', ['c'], ''],
  ['a=1;b=2;c', 'param.value', ['zz'], ''],
  ['a=1;b=2;c', 'param.in', ['a'], 1],
  ['a=1;b=2;c', 'param.in', ['zz'], 0],
  ['a=1;b=2;c', 'param.valueat', ['0'], '1'],
  ['a=1;b=2;c', 'param.valueat', ['1'], '2'],
  ['a=1;b=2;c', 'param.valueat', ['-1'], ''],
  ['a=1;b=2;c', 'param.valueat', ['9'], ''],
  ['a=1;b=2;c', 'param.name', ['0'], 'a'],
  ['a=1;b=2;c', 'param.name', ['-1'], 'c'],
  ['a=1;b=2;c', 'param.name', ['-9'], ''],
  ['a=1;b=2;c', 'param.count', [], 3],
  ['a=1;a=2', 'param.value', ['a'], '2'],
  ['a=1;a=2', 'param.count', [], 2],
  ['a=1;', 'param.count', [], 1],
  ['a=1;;b=2', 'param.count', [], 3],
  ['a=1;;b=2', 'param.valueat', ['1'], ''],
  ['a=1;;b=2', 'param.value', ['b'], '2'],
  [' a = 1 ; b = 2', 'param.value', ['a'], null],
  ['a = 1 ; b = "x;y"', 'param.value', ['a'], '1'],
  ['a = 1 ; b = "x;y"', 'param.value', ['b'], 'x;y'],
  ['a="x;y";b=\'q\'', 'param.value', ['a'], 'x;y'],
  ['a="x;y";b=\'q\'', 'param.value', ['b'], 'q'],
  ['a=;b=2', 'param.value', ['b'], null],
  ['a= ;b=2', 'param.value', ['b'], null],
  ['a=1,b=2', 'param.count', [], 1],
  ['a=1,b=2', 'param.value', ['a'], '1'],
  ['a=1,b=2', 'param.count', ['',''], 1],
  ['a=1>b=2', 'param.value', ['a'], '1>b=2'],
  ['a=1 b=2', 'param.count', [], null],
  ['=1;b=2', 'param.name', ['0'], ''],
  ['=1;b=2', 'param.valueat', ['0'], '1'],
  ['a="open', 'param.count', [], null],
  ['a=1;b=2;;', 'param.count', [], null],
  ['a', 'param.value', ['a'], ''],
  ['a', 'param.in', ['a'], 1],
  ['a=1&b=2&', 'param.value', ['b','&'], '2'],
  ['a=1&b=2&', 'param.valueat', ['1','&'], '2'],
  ['a=1&b=2&', 'param.name', ['1','&'], 'b'],
  ['a=1&b=2&', 'param.count', ['&'], 2],
  ['a=1&b=2&', 'param.in', ['b','&'], 1],
  ['a=1;b=2', 'param.value', ['a','&'], '1;b=2'],
  ['a=1;b=2', 'param.count', ['&'], 1],
  ['', 'param.count', [], null],
  ['', 'param.value', ['a'], null],
  [42, 'param.count', [], 1],
  [42, 'param.name', ['0'], '42'],
];

describe('param transformations', () => {
  it.each(ROWS.map((row) => [describeRow(row), row] as const))('%s', (_, row) => {
    const { actual, expected } = runRow(row);
    expect(actual).toEqual(expected);
  });
});
