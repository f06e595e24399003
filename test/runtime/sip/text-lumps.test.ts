// Changes at byte offsets of a message (runtime/sip/text-lumps.ts) and how
// MessageEdits writes them with its other changes. The overlapping cases
// are what Kamailio 5.6 wrote for the same replace() calls: every inserted
// text is kept, in offset then call order, and deletions are united.

import { MessageEdits } from '../../../runtime/sip/edits.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { TextLumps } from '../../../runtime/sip/text-lumps.js';

const TEXT = 'Call-ID: c1@x\r\nCSeq: 1 INVITE\r\n';

function lumps(...changes: Array<[number, number, string]>): TextLumps {
  const l = new TextLumps();
  for (const [start, end, text] of changes) l.add(start, end, text);
  return l;
}

describe('TextLumps', () => {
  it('applies changes in offset order, whatever the call order', () => {
    expect(lumps([15, 22, 'CSeq: 2'], [0, 11, 'Call-ID: xx']).apply(TEXT, 0, TEXT.length)).toBe('Call-ID: xx@x\r\nCSeq: 2 INVITE\r\n');
  });

  it('keeps every text over the same bytes, and unites overlapping deletions', () => {
    expect(lumps([15, 22, 'CSeq: 2'], [15, 22, 'CSeq: 3']).apply(TEXT, 15, TEXT.length)).toBe('CSeq: 2CSeq: 3 INVITE\r\n');
    expect(lumps([0, 11, 'Call-ID: xx'], [5, 13, 'ID: yy']).apply(TEXT, 0, 15)).toBe('Call-ID: xxID: yy\r\n');
  });

  it('applies a piece at a time: deletions reaching in from before, insertions at the end only when closed', () => {
    const l = lumps([10, 20, ''], [TEXT.length, TEXT.length, '!']);
    expect(l.apply(TEXT, 15, TEXT.length)).toBe(' 1 INVITE\r\n');
    expect(l.apply(TEXT, 15, TEXT.length, true)).toBe(' 1 INVITE\r\n!');
    expect(l.touches(15, 20)).toBe(true);
    expect(l.touches(25, TEXT.length)).toBe(false);
    expect(l.insertedIn(0, 15)).toBe('');
  });
});

describe('MessageEdits with text lumps and text headers', () => {
  const message = (): SipMessage => {
    const m = SipMessage.parse(Buffer.from(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1', 'X-A: one', 'X-B: two', 'Content-Length: 5', '', 'hello'].join('\r\n'), 'latin1'));
    if (isSipError(m)) throw new Error(m.reason);
    return m;
  };

  it('writes changes in header values and the body, Content-Length following; a removed line keeps inserted text', () => {
    const m = message();
    const edits = new MessageEdits(m);
    const a = m.headerSpan(1);
    edits.replaceText(a.valueStart, a.valueEnd, 'uno');
    const b = m.headerSpan(2);
    edits.replaceText(b.valueStart, b.valueStart, 'new ');
    edits.removeHeader(2);
    edits.replaceText(m.bodyEnd, m.bodyEnd, ' world');
    expect(edits.toBuffer().toString('latin1')).toBe(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1', 'X-A: uno', 'new Content-Length: 11', '', 'hello world'].join('\r\n'));
  });

  it('adds header text as given, in call order at each place', () => {
    const edits = new MessageEdits(message());
    edits.addHeaderText('first', 'A: 1\r\n');
    edits.insertHeader('B: 2');
    edits.addHeaderText({ after: 1 }, 'C: 3\r\n');
    edits.addHeaderText('last', 'D: 4');
    expect(edits.toBuffer().toString('latin1').split('\r\n')).toEqual([
      'OPTIONS sip:a@127.0.0.1 SIP/2.0',
      'A: 1',
      'B: 2',
      'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1',
      'X-A: one',
      'C: 3',
      'X-B: two',
      'Content-Length: 5',
      'D: 4',
      'hello',
    ]);
  });

  it('copies its lumps to a message laid out the same (a byte rewritten in place)', () => {
    const m = message();
    const edits = new MessageEdits(m);
    edits.replaceText(m.headerSpan(1).valueStart, m.headerSpan(1).valueEnd, 'uno');
    const rewritten = SipMessage.parse(Buffer.from(m.text.replace('sip:a@', 'sip:b@'), 'latin1')) as SipMessage;
    expect(edits.clone(rewritten).toBuffer().toString('latin1')).toContain('OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nX-A: uno\r\n');
  });
});
