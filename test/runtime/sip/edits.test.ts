// Lumps (MessageEdits): each kind of change gives the wire text written out
// here by hand; reads keep seeing the original message until apply()
// (msg_apply_changes) while the Request-URI change shows at once; and
// Content-Length always matches the body sent.

import { MessageEdits } from '../../../runtime/sip/edits.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';

const LINES = [
  'MESSAGE sip:bob@127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1',
  'X-A: one',
  'x-a: two',
  'Subject: hi',
  'l: 5',
  '',
  'hello',
];

function parsed(lines = LINES): SipMessage {
  const m = SipMessage.parse(Buffer.from(lines.join('\r\n'), 'latin1'));
  if (isSipError(m)) throw new Error(m.reason);
  return m;
}

const written = (edits: MessageEdits): string => edits.toBuffer().toString('latin1');
const wire = (...lines: string[]): string => lines.join('\r\n');

describe('MessageEdits', () => {
  it('writes an unchanged message back byte for byte', () => {
    expect(written(new MessageEdits(parsed()))).toBe(LINES.join('\r\n'));
  });

  it('removes, replaces and adds header lines where asked', () => {
    const edits = new MessageEdits(parsed());
    expect(edits.removeHeaders('x-A')).toBe(2);
    edits.replaceHeaderValue(3, 'changed');
    edits.addHeaderBefore(0, 'X-Before: b');
    edits.addHeaderAfter(0, 'X-After: a\r\n');
    edits.insertHeader('X-First: 1');
    edits.appendHeader('X-Last: 9');
    expect(written(edits)).toBe(
      wire(
        'MESSAGE sip:bob@127.0.0.1 SIP/2.0',
        'X-First: 1',
        'X-Before: b',
        'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1',
        'X-After: a',
        'Subject: changed',
        'l: 5',
        'X-Last: 9',
        '',
        'hello',
      ),
    );
  });

  it('replaces the body and keeps the compact Content-Length right', () => {
    const edits = new MessageEdits(parsed());
    edits.setBody('goodbye!', 'text/plain');
    expect(written(edits)).toBe(
      wire(
        'MESSAGE sip:bob@127.0.0.1 SIP/2.0',
        'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1',
        'X-A: one',
        'x-a: two',
        'Subject: hi',
        'l: 8',
        'Content-Type: text/plain',
        '',
        'goodbye!',
      ),
    );
  });

  it('adds Content-Length to a message that had none', () => {
    const edits = new MessageEdits(parsed(['OPTIONS sip:127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK2', '', '']));
    edits.setBody(Buffer.from([0xc3, 0xa9]));
    expect(edits.toBuffer()).toEqual(Buffer.from(wire('OPTIONS sip:127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK2', 'Content-Length: 2', '', '\u00c3\u00a9'), 'latin1'));
  });

  it('changes the Request-URI at once; other changes show only after apply()', () => {
    const message = parsed();
    const edits = new MessageEdits(message);
    edits.requestUri = 'sip:carol@127.0.0.2';
    edits.destination = 'sip:127.0.0.3:5080';
    edits.removeHeader(3);
    edits.appendHeader('X-New: yes');
    expect(edits.currentRequestUri).toBe('sip:carol@127.0.0.2');
    expect(message.header('subject')).toBe('hi');
    expect(message.header('x-new')).toBeUndefined();
    const applied = edits.apply();
    if (isSipError(applied)) throw new Error(applied.reason);
    expect(applied.requestUriText).toBe('sip:carol@127.0.0.2');
    expect(applied.header('subject')).toBeUndefined();
    expect(applied.header('x-new')).toBe('yes');
    expect(written(edits)).not.toContain('127.0.0.3');
  });

  it('gives clones their own changes', () => {
    const edits = new MessageEdits(parsed());
    edits.appendHeader('X-Shared: 1');
    const branch = edits.clone();
    branch.appendHeader('X-Branch: 2');
    expect(written(edits)).not.toContain('X-Branch');
    expect(written(branch)).toContain('X-Shared: 1\r\nX-Branch: 2\r\n');
  });
});

describe('header text decided by the sending socket', () => {
  it('is written when the message is built, from the socket given (none when not sent)', () => {
    const edits = new MessageEdits(parsed());
    edits.addHeaderText('first', (sending) => `X-Out: ${sending ? `${sending.proto}:${sending.address}:${sending.port}` : 'unknown'}\r\n`);
    expect(edits.toBuffer({ proto: 'tcp', address: '127.0.0.2', port: 5070 }).toString('latin1')).toContain('MESSAGE sip:bob@127.0.0.1 SIP/2.0\r\nX-Out: tcp:127.0.0.2:5070\r\nVia:');
    expect(edits.toBuffer().toString('latin1')).toContain('\r\nX-Out: unknown\r\nVia:');
    expect(edits.clone().toBuffer({ proto: 'udp', address: '127.0.0.1', port: 5060 }).toString('latin1')).toContain('X-Out: udp:127.0.0.1:5060\r\n');
  });
});
