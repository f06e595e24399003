// textops' searches. Return codes and forwarded messages recorded from
// Kamailio 5.6 with the same routes and INVITE.

import { bodyOf, headersOf, invite, run } from './run.js';

describe('search, search_body, search_str', () => {
  it('searches the whole message, case aside, line by line', () => {
    const { logs } = run(
      'search("INVITE sip:bob"); xlog("$rc\\n"); search("^a=sendrecv$"); xlog("$rc\\n"); search("invite SIP:BOB"); xlog("$rc\\n");' +
        'search("Max-Forwards: 70.From"); xlog("$rc\\n"); search("^a=sendrecv"); xlog("$rc\\n");',
    );
    expect(logs).toEqual(['1', '-1', '1', '-1', '1']);
  });

  it('searches the body only, and finds nothing in an empty one', () => {
    expect(run('search_body("^m=audio"); xlog("$rc\\n"); search_body("Content-Type"); xlog("$rc\\n");').logs).toEqual(['1', '-1']);
    expect(run('search_body(".*"); xlog("$rc\\n");', invite([], { type: 'application/sdp', text: '' })).logs).toEqual(['-1']);
  });

  it('searches any text, compiling the expression when it runs (-2 when it does not compile)', () => {
    const { logs } = run(
      'search_str("abcdef", "c.e"); xlog("$rc\\n"); search_str("abcdef", "^c"); xlog("$rc\\n"); search_str("ABC", "b"); xlog("$rc\\n");' +
        'search_str("a\\nb", "^b"); xlog("$rc\\n"); search_str("a\\nb", "a.b"); xlog("$rc\\n"); search_str("x", "("); xlog("$rc\\n");',
    );
    expect(logs).toEqual(['1', '-1', '1', '1', '-1', '-2']);
  });
});

describe('search_hf', () => {
  it('searches the values of the last, the first or every line of a name (compact forms too)', () => {
    const { logs } = run(
      'search_hf("X-Foo", "^c$", "l"); xlog("$rc\\n"); search_hf("X-Foo", "^c$", "f"); xlog("$rc\\n"); search_hf("X-Foo", "^A, B$", "a"); xlog("$rc\\n");' +
        'search_hf("Via", "127.0.0.2", "a"); xlog("$rc\\n"); search_hf("Nope", "a", "a"); xlog("$rc\\n");',
    );
    expect(logs).toEqual(['1', '-1', '1', '1', '-1']);
  });
});

describe('search_append, search_append_body', () => {
  it('appends after the first match past the first line', () => {
    const { logs, sent } = run('search_append("bob", "-1"); xlog("$rc\\n"); search_append("alice", "-2"); search_append("nope", "x"); xlog("$rc\\n"); forward("127.0.0.1", 7462);');
    expect(logs).toEqual(['1', '-1']);
    expect(sent?.[0]).toBe('INVITE sip:bob@127.0.0.1 SIP/2.0');
    expect(headersOf(sent).filter((l) => /^(From|To):/.test(l))).toEqual(['From: "Alice-2" <sip:alice@127.0.0.1>;tag=a1', 'To: <sip:bob-1@127.0.0.1>']);
  });

  it('appends in the body, Content-Length following (after the CR a `.*$` takes in)', () => {
    const { logs, sent } = run(
      'search_append_body("^s=", "session"); search_append_body("sendrecv", "!"); xlog("$rc\\n"); search_append_body("a=sendrecv.*$", "X"); forward("127.0.0.1", 7462);',
    );
    expect(logs).toEqual(['1']);
    expect(headersOf(sent)).toContain('Content-Length: 112');
    expect(bodyOf(sent)).toBe('v=0\r\no=alice 1 1 IN IP4 127.0.0.1\r\ns=session-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv!\rX\n');
  });
});
