// siputils' Contact encoders, run by `siprc exec` on requests then forwarded
// to 127.0.0.1:27470: encode_contact / decode_contact /
// decode_contact_header (with the default separator, and with
// contact_flds_separator "-x") and contact_param_encode / _decode /
// _decode_ruri / _rm. The logs and the forwarded Request-Line and Contact
// lines were recorded from Kamailio 5.6.3 running the same scripts on the
// same requests.

import { HEAD, request, run } from './run-calls.js';

interface Outcome {
  readonly logs: readonly string[];
  /** The forwarded request's first line and its Contact lines. */
  readonly sent: readonly string[];
}

const FORWARD = '$du = "sip:127.0.0.1:27470";\nforward();';

/** encode_contact for the e and n messages, the decoders for the others. */
const encode = (prefix: string, host: string): string => `if ($ci =~ "^[en]") { encode_contact("${prefix}", "${host}"); xlog("L_ERR", "encode => $rc\\n"); }
else { decode_contact(); xlog("L_ERR", "decode => $rc ru=$ru\\n"); decode_contact_header(); xlog("L_ERR", "decode_header => $rc\\n"); }
${FORWARD}`;

const PARAMS = `if ($ci =~ "^p") { contact_param_encode("ksu", "sip:1.2.3.4:5060;transport=tcp"); xlog("L_ERR", "encode => $rc\\n"); }
if ($ci =~ "^q") { contact_param_decode_ruri("ksu"); xlog("L_ERR", "decode_ruri => $rc ru=$ru\\n"); contact_param_decode("ksu"); xlog("L_ERR", "decode => $rc\\n"); }
if ($ci =~ "^r") { contact_param_rm("ksu"); xlog("L_ERR", "rm => $rc\\n"); }
${FORWARD}`;

function outcome(body: string, message: string, head = HEAD): Outcome {
  const r = run(body, message, { head });
  return { logs: r.logs, sent: r.sent.flatMap((s) => { const lines = s.text.split('\r\n'); return [lines[0]!, ...lines.filter((l) => /^Contact:/i.test(l))]; }) };
}

const MESSAGES: Record<string, string> = {
  e1: request('e1', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:bob:pw@10.0.0.1:5070;transport=tcp;ob>;expires=30']),
  e2: request('e2', 'INVITE sip:u@h SIP/2.0', ['Contact: "Bob" <sip:bob@10.0.0.1>, sip:carol@10.0.0.2:5080;transport=udp', 'Contact: <sips:x@[::1]:5061>']),
  e3: request('e3', 'INVITE sip:u@h SIP/2.0', ['Contact: *']),
  e4: request('e4', 'INVITE sip:u@h SIP/2.0'),
  e5: request('e5', 'INVITE sip:u@h SIP/2.0', ['Contact: <tel:+123>']),
  e6: request('e6', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:10.0.0.1>, <sip:b%40b@[::1]:5061;maddr=x>']),
  e7: request('e7', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:bob@10.0.0.1;transport=TLS?h=1>, <garbage>, <sip:c@d>']),
  e8: request('e8', 'INVITE sip:u@h SIP/2.0', ['Contact: garbage']),
  g1: request('g1', 'INVITE sip:enc*bob*pw*10.0.0.1*5070*tcp@1.2.3.4 SIP/2.0', ['Contact: <sip:enc*bob*pw*10.0.0.1*5070*tcp@1.2.3.4;x=y>;q=1, <sip:enc*carol**10.0.0.2*5080*udp@1.2.3.4>']),
  g2: request('g2', 'INVITE sip:enc*bob**10.0.0.1**@1.2.3.4 SIP/2.0', ['Contact: <sip:plain@10.0.0.1>']),
  g3: request('g3', 'INVITE sip:bob@1.2.3.4 SIP/2.0', ['Contact: <sip:enc*a*b@1.2.3.4>']),
  g4: request('g4', 'INVITE sip:enc*bob**10.0.0.1*5*udp@1.2.3.4;x=y?h=1 SIP/2.0', ['Contact: *']),
  g5: request('g5', 'INVITE sip:enc*bob**10.0.0.1*5*udp@1.2.3.4:5060 SIP/2.0'),
  g6: request('g6', 'INVITE sip:*bob**10.0.0.1*5*@1.2.3.4 SIP/2.0', ['Contact: garbage']),
  g7: request('g7', 'INVITE sip:enc*bob**10.0.0.1*5*udp*extra@1.2.3.4 SIP/2.0', ['Contact: <sip:enc***[::1]***@1.2.3.4>']),
  g8: request('g8', 'INVITE sips:enc*b*p*h*1*tls@1.2.3.4 SIP/2.0', ['Contact: <sip:enc*bob**10.0.0.1*5*udp@1.2.3.4>', 'Contact: <sip:enc*bob**10.0.0.2*5*udp@1.2.3.4>']),
  g9: request('g9', 'INVITE sip:enc*****@h SIP/2.0', ['Contact: <sip:enc**pw*10.0.0.1**@h>']),
  ga: request('ga', 'INVITE tel:enc*+123****@1.2.3.4 SIP/2.0', ['Contact: <sip:enc*a*b*c*d*e>']),
  n1: request('n1', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:bob:pw@10.0.0.1:5070;transport=tcp;ob>;expires=30']),
  n2: request('n2', 'INVITE sip:p*bob**10.0.0.1*5*udp@1.2.3.4 SIP/2.0', ['Contact: <sip:p*bob**10.0.0.1*5*udp@1.2.3.4>']),
  p1: request('p1', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:bob:pw@10.0.0.1:5070;transport=tcp;ob>;expires=30, "C" <sip:carol@10.0.0.2>', 'Contact: <sip:dave@10.0.0.3>']),
  p2: request('p2', 'INVITE sip:u@h SIP/2.0', ['Contact: *']),
  p3: request('p3', 'INVITE sip:u@h SIP/2.0'),
  p4: request('p4', 'INVITE sip:u@h SIP/2.0', ['Contact: sip:bob@10.0.0.1;transport=udp']),
  p5: request('p5', 'INVITE sip:u@h SIP/2.0', ['Contact: <tel:+1234;x=y>']),
  p6: request('p6', 'INVITE sip:u@h SIP/2.0', ['Contact: garbage']),
  q1: request('q1', 'INVITE sip:1.2.3.4:5060;transport=tcp;ksu=c2lwOmNhcm9sQDEwLjAuMC4y SIP/2.0', ['Contact: <sip:1.2.3.4:5060;transport=tcp;ksu=c2lwOmJvYjpwd0AxMC4wLjAuMTo1MDcwO3RyYW5zcG9ydD10Y3A7b2I>;expires=30, "C" <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y;lr>', 'Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>']),
  q2: request('q2', 'INVITE sip:1.2.3.4;ksu=c2lwOmJvYjpwd0AxMC4wLjAuMTo1MDcwO3RyYW5zcG9ydD10Y3A7b2I;lr?h=1 SIP/2.0', ['Contact: <sip:plain@10.0.0.1>, <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>']),
  q3: request('q3', 'INVITE sip:1.2.3.4;ksu=!!! SIP/2.0', ['Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>, <sip:1.2.3.4;ksu=!!!>']),
  q4: request('q4', 'INVITE sip:1.2.3.4;ksu SIP/2.0', ['Contact: <sip:1.2.3.4;ksu>']),
  q5: request('q5', 'INVITE sip:1.2.3.4;KSU=c2lwOmNhcm9sQDEwLjAuMC4y SIP/2.0', ['Contact: <sip:1.2.3.4;KSU=c2lwOmNhcm9sQDEwLjAuMC4y>']),
  q6: request('q6', 'INVITE sip:1.2.3.4 SIP/2.0', ['Contact: *']),
  q7: request('q7', 'INVITE sip:1.2.3.4 SIP/2.0', ['Contact: garbage', 'Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>']),
  r1: request('r1', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:1.2.3.4:5060;transport=tcp;ksu=c2lwOmJvYjpwd0AxMC4wLjAuMTo1MDcwO3RyYW5zcG9ydD10Y3A7b2I>;expires=30, "C" <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y;lr>', 'Contact: <sip:1.2.3.4;KSU>']),
  r2: request('r2', 'INVITE sip:u@h SIP/2.0', ['Contact: <sip:plain@10.0.0.1>, <tel:+1;ksu=1;ksu=2>']),
  r3: request('r3', 'INVITE sip:u@h SIP/2.0', ['Contact: garbage', 'Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>']),
};

/** What Kamailio logged and forwarded. */
const EXPECTED: Record<string, Outcome> = {
  e1: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:enc*bob*pw*10.0.0.1*5070*tcp@1.2.3.4>;expires=30'] },
  e2: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: "Bob" <sip:enc*bob**10.0.0.1**@1.2.3.4>, sip:enc*carol**10.0.0.2*5080*@1.2.3.4;transport=udp', 'Contact: <sips:x@[::1]:5061>'] },
  e3: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: *'] },
  e4: { logs: ['encode => -1'], sent: ['INVITE sip:u@h SIP/2.0'] },
  e5: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <tel:enc*+123****@1.2.3.4>'] },
  e6: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:enc***10.0.0.1**@1.2.3.4>, <sip:enc*b%40b**[::1]*5061*@1.2.3.4>'] },
  e7: { logs: ['encode => -25'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:bob@10.0.0.1;transport=TLS?h=1>, <garbage>, <sip:enc*c**d**@1.2.3.4>'] },
  e8: { logs: ['encode => -4'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: garbage'] },
  g1: { logs: ['decode => 1 ru=sip:bob:pw@10.0.0.1:5070;transport=tcp', 'decode_header => 1'], sent: ['INVITE sip:bob:pw@10.0.0.1:5070;transport=tcp SIP/2.0', 'Contact: <sip:bob:pw@10.0.0.1:5070;transport=tcp;x=y>;q=1, <sip:carol@10.0.0.2:5080;transport=udp>'] },
  g2: { logs: ['decode => 1 ru=sip:bob@10.0.0.1', 'decode_header => -26'], sent: ['INVITE sip:bob@10.0.0.1 SIP/2.0', 'Contact: <sip:plain@10.0.0.1>'] },
  g3: { logs: ['decode => -26 ru=sip:bob@1.2.3.4', 'decode_header => -26'], sent: ['INVITE sip:bob@1.2.3.4 SIP/2.0', 'Contact: <sip:enc*a*b@1.2.3.4>'] },
  g4: { logs: ['decode => 1 ru=sip:bob@10.0.0.1:5;transport=udp;x=y?h=1', 'decode_header => 1'], sent: ['INVITE sip:bob@10.0.0.1:5;transport=udp;x=y?h=1 SIP/2.0', 'Contact: *'] },
  g5: { logs: ['decode => 1 ru=sip:bob@10.0.0.1:5;transport=udp', 'decode_header => -1'], sent: ['INVITE sip:bob@10.0.0.1:5;transport=udp SIP/2.0'] },
  g6: { logs: ['decode => 1 ru=sip:bob@10.0.0.1:5', 'decode_header => -4'], sent: ['INVITE sip:bob@10.0.0.1:5 SIP/2.0', 'Contact: garbage'] },
  g7: { logs: ['decode => -24 ru=sip:enc*bob**10.0.0.1*5*udp*extra@1.2.3.4', 'decode_header => -24'], sent: ['INVITE sip:enc*bob**10.0.0.1*5*udp*extra@1.2.3.4 SIP/2.0', 'Contact: <sip:enc***[::1]***@1.2.3.4>'] },
  g8: { logs: ['decode => 1 ru=sips:b:p@h:1;transport=tls', 'decode_header => 1'], sent: ['INVITE sips:b:p@h:1;transport=tls SIP/2.0', 'Contact: <sip:bob@10.0.0.1:5;transport=udp>', 'Contact: <sip:enc*bob**10.0.0.2*5*udp@1.2.3.4>'] },
  g9: { logs: ['decode => -2 ru=sip:enc*****@h', 'decode_header => -3'], sent: ['INVITE sip:enc*****@h SIP/2.0', 'Contact: <sip:enc**pw*10.0.0.1**@h>'] },
  ga: { logs: ['decode => -2 ru=tel:enc*+123****@1.2.3.4', 'decode_header => -23'], sent: ['INVITE tel:enc*+123****@1.2.3.4 SIP/2.0', 'Contact: <sip:enc*a*b*c*d*e>'] },
  n1: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:p-bob-pw-10.0.0.1-5070-tcp@h.example.com>;expires=30'] },
  n2: { logs: ['encode => 1'], sent: ['INVITE sip:p*bob**10.0.0.1*5*udp@1.2.3.4 SIP/2.0', 'Contact: <sip:p-p*bob**10.0.0.1*5*udp--1.2.3.4--@h.example.com>'] },
  p1: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:1.2.3.4:5060;transport=tcp;ksu=c2lwOmJvYjpwd0AxMC4wLjAuMTo1MDcwO3RyYW5zcG9ydD10Y3A7b2I>;expires=30, "C" <sip:1.2.3.4:5060;transport=tcp;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>', 'Contact: <sip:dave@10.0.0.3>'] },
  p2: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: *'] },
  p3: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0'] },
  p4: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:1.2.3.4:5060;transport=tcp;ksu=c2lwOmJvYkAxMC4wLjAuMQ>;transport=udp'] },
  p5: { logs: ['encode => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:1.2.3.4:5060;transport=tcp;ksu=dGVsOisxMjM0O3g9eQ>'] },
  p6: { logs: ['encode => -4'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: garbage'] },
  q1: { logs: ['decode_ruri => 1 ru=sip:carol@10.0.0.2', 'decode => 1'], sent: ['INVITE sip:carol@10.0.0.2 SIP/2.0', 'Contact: <sip:bob:pw@10.0.0.1:5070;transport=tcp;ob>;expires=30, "C" <sip:carol@10.0.0.2>', 'Contact: <sip:carol@10.0.0.2>'] },
  q2: { logs: ['decode_ruri => 1 ru=sip:bob:pw@10.0.0.1:5070;transport=tcp;ob', 'decode => 1'], sent: ['INVITE sip:bob:pw@10.0.0.1:5070;transport=tcp;ob SIP/2.0', 'Contact: <sip:plain@10.0.0.1>, <sip:carol@10.0.0.2>'] },
  q3: { logs: ['decode_ruri => -1 ru=sip:1.2.3.4;ksu=!!!', 'decode => -1'], sent: ['INVITE sip:1.2.3.4;ksu=!!! SIP/2.0', 'Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>, <sip:1.2.3.4;ksu=!!!>'] },
  q4: { logs: ['decode_ruri => 1 ru=sip:1.2.3.4;ksu', 'decode => 1'], sent: ['INVITE sip:1.2.3.4;ksu SIP/2.0', 'Contact: <sip:1.2.3.4;ksu>'] },
  q5: { logs: ['decode_ruri => 1 ru=sip:carol@10.0.0.2', 'decode => 1'], sent: ['INVITE sip:carol@10.0.0.2 SIP/2.0', 'Contact: <sip:carol@10.0.0.2>'] },
  q6: { logs: ['decode_ruri => 1 ru=sip:1.2.3.4', 'decode => 1'], sent: ['INVITE sip:1.2.3.4 SIP/2.0', 'Contact: *'] },
  q7: { logs: ['decode_ruri => 1 ru=sip:1.2.3.4', 'decode => 1'], sent: ['INVITE sip:1.2.3.4 SIP/2.0', 'Contact: garbage', 'Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>'] },
  r1: { logs: ['rm => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:1.2.3.4:5060;transport=tcp>;expires=30, "C" <sip:1.2.3.4;lr>', 'Contact: <sip:1.2.3.4>'] },
  r2: { logs: ['rm => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: <sip:plain@10.0.0.1>, <tel:+1;ksu=1>'] },
  r3: { logs: ['rm => 1'], sent: ['INVITE sip:u@h SIP/2.0', 'Contact: garbage', 'Contact: <sip:1.2.3.4;ksu=c2lwOmNhcm9sQDEwLjAuMC4y>'] },
};

const cases = (prefix: RegExp): string[] => Object.keys(MESSAGES).filter((name) => prefix.test(name));

describe('siputils Contact encoding', () => {
  it.each(cases(/^[eg]/))('%s: encode_contact("enc", "1.2.3.4"), decode_contact, decode_contact_header', (name) => {
    expect(outcome(encode('enc', '1.2.3.4'), MESSAGES[name]!)).toEqual(EXPECTED[name]);
  });

  it.each(cases(/^n/))('%s: with contact_flds_separator "-x" (its first character)', (name) => {
    const head = `${HEAD}modparam("siputils", "contact_flds_separator", "-x")\n`;
    expect(outcome(encode('p', 'h.example.com'), MESSAGES[name]!, head)).toEqual(EXPECTED[name]);
  });
});

describe('siputils Contact parameters', () => {
  it.each(cases(/^[pqr]/))('%s: contact_param_encode / _decode / _decode_ruri / _rm', (name) => {
    expect(outcome(PARAMS, MESSAGES[name]!)).toEqual(EXPECTED[name]);
  });
});
