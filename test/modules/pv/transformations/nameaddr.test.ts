// The nameaddr transformations.
// Expected values were recorded from the real Kamailio 5.6.3: each input was
// set in an AVP, transformed into another AVP in event_route[core:worker-one-init],
// and printed with xlog (hex-encoded, with a check for $null and for an
// integer result).

import { describeRow, runRow, type Row } from '../../transformation-helpers.js';

const ROWS: readonly Row[] = [
  ['"Alice" <sip:alice@example.com>;tag=1', 'nameaddr.name', [], '"Alice" '],
  ['"Alice" <sip:alice@example.com>;tag=1', 'nameaddr.uri', [], 'sip:alice@example.com'],
  ['"Alice" <sip:alice@example.com>;tag=1', 'nameaddr.len', [], 31],
  ['Alice Smith<sip:alice@example.com>', 'nameaddr.name', [], 'Alice Smith'],
  ['Alice Smith<sip:alice@example.com>', 'nameaddr.uri', [], 'sip:alice@example.com'],
  ['Alice Smith<sip:alice@example.com>', 'nameaddr.len', [], 34],
  ['<sip:alice@example.com>', 'nameaddr.name', [], ''],
  ['<sip:alice@example.com>', 'nameaddr.uri', [], 'sip:alice@example.com'],
  ['<sip:alice@example.com>', 'nameaddr.len', [], 23],
  ['sip:alice@example.com;tag=x', 'nameaddr.name', [], ''],
  ['sip:alice@example.com;tag=x', 'nameaddr.uri', [], 'sip:alice@example.com;tag=x'],
  ['sip:alice@example.com;tag=x', 'nameaddr.len', [], 27],
  ['"A<b>" <sip:x@y>', 'nameaddr.name', [], '"A<b>" '],
  ['"A<b>" <sip:x@y>', 'nameaddr.uri', [], 'sip:x@y'],
  ['"A<b>" <sip:x@y>', 'nameaddr.len', [], 16],
  ['"A \\" q" <sip:x@y>', 'nameaddr.name', [], '"A \\" q" '],
  ['"A \\" q" <sip:x@y>', 'nameaddr.uri', [], 'sip:x@y'],
  ['"A \\" q" <sip:x@y>', 'nameaddr.len', [], 18],
  ['  <sip:x@y> ', 'nameaddr.name', [], '  '],
  ['  <sip:x@y> ', 'nameaddr.uri', [], 'sip:x@y'],
  ['  <sip:x@y> ', 'nameaddr.len', [], 11],
  ['sip:a@b>', 'nameaddr.name', [], ''],
  ['sip:a@b>', 'nameaddr.uri', [], 'sip:a@b>'],
  ['sip:a@b>', 'nameaddr.len', [], 8],
  ['"unterminated <sip:x@y>', 'nameaddr.name', [], ''],
  ['"unterminated <sip:x@y>', 'nameaddr.uri', [], '"unterminated <sip:x@y>'],
  ['"unterminated <sip:x@y>', 'nameaddr.len', [], 23],
  ['Bob <sip:x', 'nameaddr.name', [], null],
  // Kamailio fails the first lookup on '<' without '>' and caches the half-parsed value, so a second
  // lookup on the same text gets 'sip:x' (uri) and 0 (len); siprc fails every time.
  ['Bob <sip:x', 'nameaddr.uri', [], null],
  ['Bob <sip:x', 'nameaddr.len', [], null],
  ['', 'nameaddr.name', [], null],
  ['', 'nameaddr.uri', [], null],
  ['', 'nameaddr.len', [], null],
  [null, 'nameaddr.name', [], null],
  [null, 'nameaddr.uri', [], null],
  [null, 'nameaddr.len', [], null],
];

describe('nameaddr transformations', () => {
  it.each(ROWS.map((row) => [describeRow(row), row] as const))('%s', (_, row) => {
    const { actual, expected } = runRow(row);
    expect(actual).toEqual(expected);
  });
});
