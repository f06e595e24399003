// The reply built for a request siprc cannot parse (runtime/server/bad-request.ts):
// which first lines still read as a request (RFC 4475's lwsstart, lwsruri and
// trws: stray spaces), 505 for a SIP version other than 2.0 (badvers), and no
// reply for a reply, an ACK, or a request missing a line the reply copies.

import { badRequestReply } from '../../../runtime/server/bad-request.js';

const HEADERS = ['Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:b@127.0.0.1>', 'Call-ID: bad-1', 'CSeq: 1 INVITE'];

const message = (first: string, headers = HEADERS): Buffer => Buffer.from([first, ...headers, 'Content-Length: 0', '', ''].join('\r\n'), 'latin1');

const statusLine = (first: string, headers = HEADERS): string | undefined => badRequestReply(message(first, headers), 'what was wrong')?.data.toString('latin1').split('\r\n')[0];

describe('badRequestReply', () => {
  it.each([
    ['INVITE  sip:user@example.com  SIP/2.0', 'several spaces between the parts'],
    ['INVITE sip:user@example.com; lr SIP/2.0', 'a space inside the Request-URI'],
    ['OPTIONS sip:remote-target@example.com SIP/2.0  ', 'spaces after the version'],
    ['INVITE\tsip:user@example.com\tSIP/2.0', 'tabs for spaces'],
    ['NEWMETHOD2 sip:user@example.com SIP/2.0', 'a method with a digit'],
  ])('answers 400 with the reason to %j (%s)', (first) => {
    expect(statusLine(first)).toBe('SIP/2.0 400 Bad Request - what was wrong');
  });

  it('answers 505 to a request of another SIP version, copying its lines', () => {
    const reply = badRequestReply(message('OPTIONS sip:t.watson@example.org SIP/7.0'), 'SIP version SIP/7.0 not supported')!;
    const text = reply.data.toString('latin1');
    expect(text.split('\r\n')[0]).toBe('SIP/2.0 505 Version Not Supported');
    for (const line of HEADERS) expect(text).toContain(`${line}\r\n`);
    expect(reply.status).toBe(505);
    expect(reply.via).toEqual({ port: 5070, rport: false });
  });

  it("reads the reply's port from a Via of another SIP version too", () => {
    const headers = ['Via:     SIP/7.0/UDP 127.0.0.1:5071;branch=z9hG4bKkdjuw', ...HEADERS.slice(1)];
    expect(badRequestReply(message('OPTIONS sip:t.watson@example.org SIP/7.0', headers), 'bad version')!.via).toEqual({ port: 5071, rport: false });
  });

  it.each([
    ['SIP/2.0 4294967301 better not break the receiver', 'a reply'],
    ['ACK sip:user@example.com SIP/2.0', 'an ACK'],
    ['ack  sip:user@example.com SIP/2.0', 'an ACK in lower case with stray spaces'],
    ['INVITE sip:user@example.com', 'no SIP version'],
    ['INVITE SIP/2.0', 'no Request-URI'],
    ['<INVITE> sip:user@example.com SIP/2.0', 'no method token'],
  ])('gives no reply to %j (%s)', (first) => {
    expect(statusLine(first)).toBeUndefined();
  });

  it('gives no reply when a line it must copy is missing', () => {
    expect(statusLine('INVITE  sip:user@example.com SIP/2.0', HEADERS.slice(1))).toBeUndefined();
  });
});
