// What tm sends upstream once every branch has its final reply, and what
// failure_route starts from: remap_503_500 (a 503 chosen as the best reply
// goes upstream as 500 with its reason phrase, as Kamailio 5.6.3 sent it;
// failure_route still sees 503), and the flags kept with the transaction
// (those of t_relay's time, not set later in request_route).

import { BOB, Proxy, reply, request, UAC } from './proxy.js';

const HEAD = `loadmodule "tm.so"
loadmodule "pv.so"
loadmodule "xlog.so"
`;

function busy(script: string, code: number, reason: string): Proxy {
  const p = new Proxy(`${HEAD}${script}`);
  p.receive(request('INVITE'), UAC);
  const forwarded = p.take().find((o) => o.to === BOB)!.text;
  p.receive(reply(forwarded, code, reason), BOB);
  return p;
}

describe('remap_503_500', () => {
  it('sends a 503 upstream as 500, its reason phrase kept', () => {
    const p = busy('request_route { t_relay(); }', 503, 'Service Unavailable');
    const out = p.take();
    expect(out.map((o) => `${o.to} ${o.text.split('\r\n')[0]}`)).toEqual([`${BOB} ACK sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 500 Service Unavailable`]);
    expect(out[1]!.text).toContain('Call-ID: call-1\r\n');
  });

  it('lets failure_route see the 503', () => {
    const p = busy('request_route { t_on_failure("F"); t_relay(); }\nfailure_route[F] { if (t_check_status("503")) xlog("L_ERR", "503 seen\\n"); }', 503, 'Service Unavailable');
    expect(p.takeLogs()).toEqual(['<script>: 503 seen']);
    expect(p.takeLines()).toContain(`${UAC} SIP/2.0 500 Service Unavailable`);
  });

  it('leaves a 503 as it is when off, and other codes always', () => {
    expect(busy('modparam("tm", "remap_503_500", 0)\nrequest_route { t_relay(); }', 503, 'Service Unavailable').takeLines()).toContain(`${UAC} SIP/2.0 503 Service Unavailable`);
    expect(busy('request_route { t_relay(); }', 502, 'Bad Gateway').takeLines()).toContain(`${UAC} SIP/2.0 502 Bad Gateway`);
  });
});

describe('flags kept with the transaction', () => {
  it('are those of t_relay: a flag set after it is not seen in onreply_route or failure_route', () => {
    const p = busy(
      `request_route { setflag(2); t_on_reply("R"); t_on_failure("F"); t_relay(); setflag(5); }
onreply_route[R] { xlog("L_ERR", "reply $mf\\n"); setflag(7); }
failure_route[F] { xlog("L_ERR", "failure $mf\\n"); }`,
      486,
      'Busy Here',
    );
    // onreply_route's changes stay with the transaction (flag 7 seen in failure_route).
    expect(p.takeLogs().sort()).toEqual(['<script>: failure 132', '<script>: reply 4']);
  });
});
