// Builders: replies (RFC 3261 8.2.6), forwarded requests (16.6: Via with a
// branch, received/rport per 18.2.1 and RFC 3581, Max-Forwards, Record-Route,
// Route) and forwarded replies (16.7: top Via removed). Expected wire text is
// written out line by line.

import { buildForwardedReply, buildForwardedRequest, buildReply, newBranch, statelessBranch } from '../../../runtime/sip/builders.js';
import { MessageEdits } from '../../../runtime/sip/edits.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';

function message(...lines: string[]): SipMessage {
  const m = SipMessage.parse(Buffer.from(lines.join('\r\n'), 'latin1'));
  if (isSipError(m)) throw new Error(m.reason);
  return m;
}

const wire = (...lines: string[]): string => lines.join('\r\n');

const INVITE = [
  'INVITE sip:bob@127.0.0.1:5070 SIP/2.0',
  'Via: SIP/2.0/UDP client.example.test:5060;branch=z9hG4bKa1;rport',
  'Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bKold',
  'Max-Forwards: 70',
  'Route: <sip:127.0.0.1;lr>, <sip:127.0.0.2;lr>',
  'From: Alice <sip:alice@example.test>;tag=f1',
  'To: <sip:bob@example.test>',
  'Call-ID: c1@127.0.0.1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
  '',
  '',
];
const SOURCE = { address: '127.0.0.5', port: 40000 };
const OUR_VIA = { transport: 'UDP', host: '127.0.0.1', port: 5060, branch: 'z9hG4bKx1' };

describe('buildReply', () => {
  it('copies Via, From, To, Call-ID and CSeq, tags To, and adds the extras', () => {
    const reply = buildReply(message(...INVITE), 486, 'Busy Here', { toTag: 't9', headers: ['Retry-After: 30'], server: 'siprc', body: 'busy', contentType: 'text/plain' });
    expect(reply.toString('latin1')).toBe(
      wire(
        'SIP/2.0 486 Busy Here',
        'Via: SIP/2.0/UDP client.example.test:5060;branch=z9hG4bKa1;rport',
        'Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bKold',
        'From: Alice <sip:alice@example.test>;tag=f1',
        'To: <sip:bob@example.test>;tag=t9',
        'Call-ID: c1@127.0.0.1',
        'CSeq: 1 INVITE',
        'Retry-After: 30',
        'Server: siprc',
        'Content-Type: text/plain',
        'Content-Length: 4',
        '',
        'busy',
      ),
    );
  });

  it('adds no To tag to 100 Trying, nor where the request has one', () => {
    expect(buildReply(message(...INVITE), 100, 'Trying', { toTag: 't9' }).toString('latin1')).toContain('\r\nTo: <sip:bob@example.test>\r\n');
    const inDialog = INVITE.map((l) => (l.startsWith('To:') ? 'To: <sip:bob@example.test>;tag=b2' : l));
    expect(buildReply(message(...inDialog), 200, 'OK', { toTag: 't9' }).toString('latin1')).toContain('\r\nTo: <sip:bob@example.test>;tag=b2\r\n');
  });

  it('marks the top Via with received and rport when given the source', () => {
    const reply = buildReply(message(...INVITE), 200, 'OK', { source: SOURCE }).toString('latin1');
    expect(reply).toContain('\r\nVia: SIP/2.0/UDP client.example.test:5060;branch=z9hG4bKa1;rport=40000;received=127.0.0.5\r\n');
  });
});

describe('buildForwardedRequest', () => {
  it('adds our Via on top, marks the previous one, decrements Max-Forwards, adds Record-Route and consumes the top Route', () => {
    const out = buildForwardedRequest(message(...INVITE), { via: OUR_VIA, source: SOURCE, recordRoute: '<sip:127.0.0.1;lr>', removeTopRoute: true });
    expect(isSipError(out) ? out.reason : out.toString('latin1')).toBe(
      wire(
        'INVITE sip:bob@127.0.0.1:5070 SIP/2.0',
        'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx1',
        'Via: SIP/2.0/UDP client.example.test:5060;branch=z9hG4bKa1;rport=40000;received=127.0.0.5',
        'Record-Route: <sip:127.0.0.1;lr>',
        'Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bKold',
        'Max-Forwards: 69',
        'Route: <sip:127.0.0.2;lr>',
        'From: Alice <sip:alice@example.test>;tag=f1',
        'To: <sip:bob@example.test>',
        'Call-ID: c1@127.0.0.1',
        'CSeq: 1 INVITE',
        'Content-Length: 0',
        '',
        '',
      ),
    );
  });

  it('adds received only when the sent-by is not the source address, and rport only when asked for', () => {
    const request = (via: string) => message(...INVITE.map((l, i) => (i === 1 ? `Via: ${via}` : l)));
    const topVia = (via: string, source = SOURCE): string => {
      const out = buildForwardedRequest(request(via), { via: OUR_VIA, source });
      return isSipError(out) ? out.reason : out.toString('latin1').split('\r\n')[2]!;
    };
    expect(topVia('SIP/2.0/UDP 127.0.0.5:5060;branch=z9hG4bKa')).toBe('Via: SIP/2.0/UDP 127.0.0.5:5060;branch=z9hG4bKa');
    // Nothing added: the Via goes on as written, its white space and parameter layout kept.
    expect(topVia('SIP / 2.0 / UDP 127.0.0.5:5060 ;branch = z9hG4bKa;Foo')).toBe('Via: SIP / 2.0 / UDP 127.0.0.5:5060 ;branch = z9hG4bKa;Foo');
    expect(topVia('SIP/2.0/UDP 127.0.0.7;branch=z9hG4bKa')).toBe('Via: SIP/2.0/UDP 127.0.0.7;branch=z9hG4bKa;received=127.0.0.5');
    expect(topVia('SIP/2.0/UDP [::1]:5060;branch=z9hG4bKa;rport', { address: '::1', port: 5062 })).toBe(
      'Via: SIP/2.0/UDP [::1]:5060;branch=z9hG4bKa;rport=5062;received=::1',
    );
    expect(topVia('SIP/2.0/UDP a.test;branch=z9hG4bKa;received=1.2.3.4, SIP/2.0/TCP b.test;branch=z9hG4bKb')).toBe(
      'Via: SIP/2.0/UDP a.test;branch=z9hG4bKa;received=127.0.0.5, SIP/2.0/TCP b.test;branch=z9hG4bKb',
    );
  });

  it('adds Max-Forwards: 70 when the request has none, and refuses Max-Forwards 0 with 483', () => {
    const without = message(...INVITE.filter((l) => !l.startsWith('Max-Forwards')));
    const out = buildForwardedRequest(without, { via: OUR_VIA, source: SOURCE });
    expect(isSipError(out) ? out.reason : out.toString('latin1')).toContain('rport=40000;received=127.0.0.5\r\nMax-Forwards: 70\r\n');
    const spent = message(...INVITE.map((l) => (l.startsWith('Max-Forwards') ? 'Max-Forwards: 0' : l)));
    expect(buildForwardedRequest(spent, { via: OUR_VIA, source: SOURCE })).toMatchObject({ status: 483 });
  });

  it('sends the script changes (a new Request-URI) and leaves them untouched', () => {
    const request = message(...INVITE);
    const edits = new MessageEdits(request);
    edits.requestUri = 'sip:bob@127.0.0.3';
    const out = buildForwardedRequest(request, { via: OUR_VIA, source: SOURCE, edits });
    expect(isSipError(out) ? out.reason : out.toString('latin1').split('\r\n')[0]).toBe('INVITE sip:bob@127.0.0.3 SIP/2.0');
    expect(edits.toBuffer().toString('latin1')).not.toContain('z9hG4bKx1');
  });
});

describe('branches', () => {
  it('newBranch starts with the RFC 3261 magic cookie and never repeats', () => {
    const seen = new Set(Array.from({ length: 1000 }, newBranch));
    expect(seen.size).toBe(1000);
    for (const b of seen) expect(b).toMatch(/^z9hG4bK[0-9a-f]{8}\.[0-9a-z]+$/);
  });

  it('statelessBranch is the same for a retransmission and differs for another request', () => {
    const a = statelessBranch(message(...INVITE));
    expect(statelessBranch(message(...INVITE))).toBe(a);
    expect(statelessBranch(message(...INVITE.map((l) => (l.startsWith('CSeq') ? 'CSeq: 2 INVITE' : l))))).not.toBe(a);
    expect(a).toMatch(/^z9hG4bK[0-9a-f]{16}$/);
  });
});

describe('buildForwardedReply', () => {
  it('removes the top Via line, or only its first value', () => {
    const reply = (via: string) => message('SIP/2.0 200 OK', via, 'Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bK2', 'CSeq: 1 INVITE', 'Content-Length: 0', '', '');
    expect(buildForwardedReply(reply('Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1')).toString('latin1')).toBe(
      wire('SIP/2.0 200 OK', 'Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bK2', 'CSeq: 1 INVITE', 'Content-Length: 0', '', ''),
    );
    expect(buildForwardedReply(reply('v: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1 , SIP/2.0/TCP 127.0.0.8;branch=z9hG4bK8')).toString('latin1')).toBe(
      wire('SIP/2.0 200 OK', 'v: SIP/2.0/TCP 127.0.0.8;branch=z9hG4bK8', 'Via: SIP/2.0/UDP 127.0.0.9;branch=z9hG4bK2', 'CSeq: 1 INVITE', 'Content-Length: 0', '', ''),
    );
  });
});
