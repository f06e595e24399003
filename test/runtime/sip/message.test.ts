// SipMessage: the first line, header boundaries (folding, compact names,
// any case), the body by Content-Length, limits, errors as values, and lazy
// parsing with caching.

import { isSipError, type SipError } from '../../../runtime/sip/errors.js';
import { HOT } from '../../../runtime/sip/header-names.js';
import { SipMessage, type ParseOptions } from '../../../runtime/sip/message.js';

function parse(text: string, options?: ParseOptions): SipMessage {
  const m = SipMessage.parse(Buffer.from(text, 'latin1'), options);
  if (isSipError(m)) throw new Error(m.reason);
  return m;
}

function failure(text: string, options?: ParseOptions): SipError {
  const m = SipMessage.parse(Buffer.from(text, 'latin1'), options);
  if (!isSipError(m)) throw new Error('parsed');
  return m;
}

const REQUEST = 'OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n';

describe('first line', () => {
  it('reads a request and a reply', () => {
    expect(parse(`${REQUEST}\r\n`)).toMatchObject({ isRequest: true, method: 'OPTIONS', requestUriText: 'sip:127.0.0.1', status: 0 });
    const reply = parse('SIP/2.0 183 Session Progr\u00c3\u00a8s\r\nCSeq: 1 INVITE\r\n\r\n');
    expect(reply).toMatchObject({ isRequest: false, status: 183, method: '' });
    expect(reply.reasonText).toBe('Session Progrès');
    expect(parse('sip/2.0 200\r\n\r\n').status).toBe(200);
  });

  it.each([
    ['OPTIONS  sip:a SIP/2.0', 400, /single spaces/],
    ['OPTIONS sip:a SIP/2.0 ', 400, /single spaces/],
    ['OPT@IONS sip:a SIP/2.0', 400, /bad method/],
    ['OPTIONS sip:a SIP/3.0', 505, /version SIP\/3.0 not supported/],
    ['OPTIONS sip:a HTTP/1.1', 400, /not a SIP version/],
    ['SIP/2.0 2000 OK', 400, /bad status code/],
    ['SIP/2.0 099 Low', 400, /bad status code/],
    ['SIP/1.0 200 OK', 505, /not supported/],
  ])('rejects "%s" with %d', (line, status, reason) => {
    expect(failure(`${line}\r\nCSeq: 1 OPTIONS\r\n\r\n`)).toMatchObject({ status, reason: expect.stringMatching(reason) });
  });
});

describe('headers', () => {
  it('unfolds continuation lines and keeps names as written', () => {
    const m = parse(`${REQUEST}Subject: I know you're there,\r\n   pick up the phone\r\n\tand talk to me!\r\nX-Empty:\r\n\r\n`);
    expect(m.header('subject')).toBe("I know you're there, pick up the phone and talk to me!");
    expect(m.headerName(3)).toBe('Subject');
    expect(m.header('x-empty')).toBe('');
    expect(m.headerLine(0)).toBe('Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n');
  });

  it('knows every compact form, in any case', () => {
    const compact = 'vftimlcksoureb xya'.replace(' ', '');
    const full = ['via', 'from', 'to', 'call-id', 'contact', 'content-length', 'content-type', 'supported', 'subject', 'event', 'allow-events', 'refer-to', 'content-encoding', 'referred-by', 'session-expires', 'identity', 'accept-contact'];
    const lines = [...compact].map((c, i) => `${i % 2 ? c.toUpperCase() : c}: value-${c}`);
    const m = parse(`OPTIONS sip:a SIP/2.0\r\n${lines.filter((l) => !/^l:/i.test(l)).join('\r\n')}\r\nl: 0\r\n\r\n`);
    for (const [i, c] of [...compact].entries()) if (c !== 'l') expect(m.header(full[i]!)).toBe(`value-${c}`);
    expect(m.header('Content-Length')).toBe('0');
    expect(m.headerValues('VIA')).toEqual(['value-v']);
  });

  it('finds every line of a repeated header', () => {
    const m = parse(`${REQUEST}Route: <sip:a;lr>\r\nroute: <sip:b;lr>, <sip:c;lr>\r\n\r\n`);
    expect(m.headerValues('Route')).toEqual(['<sip:a;lr>', '<sip:b;lr>, <sip:c;lr>']);
    expect(m.findHeader('route', m.findHeader('route') + 1)).toBe(4);
    const routes = m.routes();
    expect(isSipError(routes) ? routes.reason : routes?.map((r) => r.uriText)).toEqual(['sip:a;lr', 'sip:b;lr', 'sip:c;lr']);
  });

  it('counts the lines of the hot headers while parsing, compact forms with full ones', () => {
    const m = parse(`${REQUEST}f: <sip:a@127.0.0.1>;tag=1\r\nFROM: <sip:b@127.0.0.1>;tag=2\r\nv: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK2\r\n\r\n`);
    expect([HOT.via, HOT.from, HOT.to, HOT.callId, HOT.cseq, HOT.contentLength].map((h) => m.hotLines(h))).toEqual([2, 2, 0, 1, 1, 0]);
  });

  it('finds Max-Forwards and Contact (hot, noted while parsing) as any other header: any case, compact form, later lines', () => {
    const m = parse(`${REQUEST}m: <sip:a@127.0.0.1>\r\nMAX-FORWARDS: 9\r\nCONTACT: <sip:b@127.0.0.1>\r\ncall-id: x\r\n\r\n`);
    const contact = m.findHeader('Contact');
    expect(m.headerValue(contact)).toBe('<sip:a@127.0.0.1>');
    expect(m.headerValue(m.findHeader('contact', contact + 1))).toBe('<sip:b@127.0.0.1>');
    expect(m.header('max-forwards')).toBe('9');
    expect(m.findHeader('m')).toBe(contact);
    expect(m.headerValues('Contact')).toEqual(['<sip:a@127.0.0.1>', '<sip:b@127.0.0.1>']);
    expect([HOT.maxForwards, HOT.contact, HOT.callId].map((h) => m.hotLines(h))).toEqual([1, 2, 2]);
    const none = parse(`${REQUEST}\r\n`);
    expect([none.findHeader('max-forwards'), none.findHeader('contact')]).toEqual([-1, -1]);
  });

  it.each([
    ['a line without a colon', `${REQUEST}Bogus line\r\n\r\n`, /":" expected after "Bogus"/],
    ['a line starting with a colon', `${REQUEST}: value\r\n\r\n`, /bad header line/],
  ])('rejects %s', (_, text, reason) => {
    expect(failure(text).reason).toMatch(reason);
  });
});

describe('body', () => {
  it('is cut at Content-Length, and runs to the end without one', () => {
    expect(parse(`${REQUEST}Content-Length: 3\r\n\r\nabcdef`).body.toString()).toBe('abc');
    expect(parse(`${REQUEST}\r\nabcdef`).body.toString()).toBe('abcdef');
    expect(parse('OPTIONS sip:a SIP/2.0\nCSeq: 1 OPTIONS\nl: 2\n\nxyz').body.toString()).toBe('xy');
  });

  it('rejects a Content-Length beyond the message or not a number', () => {
    expect(failure(`${REQUEST}Content-Length: 10\r\n\r\nabc`).reason).toMatch(/larger than the body/);
    expect(failure(`${REQUEST}Content-Length: ten\r\n\r\n`).reason).toMatch(/a number expected/);
  });

  it('requires Content-Length and the end of the headers on a stream transport', () => {
    expect(failure(`${REQUEST}\r\n`, { stream: true }).reason).toMatch(/Content-Length is required/);
    expect(failure(REQUEST, { stream: true }).reason).toMatch(/not ended by an empty line/);
  });
});

describe('limits', () => {
  const limits = { maxMessageSize: 300, maxHeaders: 5, maxLineLength: 80 };
  it('bounds the message size, the header count and the line length', () => {
    expect(failure(`${REQUEST}X: ${'a'.repeat(300)}\r\n\r\n`, { limits })).toMatchObject({ status: 513 });
    expect(failure(`${REQUEST}A: 1\r\nB: 2\r\nC: 3\r\n\r\n`, { limits }).reason).toBe('more than 5 header lines');
    expect(failure(`${REQUEST}X: ${'a'.repeat(80)}\r\n\r\n`, { limits }).reason).toBe('header line longer than 80 bytes');
    expect(parse(`${REQUEST}X: 1\r\n\r\n`, { limits }).headerCount).toBe(4);
  });
});

describe('lazy header values', () => {
  it('parses a header once and returns the cached value after', () => {
    const m = parse(`${REQUEST}From: <sip:a@127.0.0.1>;tag=1\r\nContact: <sip:a@127.0.0.1>\r\n\r\n`);
    expect(m.from()).toBe(m.from());
    expect(m.via()).toBe(m.via());
    expect(m.contacts()).toBe(m.contacts());
  });

  it('leaves a bad header alone until it is read, then reports it', () => {
    const m = parse(`${REQUEST}Max-Forwards: lots\r\n\r\n`);
    expect(m.callId()).toBe('x');
    expect(m.maxForwards()).toMatchObject({ reason: 'bad Max-Forwards "lots": a number expected' });
    expect(m.check()).toMatchObject({ reason: 'bad Max-Forwards "lots": a number expected', status: 400 });
  });

  it('checks the CSeq method against the request method and Request-URI headers', () => {
    expect(parse('INVITE sip:a@127.0.0.1 SIP/2.0\r\nCSeq: 1 ACK\r\n\r\n').check()?.reason).toMatch(/does not match/);
    expect(parse('INVITE sip:a@127.0.0.1?x=1 SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n').check()?.reason).toMatch(/must not have headers/);
  });
});
