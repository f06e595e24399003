// sanity_check() (the default checks) and sanity_check("32767", "15") (all
// of them) on the RFC 4475 torture messages, requests in request_route and
// replies in reply_route, run by `siprc exec` with autodrop 0. Every Via
// sent-by is rewritten to 127.0.0.1:27470 with rport, so that replies go to
// loopback. The return codes and the status lines (and Unsupported headers)
// of the replies were recorded from Kamailio 5.6.3 on 127.0.0.1:27460 given
// the same rewritten messages from 127.0.0.1:27470. Left out: the messages
// Kamailio's core drops before the script runs (badcseq, badinv01, insuf,
// multi01, quotbal, wsinv) and those siprc's parser refuses (badvers,
// bigcode, clerr, lwsruri, lwsstart, ncl, trws).

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScript } from '../run-script.js';
import { summary } from './requests.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/rfc4475');

const SCRIPT = `debug=2
listen=udp:127.0.0.1:27460
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
modparam("sanity", "autodrop", 0)
request_route {
  sanity_check();
  xlog("L_ERR", "default rc=$rc\\n");
  sanity_check("32767", "15");
  xlog("L_ERR", "all rc=$rc\\n");
}
reply_route {
  sanity_check();
  xlog("L_ERR", "reply default rc=$rc\\n");
  drop;
}
`;

/** The message with each Via's sent-by replaced by 127.0.0.1:27470, rport added where it was not asked for. */
function toLoopback(text: string): string {
  return text.replace(/^(Via|v)([ \t]*:[ \t]*)(SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z]+)\s+[^;,\r\n]+((?:;[^,\r\n]*)?)/gim, (_all, name: string, colon: string, protocol: string, params: string) => {
    const marked = params.trim() === ';' ? ';rport;' : /rport/i.test(params) ? params : `${params};rport`;
    return `${name}${colon}${protocol} 127.0.0.1:27470${marked}`;
  });
}

/** What Kamailio logged and the status line / Unsupported line of each reply it sent. */
const EXPECTED: Record<string, { logs: string[]; replies: string[] }> = {
  badaspec: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  badbranch: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  baddate: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  baddn: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 Content-Length Body Failure', 'SIP/2.0 400 Content-Length Body Failure'] },
  bcast: { logs: ['reply default rc=-1'], replies: [] },
  bext01: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 420 Bad Proxy Require Extension / Unsupported: noProxiesSupportThis', 'SIP/2.0 420 Bad Proxy Require Extension / Unsupported: noProxiesSupportThis / Unsupported: noProxiesSupportThis'] },
  cparam01: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  cparam02: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  dblreq: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 Content-Length mis-match', 'SIP/2.0 400 Content-Length mis-match'] },
  esc01: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  esc02: { logs: ['default rc=-1', 'all rc=-1'], replies: [] },
  escnull: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  escruri: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  intmeth: { logs: ['default rc=-1', 'all rc=-1'], replies: [] },
  inv2543: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  invut: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  longreq: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  ltgtruri: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 Bad Request URI', 'SIP/2.0 400 Bad Request URI'] },
  lwsdisp: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  mcl01: { logs: ['default rc=-1', 'all rc=-1'], replies: [] },
  mismatch01: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 CSeq method does not match request method', 'SIP/2.0 400 CSeq method does not match request method'] },
  mismatch02: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 CSeq method does not match request method', 'SIP/2.0 400 CSeq method does not match request method'] },
  mpart01: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  noreason: { logs: ['reply default rc=-1'], replies: [] },
  novelsc: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 Bad Request URI', 'SIP/2.0 400 Bad Request URI'] },
  regaut01: { logs: ['default rc=-1', 'all rc=-1'], replies: [] },
  regbadct: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  regescrt: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  scalar02: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 CSeq number is illegal', 'SIP/2.0 400 CSeq number is illegal'] },
  scalarlg: { logs: ['reply default rc=-1'], replies: [] },
  sdp01: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  semiuri: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  transports: { logs: ['default rc=1', 'all rc=1'], replies: [] },
  unkscm: { logs: ['default rc=-1', 'all rc=-1'], replies: ['SIP/2.0 400 Bad Request URI', 'SIP/2.0 400 Bad Request URI'] },
  unksm2: { logs: ['default rc=1', 'all rc=-1'], replies: ['SIP/2.0 400 Invalid From Header'] },
  unreason: { logs: ['reply default rc=-1'], replies: [] },
  zeromf: { logs: ['default rc=1', 'all rc=1'], replies: [] },
};

describe('sanity on the RFC 4475 torture messages', () => {
  it.each(Object.keys(EXPECTED))('%s', (name) => {
    const message = toLoopback(readFileSync(join(FIXTURES, `${name}.dat`), 'latin1'));
    const run = runScript(SCRIPT, message, { source: '127.0.0.1:27470' });
    expect(run.stderr).toBe('');
    expect({ logs: run.logs, replies: run.sent.map((s) => summary(s.text)) }).toEqual(EXPECTED[name]);
  });
});
