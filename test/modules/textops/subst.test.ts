// subst and its kin, and {re.subst}. Return codes, logs and forwarded
// messages recorded from Kamailio 5.6 with the same routes and INVITE; the
// expressions Kamailio refuses at start-up are script errors here.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { bodyOf, HEAD, headersOf, invite, run } from './run.js';

const FORWARD = 'forward("127.0.0.1", 7462);';

describe('subst', () => {
  it('works line by line unless s is given, and matches case unless i is', () => {
    const lines = run(`subst('/^CSeq: 1 (.*)$/CSeq: 9 \\1/'); xlog("$rc\\n"); subst('/Call-ID.*CSeq/XX/'); xlog("$rc\\n"); subst('/cseq: 1/XX/'); xlog("$rc\\n"); subst('/bob/BOB/'); xlog("$rc\\n"); ${FORWARD}`);
    expect(lines.logs).toEqual(['1', '-1', '-1', '1']);
    expect(lines.sent?.[0]).toBe('INVITE sip:bob@127.0.0.1 SIP/2.0');
    expect(headersOf(lines.sent).slice(5, 8)).toEqual(['To: <sip:BOB@127.0.0.1>', 'Call-ID: c1@x', 'CSeq: 9 INVITE']);
    const across = run(`subst('/Call-ID.*CSeq/XX/s'); xlog("$rc\\n"); ${FORWARD}`);
    expect(across.logs).toEqual(['1']);
    expect(headersOf(across.sent).slice(5, 7)).toEqual(['To: <sip:bob@127.0.0.1>', 'XX: 1 INVITE']);
  });

  it('replaces every match with g (in the body too), case aside with i', () => {
    const { logs, sent } = run(`subst('/127/X/g'); xlog("$rc\\n"); subst('/alice/Al/ig'); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1', '1']);
    expect(headersOf(sent).slice(4, 6)).toEqual(['From: "Al" <sip:Al@X.0.0.1>;tag=a1', 'To: <sip:bob@X.0.0.1>']);
    expect(bodyOf(sent).split('\r\n')[1]).toBe('o=Al 1 1 IN IP4 X.0.0.1');
  });

  it('keeps the CR a `(.*)$` takes, and later lumps inside its match go after its text', () => {
    const { sent } = run(`subst('/^To:(.*)$/T:\\1/'); search_append("bob", "-1"); ${FORWARD}`);
    // The line end is now a bare LF, so the To and Call-ID lines come as one CRLF-ended piece.
    expect(headersOf(sent)[5]).toBe('T: <sip:bob@127.0.0.1>\r-1\nCall-ID: c1@x');
  });
});

describe('subst_body', () => {
  it('substitutes in the body; an empty body gives -1', () => {
    const { logs, sent } = run(`subst_body('/^o=([a-z]+) /o=Z\\1 /'); xlog("$rc\\n"); subst_body('/0/O/g'); xlog("$rc\\n"); subst_body('/^z/y/'); xlog("$rc\\n"); ${FORWARD}`);
    expect(logs).toEqual(['1', '1', '-1']);
    expect(bodyOf(sent)).toBe('v=O\r\no=Zalice 1 1 IN IP4 127.O.O.1\r\ns=-\r\nc=IN IP4 127.O.O.1\r\nt=O O\r\nm=audio 4OOO RTP/AVP O\r\na=sendrecv\r\n');
    expect(run(`subst_body('/^/x/'); xlog("$rc\\n");`, invite([], { type: 'application/sdp', text: '' })).logs).toEqual(['-1']);
  });
});

describe('subst_uri, subst_user', () => {
  it('rewrite the Request-URI, seen at once', () => {
    const { logs, sent } = run(
      `subst_uri('/^sip:([a-z]+)@(.*)$/sip:99\\1@\\2/'); xlog("$rc $ru $ou\\n"); subst_user('/b$/BEE/'); xlog("$rc $ru $rU\\n");` +
        `subst_user('/^nomatch/x/'); xlog("$rc $ru\\n"); subst_uri('/^x/y/'); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1 sip:99bob@127.0.0.1 sip:bob@127.0.0.1', '1 sip:99boBEE@127.0.0.1 99boBEE', '-1 sip:99boBEE@127.0.0.1', '-1']);
    expect(sent?.[0]).toBe('INVITE sip:99boBEE@127.0.0.1 SIP/2.0');
  });
});

describe('subst_hf', () => {
  it('substitutes in header values, with \\u, pseudo-variables, escapes and other separators', () => {
    const { logs, sent } = run(
      '$var(x) = "VX"; subst_hf("P-One", "/first/[\\u][$var(x)][$rU][\\/][$$][\\t]/", "a"); xlog("$rc\\n");' +
        'subst_hf("Call-ID", "#c1#a\\#b#", "a"); xlog("$rc\\n"); subst_hf("X-Foo", "/(A)|(C)/<\\1\\2>/i", "a"); xlog("$rc\\n");' +
        `subst_hf("Supported", "/p/P/g", "f"); xlog("$rc\\n"); subst_hf("Nope", "/a/b/", "a"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '1', '1', '1', '-1']);
    expect(headersOf(sent).slice(6, 12)).toEqual([
      'Call-ID: a#b@x',
      'CSeq: 1 INVITE',
      'Contact: <sip:alice@127.0.0.1:7461>',
      'Supported: Path, 100rel',
      'P-One: [sip:bob@127.0.0.1][VX][bob][/][$][\t]',
      'X-Foo: <a>, b',
    ]);
  });

  it('takes the last line or the first (by the first letter of the flags; anything else means all), a group past the last empty', () => {
    const { logs, sent } = run(
      'subst_hf("X-Foo", "/^(.)/[\\1]/", "l"); xlog("$rc\\n"); subst_hf("v", "/127.0.0.2/host/", "f"); xlog("$rc\\n");' +
        `subst_hf("P-One", "/f(i)rst/[\\1\\2]/", "a"); subst_hf("X-Foo", "/b/B/", "z"); xlog("$rc\\n"); ${FORWARD}`,
    );
    expect(logs).toEqual(['1', '-1', '1']);
    expect(headersOf(sent).slice(10, 13)).toEqual(['P-One: [i]', 'X-Foo: a, B', 'X-Foo: [c]']);
  });
});

describe('{re.subst}', () => {
  it('substitutes in a value, from a constant or a variable expression', () => {
    const { logs } = run(
      '$var(a) = "hello world"; xlog("$(var(a){re.subst,/o/0/g})\\n"); xlog("$(var(a){re.subst,/x/y/})\\n"); xlog("$(var(a){re.subst,/(h)(e)/\\2\\1/})\\n");' +
        '$var(e) = "/l+/L/"; xlog("$(var(a){re.subst,$var(e)})\\n"); $var(n) = 5; xlog("$(var(n){re.subst,/5/6/})\\n"); xlog("$(var(a){re.subst,/O/_/gi})\\n");',
    );
    expect(logs).toEqual(['hell0 w0rld', 'hello world', 'ehllo world', 'heLo world', '6', 'hell_ w_rld']);
  });
});

describe('expressions Kamailio refuses at start-up', () => {
  it('are script errors at the argument', () => {
    const script = `${HEAD}request_route {\n  subst('/a/b/x');\n  subst('/a(/b/');\n  subst('/a/b');\n  subst_hf("From", '/a/$nope(x)/', "a");\n}\n`;
    expect(codesOf(script, { modules: builtinModules })).toEqual(['E0607@8:9', 'E0607@9:9', 'E0607@10:9', 'E0607@11:20', 'E0702@11:25']);
  });
});
