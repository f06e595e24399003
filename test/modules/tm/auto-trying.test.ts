// auto_inv_100: t_relay answers a new INVITE 100 Trying before relaying it,
// also when t_newtran made the transaction; t_newtran and t_reply send none
// of their own. Compared with Kamailio 5.6.3 on loopback (t_newtran then
// t_reply: only the final reply; t_newtran then t_relay: 100 first).

import { BOB, Proxy, request, UAC } from './proxy.js';

const HEAD = `loadmodule "tm.so"
loadmodule "pv.so"
`;

/** The first lines of what the proxy sends for one INVITE served by `route`. */
function served(route: string, params = ''): string[] {
  const p = new Proxy(`${HEAD}${params}request_route {\n${route}\n}`);
  p.receive(request('INVITE'), UAC);
  return p.takeLines();
}

const TRYING = `${UAC} SIP/2.0 100 trying -- your call is important to us`;
const RELAYED = `${BOB} INVITE sip:bob@${BOB} SIP/2.0`;

describe('auto_inv_100', () => {
  it.each([
    ['t_relay', 't_relay();', '', [TRYING, RELAYED]],
    ['t_newtran then t_relay', 't_newtran(); t_relay();', '', [TRYING, RELAYED]],
    ['t_newtran then t_reply', 't_newtran(); t_reply("404", "Not Here");', '', [`${UAC} SIP/2.0 404 Not Here`]],
    ['t_reply alone', 't_reply("404", "Not Here");', '', [`${UAC} SIP/2.0 404 Not Here`]],
    ['t_relay with auto_inv_100 off', 't_relay();', 'modparam("tm", "auto_inv_100", 0)\n', [RELAYED]],
    ['t_relay after t_set_auto_inv_100(0)', 't_set_auto_inv_100(0); t_relay();', '', [RELAYED]],
  ])('%s', (_name, route, params, expected) => {
    expect(served(route, params)).toEqual(expected);
  });
});
