// textops' header tests, additions and removals. Return codes and forwarded
// messages recorded from Kamailio 5.6 with the same routes and INVITE (lumps:
// reads keep seeing the message as received).

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { FORWARD_VIAS, HEAD, headersOf, run, SDP } from './run.js';

const FORWARD = 'forward("127.0.0.1", 7462);';

describe('is_present_hf and its variants', () => {
  it('find names in any case and compact form, and regular expressions on names as written; lumps are not seen', () => {
    const { logs } = run(
      'is_present_hf("v"); xlog("$rc\\n"); is_present_hf("m"); xlog("$rc\\n"); is_present_hf("x-foo"); xlog("$rc\\n"); is_present_hf("X-Nope"); xlog("$rc\\n");' +
        '$var(h) = "p-one"; is_present_hf_pv("$var(h)"); xlog("$rc\\n"); is_present_hf_re("^x-f"); xlog("$rc\\n"); is_present_hf_re("^Via$"); xlog("$rc\\n");' +
        'is_present_hf_re("^v$"); xlog("$rc\\n"); $var(r) = "^P-"; is_present_hf_re_pv("$var(r)"); xlog("$rc\\n"); is_present_hf_re_pv("^Q-"); xlog("$rc\\n");' +
        'append_hf("Y: 1\\r\\n"); is_present_hf("Y"); xlog("$rc\\n"); remove_hf("P-One"); is_present_hf("P-One"); xlog("$rc\\n");',
    );
    expect(logs).toEqual(['1', '1', '1', '-1', '1', '1', '1', '1', '1', '-1', '-1', '1']);
  });
});

describe('append_hf, insert_hf, append_urihf, append_time_to_request', () => {
  it('add text where asked, in call order, as written (no line end added)', () => {
    const { logs, sent } = run(
      'insert_hf("A: 1\\r\\n"); insert_hf("B: 2\\r\\n"); append_hf("C: 3\\r\\n"); append_hf("D: 4\\r\\n"); append_hf("E: 5\\r\\n", "Call-ID");' +
        'append_hf("F: 6\\r\\n", "X-Foo"); insert_hf("G: 7\\r\\n", "Call-ID"); insert_hf("H: 8\\r\\n", "X-Foo"); insert_hf("I: 9\\r\\n", "X-Nope"); xlog("$rc\\n");' +
        `append_hf("J: 10\\r\\n", "X-Nope"); xlog("$rc\\n"); append_hf("NOCRLF: 9"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1']);
    expect(headersOf(sent)).toEqual([
      'A: 1',
      'B: 2',
      'I: 9',
      ...FORWARD_VIAS,
      'v: SIP/2.0/UDP 127.0.0.2;branch=z9hG4bK-0',
      'Max-Forwards: 70',
      'From: "Alice" <sip:alice@127.0.0.1>;tag=a1',
      'To: <sip:bob@127.0.0.1>',
      'G: 7',
      'Call-ID: c1@x',
      'E: 5',
      'CSeq: 1 INVITE',
      'Contact: <sip:alice@127.0.0.1:7461>',
      'Supported: path, 100rel',
      'P-One: first',
      'H: 8',
      'X-Foo: a, b',
      'X-Foo: c',
      'F: 6',
      'Content-Type: application/sdp',
      'Content-Length: 103',
      'C: 3',
      'D: 4',
      'J: 10',
      // The empty line ending the headers now ends this one: the body lines follow as headers.
      'NOCRLF: 9',
      ...SDP.split('\r\n').slice(0, -1),
    ]);
  });

  it('append_urihf takes the Request-URI as received; append_time_to_request puts Date after the first header', () => {
    const { logs, sent } = run(`$ru = "sip:new@127.0.0.1"; append_urihf("CC-Diversion: ", "\\r\\n"); xlog("$rc\\n"); append_time_to_request(); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1', '1']);
    expect(sent?.[0]).toBe('INVITE sip:new@127.0.0.1 SIP/2.0');
    const headers = headersOf(sent);
    expect(headers.slice(0, 3)).toEqual(FORWARD_VIAS.concat(headers[2]!));
    expect(headers[2]).toMatch(/^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/);
    expect(headers.slice(-2)).toEqual(['Content-Length: 103', 'CC-Diversion: sip:bob@127.0.0.1']);
  });

  it('add nothing for empty text, returning -1', () => {
    expect(run('append_hf(""); xlog("$rc\\n"); insert_hf("", "To"); xlog("$rc\\n"); $var(e) = ""; append_hf("$var(e)"); xlog("$rc\\n");').logs).toEqual(['-1', '-1', '-1']);
  });
});

describe('remove_hf and its variants', () => {
  it('remove every line of a name, compact forms too, returning 1 (however many) or -1', () => {
    const { logs, sent } = run(
      `remove_hf("X-Foo"); xlog("$rc\\n"); remove_hf("v"); xlog("$rc\\n"); remove_hf("Nope"); xlog("$rc\\n"); remove_hf("m"); xlog("$rc\\n"); remove_hf("X-Foo"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1', '-1', '1', '1']);
    expect(headersOf(sent).filter((l) => /^(Via|v|Contact|X-Foo):/.test(l))).toEqual([FORWARD_VIAS[0]]);
  });

  it('remove by regular expressions on the name, with one to spare', () => {
    const { logs, sent } = run(
      `remove_hf_re("^x-"); xlog("$rc\\n"); remove_hf_re("^Q"); xlog("$rc\\n"); remove_hf_exp("^P-|^Su", "^Sup"); xlog("$rc\\n"); remove_hf_exp("^C", "^C"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '-1', '1', '-1']);
    expect(headersOf(sent).slice(9)).toEqual(['Supported: path, 100rel', 'Content-Type: application/sdp', 'Content-Length: 103']);
  });

  it('take names and expressions from variables', () => {
    const { logs, sent } = run(
      '$var(n) = "p-one"; remove_hf_pv("$var(n)"); xlog("$rc\\n"); remove_hf_re_pv("^To"); xlog("$rc\\n"); remove_hf_re_pv("("); xlog("$rc\\n");' +
        `remove_hf_exp_pv("^Co", "^Content"); xlog("$rc\\n"); remove_hf_exp_pv("^Q", "^Content"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1', '-1', '1', '-1']);
    expect(headersOf(sent).filter((l) => /^(To|P-One|Contact):/.test(l))).toEqual([]);
  });

  it('remove_hf_idx: 2 past the last line, 1 before the first (nothing removed), -1 for a non-integer index', () => {
    const { logs, sent } = run(
      'remove_hf_idx("X-Foo", 1); xlog("$rc\\n"); remove_hf_idx("X-Foo", 2); xlog("$rc\\n"); remove_hf_idx("X-Foo", -3); xlog("$rc\\n");' +
        'remove_hf_idx("v", -1); xlog("$rc\\n"); $var(i) = 0; remove_hf_idx("Supported", "$var(i)"); xlog("$rc\\n"); $var(s) = "0";' +
        `remove_hf_idx("P-One", "$var(s)"); xlog("$rc\\n"); remove_hf_idx("X-Nope", 0); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '2', '1', '1', '1', '-1', '2']);
    expect(headersOf(sent).slice(2)).toEqual([
      'Max-Forwards: 70',
      'From: "Alice" <sip:alice@127.0.0.1>;tag=a1',
      'To: <sip:bob@127.0.0.1>',
      'Call-ID: c1@x',
      'CSeq: 1 INVITE',
      'Contact: <sip:alice@127.0.0.1:7461>',
      'P-One: first',
      'X-Foo: a, b',
      'Content-Type: application/sdp',
      'Content-Length: 103',
    ]);
  });

  it('remove_hf_match: eq, ne and in compare case and all, re does not; -2 when none matched, -1 for another operator', () => {
    const { logs, sent } = run(
      'remove_hf_match("X-Foo", "eq", "c"); xlog("$rc\\n"); remove_hf_match("X-Foo", "eq", "C"); xlog("$rc\\n"); remove_hf_match("X-Foo", "in", "A"); xlog("$rc\\n");' +
        'remove_hf_match("X-Foo", "re", "^A"); xlog("$rc\\n"); remove_hf_match("Supported", "ne", "path"); xlog("$rc\\n");' +
        `remove_hf_match("P-One", "xx", "first"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '-2', '-2', '1', '1', '-1']);
    expect(headersOf(sent).slice(-4)).toEqual(['Contact: <sip:alice@127.0.0.1:7461>', 'P-One: first', 'Content-Type: application/sdp', 'Content-Length: 103']);
  });

  it('refuse a header name that is not a token at start-up', () => {
    expect(codesOf(`${HEAD}request_route {\n  remove_hf("Bad Name");\n  is_present_hf("X:");\n}\n`, { modules: builtinModules })).toEqual(['E0607@8:13', 'E0607@9:17']);
  });
});
