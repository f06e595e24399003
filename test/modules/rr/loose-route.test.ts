// rr's loose_route and what it leaves for the script, run by `siprc exec`
// on BYEs with Route sets. The expected return codes, $du, Request-URI and
// Route headers forwarded are what Kamailio 5.6 did with the same script
// and requests (captured on loopback).

import { runScript, sipMessage } from '../run-script.js';

const SCRIPT = `debug=2
listen=udp:127.0.0.1:5760
listen=tcp:127.0.0.1:5760
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "rr.so"
request_route {
	loose_route(); $var(rc) = $rc;
	xlog("L_ALERT", "rc=$var(rc) du=$du ru=$ru route_uri=$route_uri\\n");
	if (check_route_param("nat=yes")) xlog("L_ALERT", "nat\\n");
	if (is_direction("upstream")) xlog("L_ALERT", "up\\n");
	if (rr_next_hop_route()) xlog("L_ALERT", "nexthop\\n");
	if ($du == $null) $du = "sip:127.0.0.1:5790";
	forward();
}
`;

function bye(requestUri: string, toTag: string, routes: readonly string[]): string {
  return sipMessage([`BYE ${requestUri} SIP/2.0`, 'Via: SIP/2.0/UDP 127.0.0.1:5771;branch=z9hG4bK-b1;rport', 'Max-Forwards: 70', ...routes, 'From: "Alice A" <sip:alice@example.com>;tag=a1', `To: <sip:bob@example.org>${toTag}`, 'Call-ID: c1@h', 'CSeq: 11 BYE', 'Content-Length: 0']);
}

/** The log lines, then the request line and Route headers of the request forwarded. */
function routed(message: string, script = SCRIPT): string[] {
  const run = runScript(script, message, { source: '127.0.0.1:5771' });
  expect(run.stderr).toBe('');
  const lines = run.sent[0]!.text.split('\r\n');
  return [...run.logs, lines[0]!, ...lines.filter((l) => l.startsWith('Route:'))];
}

const ME = 'sip:127.0.0.1:5760';
const BOB = 'sip:bob@127.0.0.1:5790';

describe('loose_route', () => {
  it('removes our Route and sends to the next loose router', () => {
    expect(routed(bye(BOB, ';tag=b1', [`Route: <${ME};lr;ftag=a1;nat=yes>`, 'Route: <sip:127.0.0.1:5790;lr>']))).toEqual([
      `rc=1 du=sip:127.0.0.1:5790;lr ru=${BOB} route_uri=${ME};lr;ftag=a1;nat=yes`,
      'nat',
      'nexthop',
      `BYE ${BOB} SIP/2.0`,
      'Route: <sip:127.0.0.1:5790;lr>',
    ]);
  });

  it('returns -3 for an initial request whose only Route is ours (what loose_route_preloaded looks for), 1 in a dialog', () => {
    expect(routed(bye(BOB, '', [`Route: <${ME};lr;ftag=a1>`]))).toEqual([`rc=-3 du=<null> ru=${BOB} route_uri=${ME};lr;ftag=a1`, `BYE ${BOB} SIP/2.0`]);
    expect(routed(bye(BOB, ';tag=b1', [`Route: <${ME};lr;ftag=a1>`]))).toEqual([`rc=1 du=<null> ru=${BOB} route_uri=${ME};lr;ftag=a1`, `BYE ${BOB} SIP/2.0`]);
    expect(routed(bye(BOB, ';tag=b1', []))).toEqual([`rc=-1 du=<null> ru=${BOB} route_uri=`, `BYE ${BOB} SIP/2.0`]);
  });

  it('loose_route_preloaded is true only where loose_route returns -3', () => {
    const script = SCRIPT.replace('loose_route();', 'loose_route_preloaded();');
    expect(routed(bye(BOB, '', [`Route: <${ME};lr>`]), script)[0]).toMatch(/^rc=1 /);
    expect(routed(bye(BOB, '', [`Route: <${ME};lr>, <sip:127.0.0.1:5790;lr>`]), script)[0]).toMatch(/^rc=-1 du=sip:127.0.0.1:5790;lr /);
    expect(routed(bye(BOB, ';tag=b1', [`Route: <${ME};lr>`]), script)[0]).toMatch(/^rc=-1 /);
  });

  it('removes our values from a line and keeps the rest; a Route not ours is the next hop as it is', () => {
    expect(routed(bye(BOB, '', [`Route: <${ME};lr>, <sip:127.0.0.1:5790;lr>`]))).toEqual([`rc=1 du=sip:127.0.0.1:5790;lr ru=${BOB} route_uri=${ME};lr`, 'nexthop', `BYE ${BOB} SIP/2.0`, 'Route: <sip:127.0.0.1:5790;lr>']);
    expect(routed(bye(BOB, '', ['Route: <sip:127.0.0.1:5790;lr>']))).toEqual([`rc=1 du=sip:127.0.0.1:5790;lr ru=${BOB} route_uri=sip:127.0.0.1:5790;lr`, `BYE ${BOB} SIP/2.0`, 'Route: <sip:127.0.0.1:5790;lr>']);
  });

  it('removes both values of a double Record-Route', () => {
    const message = bye(BOB, ';tag=b1', [`Route: <${ME};r2=on;lr;ftag=a1>,<${ME};transport=tcp;r2=on;lr;ftag=a1>`, 'Route: <sip:127.0.0.1:5790;lr>']);
    expect(routed(message)).toEqual([`rc=1 du=sip:127.0.0.1:5790;lr ru=${BOB} route_uri=${ME};r2=on;lr;ftag=a1`, 'nexthop', `BYE ${BOB} SIP/2.0`, 'Route: <sip:127.0.0.1:5790;lr>']);
  });

  it('hands a strict next hop the Request-URI and keeps the old one in a last Route', () => {
    expect(routed(bye(BOB, ';tag=b1', ['Route: <sip:127.0.0.1:5790>, <sip:bob@127.0.0.2:5070>']))).toEqual([
      'rc=1 du=<null> ru=sip:127.0.0.1:5790 route_uri=sip:127.0.0.1:5790',
      'BYE sip:127.0.0.1:5790 SIP/2.0',
      'Route: <sip:bob@127.0.0.2:5070>',
      `Route: <${BOB}>`,
    ]);
  });

  it('after a strict router (the Request-URI ours), takes the Request-URI from the last Route', () => {
    expect(routed(bye(`${ME};ftag=b9`, ';tag=b1', ['Route: <sip:127.0.0.1:5790;lr>', 'Route: <sip:bob@127.0.0.2:5070>']))).toEqual([
      `rc=1 du=sip:127.0.0.1:5790;lr ru=sip:bob@127.0.0.2:5070 route_uri=sip:127.0.0.1:5790;lr`,
      'up',
      'BYE sip:bob@127.0.0.2:5070 SIP/2.0',
      'Route: <sip:127.0.0.1:5790;lr>',
    ]);
  });

  it('does not look for a strict router before an initial request', () => {
    expect(routed(bye(ME, '', ['Route: <sip:127.0.0.1:5790;lr>', 'Route: <sip:bob@127.0.0.2:5070>']))).toEqual([
      `rc=1 du=sip:127.0.0.1:5790;lr ru=${ME} route_uri=sip:127.0.0.1:5790;lr`,
      `BYE ${ME} SIP/2.0`,
      'Route: <sip:127.0.0.1:5790;lr>',
      'Route: <sip:bob@127.0.0.2:5070>',
    ]);
  });
});
