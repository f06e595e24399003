// Header and body line iterators. Logs and forwarded messages recorded from
// Kamailio 5.6 with the same routes and INVITE.

import { bodyOf, headersOf, INVITE_HEADERS, run, SDP } from '../textops/run.js';

describe('hf_iterator_*', () => {
  it('walks the header lines and changes the message at the current one', () => {
    const { logs, sent } = run(
      'hf_iterator_start("i1"); while(hf_iterator_next("i1")) { xlog("[$hfitname(i1)] [$hfitbody(i1)]\\n"); if ($hfitname(i1) == "P-One") {' +
        ' hf_iterator_rm("i1"); hf_iterator_append("i1", "P-Two: 2\\r\\n"); hf_iterator_insert("i1", "P-Zero: 0\\r\\n"); } } xlog("end $rc\\n");' +
        ' hf_iterator_end("i1"); xlog("e $rc [$hfitname(i1)]\\n"); forward("127.0.0.1", 7462);',
    );
    const walked = INVITE_HEADERS.slice(1).map((l) => {
      const colon = l.indexOf(':');
      return `[${l.slice(0, colon)}] [${l.slice(colon + 1).trim()}]`;
    });
    expect(logs).toEqual([...walked, 'end -1', 'e 1 [<null>]']);
    expect(headersOf(sent).slice(9, 12)).toEqual(['Supported: path, 100rel', 'P-Zero: 0', 'P-Two: 2']);
  });

  it('starts over, keeps at most four names, and ends without freeing a place', () => {
    const { logs } = run(
      'hf_iterator_start("a"); hf_iterator_next("a"); hf_iterator_next("a"); hf_iterator_next("a"); xlog("$hfitname(a) $hfitbody(a)\\n"); hf_iterator_start("a");' +
        'xlog("$rc [$hfitname(a)]\\n"); hf_iterator_next("a"); xlog("$rc $hfitname(a)\\n"); hf_iterator_next("nope"); xlog("$rc\\n"); hf_iterator_start("b");' +
        'hf_iterator_start("c"); hf_iterator_start("d"); xlog("$rc\\n"); hf_iterator_start("e"); xlog("$rc\\n"); hf_iterator_rm("b"); xlog("$rc\\n");' +
        'hf_iterator_end("b"); hf_iterator_start("e"); xlog("$rc\\n");',
    );
    expect(logs).toEqual(['Max-Forwards 70', '1 [<null>]', '1 Via', '-1', '1', '-1', '-1', '-1']);
  });
});

describe('bl_iterator_*', () => {
  it('walks the body lines (line ends included) and changes them', () => {
    const { logs, sent } = run(
      'bl_iterator_start("b1"); while(bl_iterator_next("b1")) { xlog("line [$blitval(b1)"); if ($blitval(b1) =~ "^s=") { bl_iterator_rm("b1");' +
        ' bl_iterator_append("b1", "s=new\\r\\n"); bl_iterator_insert("b1", "i=info\\r\\n"); } } xlog("end $rc\\n"); bl_iterator_end("b1"); forward("127.0.0.1", 7462);',
    );
    // Each line keeps its CRLF; a log line is printed without its last LF.
    expect(logs).toEqual([...SDP.split('\r\n').slice(0, -1).map((l) => `line [${l}\r`), 'end -1']);
    expect(headersOf(sent)).toContain('Content-Length: 113');
    expect(bodyOf(sent)).toBe(SDP.replace('s=-\r\n', 'i=info\r\ns=new\r\n'));
  });

  it('ends for good: next after end fails, while a header iterator starts over', () => {
    const { logs } = run(
      'hf_iterator_start("a"); hf_iterator_next("a"); hf_iterator_end("a"); xlog("$rc [$hfitname(a)]\\n"); hf_iterator_next("a"); xlog("$rc [$hfitname(a)]\\n");' +
        'bl_iterator_start("a"); bl_iterator_next("a"); bl_iterator_end("a"); bl_iterator_next("a"); xlog("$rc\\n");',
    );
    expect(logs).toEqual(['1 [<null>]', '1 [Via]', '-1']);
  });
});

describe('hf_iterator_prev', () => {
  // Recorded from Kamailio 5.6.3 on an INVITE (test/differential/xlog/95-hf-iterator-prev.cfg compares them live).
  const walkBack = (k: number): string =>
    `hf_iterator_start("i"); $var(j) = 0; while ($var(j) <= ${k}) { hf_iterator_next("i"); $var(j) = $var(j) + 1; } $var(s) = $hfitname(i);` +
    ` $var(n) = 0; while ($var(n) < 7) { hf_iterator_prev("i"); $var(s) = $var(s) + "|" + $rc + ":" + $hfitname(i); $var(n) = $var(n) + 1; } xlog("$var(s)\\n");`;

  it('steps back one header at a time, and to none from the first or the second header depending on where it started', () => {
    const { logs } = run([0, 1, 2, 3, 4, 5].map(walkBack).join(' '));
    // The headers are Via, v, Max-Forwards, From, To, Call-ID, ...
    expect(logs).toEqual([
      'Via|1:|1:|1:|1:|1:|1:|1:',
      'v|1:Via|1:|1:|1:|1:|1:|1:',
      'Max-Forwards|1:v|1:|1:|1:|1:|1:|1:',
      'From|1:Max-Forwards|1:v|1:Via|1:|1:|1:|1:',
      'To|1:From|1:Max-Forwards|1:v|1:|1:|1:|1:',
      'Call-ID|1:To|1:From|1:Max-Forwards|1:v|1:Via|1:|1:',
    ]);
  });

  it('goes back to where next came from, after end too; fails past the last header and for an unknown name', () => {
    const { logs } = run(
      'hf_iterator_start("a"); hf_iterator_next("a"); hf_iterator_next("a"); hf_iterator_next("a"); hf_iterator_end("a"); hf_iterator_prev("a");' +
        ' xlog("$rc [$hfitname(a)]\\n"); hf_iterator_next("a"); xlog("$rc [$hfitname(a)]\\n");' +
        ' hf_iterator_start("b"); hf_iterator_next("b"); hf_iterator_next("b"); hf_iterator_next("b"); hf_iterator_next("b"); hf_iterator_next("b");' +
        ' hf_iterator_prev("b"); hf_iterator_next("b"); xlog("$rc [$hfitname(b)]\\n"); hf_iterator_prev("b"); hf_iterator_prev("b"); xlog("$rc [$hfitname(b)]\\n");' +
        ' hf_iterator_start("c"); while (hf_iterator_next("c")) { $var(x) = 1; } hf_iterator_prev("c"); xlog("$rc [$hfitname(c)]\\n");' +
        ' hf_iterator_end("c"); hf_iterator_prev("c"); xlog("$rc [$hfitname(c)]\\n"); hf_iterator_prev("c"); xlog("$rc [$hfitname(c)]\\n");' +
        ' hf_iterator_start("d"); hf_iterator_prev("d"); xlog("$rc [$hfitname(d)]\\n"); hf_iterator_prev("nope"); xlog("$rc\\n");',
    );
    const last = INVITE_HEADERS.length - 1;
    const nameAt = (i: number): string => INVITE_HEADERS[i]!.slice(0, INVITE_HEADERS[i]!.indexOf(':'));
    expect(logs).toEqual(['1 [v]', '1 [Max-Forwards]', '1 [To]', '1 [Max-Forwards]', '-1 [<null>]', `1 [${nameAt(last)}]`, `1 [${nameAt(last - 1)}]`, '1 [<null>]', '-1']);
  });
});
