// textops' replacements. Return codes and forwarded messages recorded from
// Kamailio 5.6 with the same routes and INVITE.

import { bodyOf, headersOf, invite, run, SDP } from './run.js';

const FORWARD = 'forward("127.0.0.1", 7462);';

describe('replace, replace_all, replace_hdrs', () => {
  it('replaces the first match after the first line', () => {
    const { logs, sent } = run(`replace("bob", "carol"); xlog("$rc\\n"); replace("nope", "x"); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1', '-1']);
    expect(sent?.[0]).toBe('INVITE sip:bob@127.0.0.1 SIP/2.0');
    expect(headersOf(sent)).toContain('To: <sip:carol@127.0.0.1>');
  });

  it('replaces every match, in the body too', () => {
    const { logs, sent } = run(`replace_all("127\\.0\\.0\\.1", "HOST"); xlog("$rc\\n"); replace_all("x-foo", "X-Bar"); ${FORWARD}`);
    expect(logs).toEqual(['1']);
    expect(sent?.[0]).toBe('INVITE sip:bob@127.0.0.1 SIP/2.0');
    expect(headersOf(sent).filter((l) => /^(From|To|Contact|X-)/.test(l))).toEqual([
      'From: "Alice" <sip:alice@HOST>;tag=a1',
      'To: <sip:bob@HOST>',
      'Contact: <sip:alice@HOST:7461>',
      'X-Bar: a, b',
      'X-Bar: c',
    ]);
    // Kamailio leaves Content-Length at 103 here (a lump in the body listed with header lumps); siprc writes the length sent.
    expect(bodyOf(sent)).toBe(SDP.replaceAll('127.0.0.1', 'HOST'));
  });

  it('stops at an empty match with -1', () => {
    const { logs, sent } = run(`replace_all("b*", "Z"); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['-1']);
    expect(headersOf(sent)).toContain('To: <sip:bob@127.0.0.1>');
  });

  it('replaces in the headers only', () => {
    const { logs, sent } = run(`replace_hdrs("Contact", "m"); xlog("$rc\\n"); replace_hdrs("sendrecv", "x"); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1', '-1']);
    expect(headersOf(sent)).toContain('m: <sip:alice@127.0.0.1:7461>');
  });

  it('writes the text of every lump over the same bytes, deletions united', () => {
    const { sent } = run(`replace("CSeq: 1", "CSeq: 2"); replace("CSeq: 1", "CSeq: 3"); replace("Call-ID: c1", "Call-ID: xx"); replace("ID: c1@x", "ID: yy"); ${FORWARD}`);
    expect(headersOf(sent).slice(6, 8)).toEqual(['Call-ID: xxID: yy', 'CSeq: 2CSeq: 3 INVITE']);
  });
});

describe('replace_body, replace_body_all, replace_body_atonce', () => {
  it('replaces the first match or every one, line by line (a `.*$` takes the CR in)', () => {
    const { logs, sent } = run(
      `replace_body("IN IP4", "IN  IP6"); xlog("$rc\\n"); replace_body_all("^a=.*$", "a=inactive"); xlog("$rc\\n"); replace_body_all("^x", "y"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1', '-1']);
    expect(headersOf(sent)).toContain('Content-Length: 103');
    expect(bodyOf(sent)).toBe('v=0\r\no=alice 1 1 IN  IP6 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=inactive\n');
  });

  it('matches the body as one text at once: ^ at its start, . across lines', () => {
    const { logs, sent } = run(
      `replace_body_atonce("^c=", "C="); xlog("$rc\\n"); replace_body_atonce("^v=", "V="); xlog("$rc\\n"); replace_body_atonce("C=.*$", "end\\r\\n"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['-1', '1', '1']);
    expect(headersOf(sent)).toContain('Content-Length: 45');
    expect(bodyOf(sent)).toBe('V=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=-\r\nend\r\n');
  });

  it('finds nothing in an empty body', () => {
    expect(run('replace_body(".", "x"); xlog("$rc\\n");', invite([], { type: 'application/sdp', text: '' })).logs).toEqual(['-1']);
  });
});

describe('replace_str, replace_hdrs_str, replace_body_str', () => {
  it('replaces plain text (case counts), returning 1 even when nothing matched or the text is empty', () => {
    const { logs, sent } = run(
      'replace_str("path", "P", "f"); xlog("$rc\\n"); replace_str("zzz", "P", "f"); xlog("$rc\\n"); replace_str("zzz", "P", "a"); xlog("$rc\\n");' +
        `replace_str("X-Foo", "Y", "a"); xlog("$rc\\n"); replace_str("", "P", "a"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1', '1', '1', '1']);
    expect(headersOf(sent).slice(9, 13)).toEqual(['Supported: P, 100rel', 'P-One: first', 'Y: a, b', 'Y: c']);
  });

  it('replaces in the headers or in the body only', () => {
    const { logs, sent } = run(
      'replace_body_str("zzz", "P", "f"); xlog("$rc\\n"); replace_body_str("IN", "P", "f"); xlog("$rc\\n");' +
        `replace_hdrs_str("zzz", "P", "a"); xlog("$rc\\n"); replace_hdrs_str("Foo", "P", "a"); xlog("$rc\\n"); replace_hdrs_str("INVITE", "invite", "a"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1', '1', '1']);
    expect(sent?.[0]).toBe('INVITE sip:bob@127.0.0.1 SIP/2.0');
    expect(headersOf(sent).filter((l) => /^(CSeq|X-)/.test(l))).toEqual(['CSeq: 1 invite', 'X-P: a, b', 'X-P: c']);
    expect(bodyOf(sent)).toBe(SDP.replace('IN', 'P'));
  });

  it('replaces every occurrence for a mode other than f', () => {
    const { logs, sent } = run(`replace_body_str("a", "b", "x"); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1']);
    expect(bodyOf(sent)).toBe(SDP.replaceAll('a', 'b'));
  });
});
