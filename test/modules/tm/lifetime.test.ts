// tm's transaction lifetime (max_inv_lifetime, max_noninv_lifetime, and
// per transaction t_set_max_lifetime / t_reset_max_lifetime), driven offline
// on a fake clock: when it runs out, the branches still waiting are given up
// (a ringing INVITE branch is cancelled) and the 408 goes upstream, even
// though their own fr_inv_timer has not.

import { BOB, Proxy, reply, request, UAC } from './proxy.js';

const HEAD = `loadmodule "tm.so"
modparam("tm", "fr_timer", 5000)
modparam("tm", "fr_inv_timer", 60000)
`;

/** Sends an INVITE (or `method`) through the script, lets BOB ring, and returns the proxy. */
function ringing(script: string, method = 'INVITE'): Proxy {
  const p = new Proxy(`${HEAD}${script}`);
  p.receive(request(method), UAC);
  const forwarded = p.take().find((o) => o.to === BOB)!.text;
  p.receive(reply(forwarded, 180, 'Ringing'), BOB);
  p.take();
  return p;
}

describe('max_inv_lifetime', () => {
  it('gives up a ringing INVITE when it runs out, before fr_inv_timer', () => {
    const p = ringing('modparam("tm", "max_inv_lifetime", 20000)\nrequest_route { t_relay(); }');
    p.timers.advance(19999);
    expect(p.takeLines()).toEqual([]);
    p.timers.advance(1);
    expect(p.takeLines()).toEqual([`${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 408 Request Timeout`]);
  });

  it('defaults to 180 s', () => {
    const p = ringing('request_route { t_relay(); }');
    p.timers.advance(59999);
    expect(p.takeLines().filter((l) => !l.includes('INVITE'))).toEqual([]);
    // fr_inv_timer (60 s) ends it first.
    p.timers.advance(1);
    expect(p.takeLines()).toContain(`${UAC} SIP/2.0 408 Request Timeout`);
  });

  it('is stopped by the final reply', () => {
    const p = new Proxy(`${HEAD}modparam("tm", "max_inv_lifetime", 20000)\nrequest_route { t_relay(); }`);
    p.receive(request('INVITE'), UAC);
    const forwarded = p.take().find((o) => o.to === BOB)!.text;
    p.receive(reply(forwarded, 200, 'OK'), BOB);
    expect(p.takeLines()).toEqual([`${UAC} SIP/2.0 200 OK`]);
    p.timers.advance(30000);
    expect(p.takeLines().filter((l) => l.includes('408') || l.includes('CANCEL'))).toEqual([]);
  });
});

describe('max_noninv_lifetime', () => {
  it('ends a non-INVITE transaction before fr_timer', () => {
    const p = new Proxy(`${HEAD}modparam("tm", "max_noninv_lifetime", 3000)\nrequest_route { t_relay(); }`);
    p.receive(request('OPTIONS'), UAC);
    p.take();
    p.timers.advance(2999);
    expect(p.takeLines().filter((l) => l.startsWith(UAC))).toEqual([]);
    p.timers.advance(1);
    expect(p.takeLines()).toEqual([`${UAC} SIP/2.0 408 Request Timeout`]);
  });
});

describe('t_set_max_lifetime', () => {
  it('sets the lifetime of the transaction the request will get (INVITE value for an INVITE)', () => {
    const p = ringing('request_route { t_set_max_lifetime(10000, 2000); t_relay(); }');
    p.timers.advance(9999);
    expect(p.takeLines()).toEqual([]);
    p.timers.advance(1);
    expect(p.takeLines()).toEqual([`${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 408 Request Timeout`]);
  });

  it('takes the non-INVITE value for other requests, 0 leaving a value as it was', () => {
    const p = new Proxy(`${HEAD}modparam("tm", "max_noninv_lifetime", 4000)\nrequest_route { t_set_max_lifetime(10000, 0); t_relay(); }`);
    p.receive(request('OPTIONS'), UAC);
    p.take();
    p.timers.advance(4000);
    expect(p.takeLines().filter((l) => l.startsWith(UAC))).toEqual([`${UAC} SIP/2.0 408 Request Timeout`]);
  });

  it('changes an existing transaction, from onreply_route', () => {
    const p = ringing('request_route { t_on_reply("R"); t_relay(); }\nonreply_route[R] { t_set_max_lifetime(5000, 0); }');
    p.timers.advance(5000);
    expect(p.takeLines()).toEqual([`${BOB} CANCEL sip:bob@${BOB} SIP/2.0`, `${UAC} SIP/2.0 408 Request Timeout`]);
  });

  it('is undone by t_reset_max_lifetime', () => {
    const p = ringing('modparam("tm", "max_inv_lifetime", 30000)\nrequest_route { t_set_max_lifetime(5000, 0); t_reset_max_lifetime(); t_relay(); }');
    p.timers.advance(29999);
    expect(p.takeLines()).toEqual([]);
    p.timers.advance(1);
    expect(p.takeLines()).toContain(`${UAC} SIP/2.0 408 Request Timeout`);
  });
});
