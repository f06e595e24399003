// get_body_part(_raw) and filter_body. Return codes, lengths and forwarded
// bodies recorded from Kamailio 5.6 with the same routes and bodies.

import { bodyOf, headersOf, invite, run, SDP } from './run.js';

const PARTS = [
  '--b1',
  'Content-Type: application/sdp',
  '',
  'v=0',
  's=-',
  '',
  '--b1',
  'Content-Type: application/isup',
  'Content-Disposition: signal; handling=optional',
  '',
  'ISUPDATA',
  '--b1',
  'Content-Type: text/plain; charset=x',
  '',
  'hello',
  '--b1--',
  '',
].join('\r\n');
const MULTIPART = invite([], { type: 'multipart/mixed;boundary=b1', text: PARTS });

/** A call storing into $var(p), logged as: return code, length, and the value's first line. */
const part = (fn: string, type: string): string => `${fn}("${type}", "$var(p)"); $var(n) = $(var(p){s.len}); xlog("$rc $var(n) [$var(p)]");`;

describe('get_body_part, get_body_part_raw', () => {
  it('give a part after its Content-Type line, or whole (case aside in the type)', () => {
    const { logs } = run([part('get_body_part', 'application/isup'), part('get_body_part_raw', 'application/isup'), part('get_body_part', 'APPLICATION/SDP'), part('get_body_part_raw', 'application/sdp')].join(' '), MULTIPART);
    // Each value is several lines long: the log line shows its first.
    expect(logs).toEqual(['1 60 [Content-Disposition: signal; handling=optional\r', '1 98 [Content-Type: application/isup\r', '1 14 [\r', '1 51 [Content-Type: application/sdp\r']);
  });

  it('take a quoted boundary, and give a body that is not multipart whole', () => {
    expect(run(part('get_body_part', 'application/isup'), invite([], { type: 'multipart/mixed; boundary="b1"', text: PARTS })).logs).toEqual(['1 60 [Content-Disposition: signal; handling=optional\r']);
    expect(run(`${part('get_body_part', 'text/plain')} ${part('get_body_part_raw', 'image/png')}`).logs).toEqual([`1 ${SDP.length} [v=0\r`, `1 ${SDP.length} [v=0\r`]);
  });

  it('find nothing for a type with parameters, a missing type, a type cut short or an empty body (the variable kept)', () => {
    const calls = '$var(p) = "x"; get_body_part("text/plain", "$var(p)"); xlog("$rc [$var(p)]\\n"); get_body_part("text/html", "$var(p)"); xlog("$rc [$var(p)]\\n"); get_body_part("application", "$var(p)"); xlog("$rc [$var(p)]\\n");';
    expect(run(calls, MULTIPART).logs).toEqual(['-1 [x]', '-1 [x]', '-1 [x]']);
    expect(run('$var(p) = "x"; get_body_part("text/plain", "$var(p)"); xlog("$rc [$var(p)]\\n");', invite([], { type: 'application/sdp', text: '' })).logs).toEqual(['-1 [x]']);
  });
});

describe('filter_body', () => {
  it('keeps the content of the first part of the type, Content-Type untouched', () => {
    const isup = run('filter_body("application/isup"); xlog("$rc\\n"); forward("127.0.0.1", 7462);', MULTIPART);
    expect(isup.logs).toEqual(['1']);
    expect(headersOf(isup.sent).slice(-2)).toEqual(['Content-Type: multipart/mixed;boundary=b1', 'Content-Length: 58']);
    expect(bodyOf(isup.sent)).toBe('Content-Disposition: signal; handling=optional\r\n\r\nISUPDATA');
    expect(bodyOf(run('filter_body("application/sdp"); forward("127.0.0.1", 7462);', MULTIPART).sent)).toBe('v=0\r\ns=-\r\n');
  });

  it('is -1 for a missing part, a type with parameters, and a body that is not multipart', () => {
    const none = run('filter_body("text/plain"); xlog("$rc\\n"); filter_body("image/png"); xlog("$rc\\n"); forward("127.0.0.1", 7462);', MULTIPART);
    expect(none.logs).toEqual(['-1', '-1']);
    expect(bodyOf(none.sent)).toBe(PARTS);
    expect(run('filter_body("application/sdp"); xlog("$rc\\n");').logs).toEqual(['-1']);
  });
});
