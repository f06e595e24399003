// siputils' append_rpid_hf (with rpid_prefix/rpid_suffix, or its own
// prefix and suffix) and is_rpid_user_e164 on the RPID value of the AVP
// rpid_avp names (the default $avp(s:rpid), then $avp(myrpid)), run by
// `siprc exec` on requests then forwarded to 127.0.0.1:27470. The logs and
// the forwarded header lines were recorded from Kamailio 5.6.3 running the
// same scripts.

import { HEAD, request, run } from './run-calls.js';

/** The script: each message sets the AVP `avp` to another value (or none, or a number). */
const script = (avp: string, id: string): string => `
if ($ci == "${id}1") { append_rpid_hf(); xlog("L_ERR", "noavp => $rc\\n"); is_rpid_user_e164(); xlog("L_ERR", "e164 noavp => $rc\\n"); }
if ($ci == "${id}2") { ${avp} = "<sip:+4912345@example.com>"; append_rpid_hf(); xlog("L_ERR", "=> $rc\\n"); is_rpid_user_e164(); xlog("L_ERR", "e164 => $rc\\n"); }
if ($ci == "${id}3") { ${avp} = "sip:+4912345@example.com"; append_rpid_hf("P<", ">S"); xlog("L_ERR", "=> $rc\\n"); is_rpid_user_e164(); xlog("L_ERR", "e164 => $rc\\n"); }
if ($ci == "${id}4") { ${avp} = "\\"Name\\" <sip:123@example.com>;x=y"; append_rpid_hf(); append_rpid_hf(); xlog("L_ERR", "=> $rc\\n"); is_rpid_user_e164(); xlog("L_ERR", "e164 => $rc\\n"); }
if ($ci == "${id}5") { ${avp} = 42; append_rpid_hf(); xlog("L_ERR", "int => $rc\\n"); is_rpid_user_e164(); xlog("L_ERR", "e164 => $rc\\n"); }
$du = "sip:127.0.0.1:27470";
forward();`;

const HEADS: Record<string, string> = {
  rp: `${HEAD}modparam("siputils", "rpid_prefix", "PRE ")\nmodparam("siputils", "rpid_suffix", " SUF")\n`,
  rq: `${HEAD}modparam("siputils", "rpid_prefix", "PRE ")\nmodparam("siputils", "rpid_avp", "$avp(myrpid)")\n`,
};
const AVPS: Record<string, string> = { rp: '$avp(s:rpid)', rq: '$avp(myrpid)' };

/** What Kamailio logged, and the first line, Content-Length and Remote-Party-ID lines of what it forwarded. */
const EXPECTED: Record<string, { logs: string[]; sent: string[] }> = {
  rp1: { logs: ['noavp => -1', 'e164 noavp => -1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0'] },
  rp2: { logs: ['=> 1', 'e164 => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0', 'Remote-Party-ID: PRE <sip:+4912345@example.com> SUF'] },
  rp3: { logs: ['=> 1', 'e164 => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0', 'Remote-Party-ID: P<sip:+4912345@example.com>S'] },
  rp4: { logs: ['=> 1', 'e164 => -1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0', 'Remote-Party-ID: PRE "Name" <sip:123@example.com>;x=y SUF', 'Remote-Party-ID: PRE "Name" <sip:123@example.com>;x=y SUF'] },
  rp5: { logs: ['int => -1', 'e164 => -1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0'] },
  rq1: { logs: ['noavp => -1', 'e164 noavp => -1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0'] },
  rq2: { logs: ['=> 1', 'e164 => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0', 'Remote-Party-ID: PRE <sip:+4912345@example.com>;party=calling;id-type=subscriber;screen=yes'] },
  rq3: { logs: ['=> 1', 'e164 => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0', 'Remote-Party-ID: P<sip:+4912345@example.com>S'] },
  rq4: { logs: ['=> 1', 'e164 => -1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0', 'Remote-Party-ID: PRE "Name" <sip:123@example.com>;x=y;party=calling;id-type=subscriber;screen=yes', 'Remote-Party-ID: PRE "Name" <sip:123@example.com>;x=y;party=calling;id-type=subscriber;screen=yes'] },
  rq5: { logs: ['int => -1', 'e164 => -1'], sent: ['INVITE sip:u@h SIP/2.0', 'Content-Length: 0'] },
};

describe('siputils Remote-Party-ID', () => {
  it.each(Object.keys(EXPECTED))('%s: appends the header after the others and checks its user part', (name) => {
    const id = name.slice(0, 2);
    const r = run(script(AVPS[id]!, id), request(name, 'INVITE sip:u@h SIP/2.0'), { head: HEADS[id] });
    const sent = r.sent.flatMap((s) => s.text.split('\r\n').filter((l, i) => i === 0 || /^(Content-Length|Remote-Party-ID):/.test(l)));
    expect({ logs: r.logs, sent }).toEqual(EXPECTED[name]);
  });
});
