// TextMemo: a result is computed once per text, found again by equal text
// (not only the same string), kept apart for texts that share a slot, and
// recomputed after the Map empties when full. TextTable: kinds of results
// kept as columns of one table, each computed once per text.

import { TextTable, textMemo, type TextMemo } from '../../runtime/text-memo.js';

/** A memo of the upper case of texts, counting how often it computes. */
function upperMemo(capacity?: number): { memo: TextMemo<string>; computed: string[] } {
  const computed: string[] = [];
  return { memo: textMemo((t) => (computed.push(t), t.toUpperCase()), capacity), computed };
}

/** The same text as a new string (as cut from a received message). */
const fresh = (text: string): string => Buffer.from(`#${text}`, 'latin1').toString('latin1').slice(1);

describe('TextMemo', () => {
  it('computes a text once, and finds it again from an equal string', () => {
    const { memo, computed } = upperMemo();
    expect(memo.get('sip:alice@example.com')).toBe('SIP:ALICE@EXAMPLE.COM');
    expect(memo.get(fresh('sip:alice@example.com'))).toBe('SIP:ALICE@EXAMPLE.COM');
    expect(computed).toEqual(['sip:alice@example.com']);
  });

  it('gives each text its own result, many texts in turn (the table is small; the Map behind it keeps them)', () => {
    const { memo, computed } = upperMemo();
    const texts = Array.from({ length: 600 }, (_, i) => `sip:user${i}@example.com`);
    for (let round = 0; round < 3; round++) for (const t of texts) expect(memo.get(fresh(t))).toBe(t.toUpperCase());
    expect(computed).toHaveLength(600);
  });

  it('tells apart texts of one length that differ only where the slot does not look', () => {
    const { memo } = upperMemo();
    // Same length, same first, middle and last chars: most likely one slot.
    expect(memo.get('sip:abXcdefgh')).toBe('SIP:ABXCDEFGH');
    expect(memo.get('sip:abYcdefgh')).toBe('SIP:ABYCDEFGH');
    expect(memo.get('sip:abXcdefgh')).toBe('SIP:ABXCDEFGH');
  });

  it('keeps at most `capacity` results in its Map, computing again after it empties', () => {
    const { memo, computed } = upperMemo(2);
    // Texts of one length that differ only at a char the slot does not look at share one slot.
    const [a, b, c] = ['xA0000000000z', 'xB0000000000z', 'xC0000000000z'];
    memo.get(a);
    memo.get(b);
    memo.get(a); // in the Map (the slot holds b)
    expect(computed).toEqual([a, b]);
    memo.get(c); // the Map was full: emptied, then c kept
    memo.get(a);
    expect(computed).toEqual([a, b, c, a]);
  });

  it('with capacity 0, keeps results in its table alone', () => {
    const { memo, computed } = upperMemo(0);
    const [a, b] = ['xA0000000000z', 'xB0000000000z']; // one slot, as above
    memo.get(a);
    memo.get(fresh(a));
    memo.get(b);
    memo.get(a); // b took the slot, and no Map keeps a
    expect(computed).toEqual([a, b, a]);
  });

  it('keeps a null result (a text that does not parse) like any other', () => {
    let calls = 0;
    const memo = textMemo<string | null>(() => (calls++, null));
    expect(memo.get('not a uri')).toBeNull();
    expect(memo.get(fresh('not a uri'))).toBeNull();
    expect(calls).toBe(1);
  });

  it('takes the empty string', () => {
    const { memo } = upperMemo();
    expect(memo.get('')).toBe('');
    expect(memo.get('')).toBe('');
  });
});

describe('TextTable', () => {
  it('keeps each kind of result in its own column, each computed once per text, whichever string of the text asks', () => {
    const table = new TextTable();
    const computed: string[] = [];
    const upper = table.column((t) => (computed.push(`upper ${t}`), t.toUpperCase()));
    const length = table.column((t) => (computed.push(`length ${t}`), t.length));
    const text = 'sip:bob@127.0.0.1';
    expect(upper.get(text)).toBe('SIP:BOB@127.0.0.1');
    expect(length.get(fresh(text))).toBe(17);
    const again = fresh(text);
    expect(upper.get(again)).toBe('SIP:BOB@127.0.0.1');
    expect(length.get(again)).toBe(17);
    expect(computed).toEqual([`upper ${text}`, `length ${text}`]);
  });

  it('keeps the columns of texts that share a slot apart, through its Map', () => {
    const table = new TextTable();
    const upper = table.column((t) => t.toUpperCase());
    const lower = table.column((t) => t.toLowerCase());
    const [a, b] = ['xA0000000000Z', 'xB0000000000Z']; // one slot, as above
    expect(upper.get(a)).toBe('XA0000000000Z');
    expect(lower.get(b)).toBe('xb0000000000z');
    expect(lower.get(a)).toBe('xa0000000000z');
    expect(upper.get(b)).toBe('XB0000000000Z');
  });
});
