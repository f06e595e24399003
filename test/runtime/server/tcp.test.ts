// TCP on loopback: replies on the connection a request came on, requests to
// the same address and port (or an alias of it: a Via's `;alias` with
// tcp_accept_aliases, force_tcp_alias) on that connection too; a connection
// that cannot be made ends tm's branch at once with 477 (failure_route runs
// first) and makes a stateless forward() log and drop the request.

import { closedPort, tcpClient, tcpListener } from './tcp-peer.js';
import { peer, request, serveScript, type Served } from './serve-script.js';

const HEAD = `
listen=127.0.0.1:0
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
`;

/** OPTIONS are answered (after `before`); any other request goes to the X-Dst header's URI. */
const ROUTE = (before = '') => `request_route {
	if ($rm == "OPTIONS") { ${before} sl_send_reply("200", "OK"); exit; }
	$du = $hdr(X-Dst);
	forward();
}`;

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

/** A client connected over TCP, whose OPTIONS (with `via`) was answered; then a MESSAGE from UDP is sent to `target`. */
async function reachBack(via: (port: number) => string, target: (port: number) => string) {
  const client = await tcpClient(served!.port);
  client.send(request('OPTIONS', client.port, { via: via(client.port) }));
  await client.waitFor(/^SIP\/2\.0 200/);
  const other = await peer();
  other.send(request('MESSAGE', other.port, { extra: `X-Dst: ${target(client.port)}` }), served!.port);
  return { client, other };
}

describe('connection reuse', () => {
  it('sends a request to the address and port a connection came from on that connection', async () => {
    served = await serveScript(`${HEAD}${ROUTE()}`, { ownListen: true });
    const { client, other } = await reachBack((p) => `SIP/2.0/TCP 127.0.0.1:${p}`, (p) => `sip:127.0.0.1:${p};transport=tcp`);
    expect(await client.waitFor(/^MESSAGE /)).toContain(`Via: SIP/2.0/TCP 127.0.0.1:${served.port};branch=`);
    for (const p of [client, other]) p.close();
  });

  it.each([
    ["a Via's ;alias with tcp_accept_aliases", { acceptAliases: true }, ';alias', ''],
    ['force_tcp_alias()', {}, '', 'force_tcp_alias();'],
  ])('with %s, a request to the Via address goes on the connection', async (_what, tcp, param, before) => {
    const aliasPort = await closedPort();
    served = await serveScript(`${HEAD}${ROUTE(before)}`, { ownListen: true, tcp });
    const { client, other } = await reachBack(() => `SIP/2.0/TCP 127.0.0.1:${aliasPort}${param}`, () => `sip:127.0.0.1:${aliasPort};transport=tcp`);
    expect(await client.waitFor(/^MESSAGE /)).toMatch(/^MESSAGE /);
    for (const p of [client, other]) p.close();
  });

  it('without tcp_accept_aliases a Via ;alias is not followed', async () => {
    const aliasPort = await closedPort();
    served = await serveScript(`${HEAD}${ROUTE()}`, { ownListen: true });
    const { client, other } = await reachBack(() => `SIP/2.0/TCP 127.0.0.1:${aliasPort};alias`, () => `sip:127.0.0.1:${aliasPort};transport=tcp`);
    await waitForLog(served, new RegExp(`tcp connect to 127\\.0\\.0\\.1:${aliasPort} failed`));
    expect(client.received.some((m) => m.startsWith('MESSAGE'))).toBe(false);
    for (const p of [client, other]) p.close();
  });
});

async function waitForLog(s: Served, match: RegExp, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!match.test(s.logs.join('')) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  expect(s.logs.join('')).toMatch(match);
}

describe('a connection that cannot be made', () => {
  it('stateless forward(): logged, the request dropped, serving goes on', async () => {
    const port = await closedPort();
    served = await serveScript(`${HEAD}${ROUTE()}`, { ownListen: true });
    const client = await peer();
    client.send(request('MESSAGE', client.port, { extra: `X-Dst: sip:127.0.0.1:${port};transport=tcp` }), served.port);
    await waitForLog(served, new RegExp(`ERROR: tcp connect to 127\\.0\\.0\\.1:${port} failed: .*; message dropped`));
    client.send(request('OPTIONS', client.port), served.port);
    await client.waitFor(/^SIP\/2\.0 200/);
    client.close();
  });

  it.each([
    ['without failure_route', ''],
    ['after failure_route', 't_on_failure("F");'],
  ])('t_relay: the branch ends at once with 477, %s', async (_what, arm) => {
    const port = await closedPort();
    served = await serveScript(`${HEAD}loadmodule "tm.so"
loadmodule "tmx.so"
modparam("tm", "fr_timer", 30000)
request_route { ${arm} $du = "sip:127.0.0.1:${port};transport=tcp"; t_relay(); }
failure_route[F] { xlog("L_ERR", "failure_route: $T_reply_code\\n"); }`, { ownListen: true });
    const client = await peer();
    client.send(request('INVITE', client.port), served.port);
    expect(await client.waitFor(/^SIP\/2\.0 4/, 1500)).toMatch(/^SIP\/2\.0 477 Unfortunately error on sending to next hop occurred \(477\/TM\)\r\n/);
    expect(served.logs.join('').includes('failure_route: 477')).toBe(arm !== '');
    client.close();
  });
});

describe('the sending socket', () => {
  /** Scripts listening on UDP and TCP at two free ports: `route` given both. */
  async function two(route: (udp: number, tcp: number) => string): Promise<{ udp: number; tcp: number }> {
    const [udp, tcp] = [await closedPort(), await closedPort()];
    served = await serveScript(`listen=udp:127.0.0.1:${udp}\nlisten=tcp:127.0.0.1:${tcp}\nloadmodule "pv.so"\n${route(udp, tcp)}`, { ownListen: true });
    return { udp, tcp };
  }

  it('a forced UDP socket and a TCP destination: the TCP socket sends (the mismatch logged), as Kamailio does', async () => {
    const upstream = await tcpListener();
    const { udp, tcp } = await two((u) => `request_route { force_send_socket(udp:127.0.0.1:${u}); $du = "sip:127.0.0.1:${upstream.port};transport=tcp"; forward(); }`);
    const client = await peer();
    client.send(request('MESSAGE', client.port), udp);
    expect(await upstream.waitFor(/^MESSAGE /)).toContain(`\r\nVia: SIP/2.0/TCP 127.0.0.1:${tcp};branch=`);
    expect(served!.logs.join('')).toContain(`protocol/port mismatch (forced udp:127.0.0.1:${udp}, to tcp:127.0.0.1)`);
    for (const p of [client, upstream]) p.close();
  });

  it('a forced TCP socket and a destination without a transport: UDP, as Kamailio does', async () => {
    const upstream = await peer();
    const { udp } = await two((_u, t) => `request_route { force_send_socket(tcp:127.0.0.1:${t}); $du = "sip:127.0.0.1:${upstream.port}"; forward(); }`);
    const client = await peer();
    client.send(request('MESSAGE', client.port), udp);
    expect(await upstream.waitFor(/^MESSAGE /)).toContain(`\r\nVia: SIP/2.0/UDP 127.0.0.1:${udp};branch=`);
    for (const p of [client, upstream]) p.close();
  });

  it('a request received over TCP for a destination without a transport: relayed over UDP, as Kamailio does', async () => {
    const upstream = await peer();
    const { udp, tcp } = await two(() => `request_route { $du = "sip:127.0.0.1:${upstream.port}"; forward(); }`);
    const client = await tcpClient(tcp);
    client.send(request('MESSAGE', client.port, { via: `SIP/2.0/TCP 127.0.0.1:${client.port}` }));
    expect(await upstream.waitFor(/^MESSAGE /)).toContain(`\r\nVia: SIP/2.0/UDP 127.0.0.1:${udp};branch=`);
    for (const p of [client, upstream]) p.close();
  });
});
