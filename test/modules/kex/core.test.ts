// kex's destination URI, pv_printf, is_myself and log level commands run by
// `siprc exec`. The results were recorded from Kamailio 5.6.3 running the
// same script, listening on udp:127.0.0.1:27360 and udp:127.0.0.1:27361 with
// alias sip.example.com:5070. (Kamailio also counts "localhost" as itself,
// from the reverse DNS of its address: siprc does no DNS, so it is left out.)

import { runScript, sipMessage } from '../run-script.js';

const HEAD = `debug=2
listen=udp:127.0.0.1:27360
listen=udp:127.0.0.1:27361 name "second"
alias=sip.example.com:5070
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "kex.so"
`;

const REQUEST = sipMessage([
  'INVITE sip:k1@127.0.0.1:27360 SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bKk1;rport',
  'From: <sip:alice@127.0.0.1>;tag=f1',
  'To: <sip:bob@127.0.0.1>',
  'Call-ID: k1@127.0.0.1',
  'CSeq: 1 INVITE',
  'Content-Length: 0',
]);

const run = (body: string): string[] => {
  const r = runScript(`${HEAD}request_route {\n$var(i5) = 5;\n${body}\n}\n`, REQUEST);
  expect(r.stderr).toBe('');
  return r.logs;
};

describe('kex', () => {
  it('sets, tests and resets $du; setdsturi expands variables and takes any text', () => {
    expect(
      run(`isdsturiset(); xlog("L_ERR", "T rc=$rc\\n");
  setdsturi("sip:127.0.0.9:5099;transport=tcp"); xlog("L_ERR", "U du=$du rc=$rc\\n");
  isdsturiset(); xlog("L_ERR", "V rc=$rc\\n");
  resetdsturi(); xlog("L_ERR", "W du=$du rc=$rc\\n");
  setdsturi("sip:$rU@x"); xlog("L_ERR", "X du=$du rc=$rc\\n");
  setdsturi("garbage"); xlog("L_ERR", "Y du=$du rc=$rc\\n");`),
    ).toEqual(['T rc=-1', 'U du=sip:127.0.0.9:5099;transport=tcp rc=1', 'V rc=1', 'W du=<null> rc=1', 'X du=sip:k1@x rc=1', 'Y du=garbage rc=1']);
  });

  it('pv_printf and avp_printf write the expanded string', () => {
    expect(
      run(`pv_printf("$var(p)", "u=$rU-$var(i5)"); xlog("L_ERR", "Z p=$var(p) rc=$rc\\n");
  avp_printf("$avp(q)", "$var(i5)"); xlog("L_ERR", "Z2 q=$avp(q) rc=$rc\\n");
  pv_printf("$ru", "sip:new@127.0.0.1"); xlog("L_ERR", "Z3 ru=$ru rc=$rc\\n");`),
    ).toEqual(['Z p=u=k1-5 rc=1', 'Z2 q=5 rc=1', 'Z3 ru=sip:new@127.0.0.1 rc=1']);
  });

  it('is_myself matches host, port when given and transport when given', () => {
    const cases: Array<[string, boolean]> = [
      ['127.0.0.1', true],
      ['sip:127.0.0.1', true],
      ['sip:u@127.0.0.1:27360', true],
      ['sip:u@127.0.0.1:5060', false],
      ['sip:u@127.0.0.1:27361;transport=tcp', false],
      ['sip:u@sip.example.com', true],
      ['sip:u@sip.example.com:5071', false],
      ['sip:a@127.0.0.2', false],
      ['tel:+123', false],
      ['sips:u@127.0.0.1', true],
      ['127.0.0.1:27360', false],
      ['sip:u@[::1]', false],
      ['sip:u@127.0.0.1:27360;transport=tls', false],
    ];
    const body = cases.map(([uri], i) => `if (is_myself("${uri}")) xlog("L_ERR", "m${i} yes\\n"); else xlog("L_ERR", "m${i} no\\n");`).join('\n');
    expect(run(body)).toEqual(cases.map(([, mine], i) => `m${i} ${mine ? 'yes' : 'no'}`));
  });

  it('setdebug changes the log level of the run, resetdebug restores the script\'s', () => {
    expect(
      run(`xlog("L_DBG", "dbg before\\n");
  setdebug("3"); xlog("L_ERR", "sd rc=$rc\\n");
  xlog("L_DBG", "dbg after\\n");
  resetdebug(); xlog("L_ERR", "rd rc=$rc\\n");
  xlog("L_DBG", "dbg reset\\n");`),
    ).toEqual(['sd rc=1', 'dbg after', 'rd rc=1']);
  });
});
