// Serving on the IPv6 loopback: UDP and TCP sockets on [::1], replies with
// received=::1 (unbracketed, as Kamailio 5.6.3 writes it), `myself` for
// [::1], a request forwarded to sip:[::1]:port with our Via bracketed and the
// reply routed back. Skipped where the machine has no IPv6 loopback.

import { networkInterfaces } from 'node:os';
import { peer, request, serveScript, type Served } from './serve-script.js';
import { tcpClient } from './tcp-peer.js';

const hasV6Loopback = Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === '::1'));

const HEAD = `
listen=udp:[::1]:0
loadmodule "sl.so"
loadmodule "pv.so"
`;

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

(hasV6Loopback ? describe : describe.skip)('on [::1]', () => {
  it('answers a request for [::1] (myself), marking the Via received=::1', async () => {
    served = await serveScript(`${HEAD}request_route { if (uri == myself) sl_send_reply("200", "mine"); else sl_send_reply("404", "not mine"); }`, { ownListen: true });
    const client = await peer('::1');
    client.send(request('OPTIONS', client.port, { uri: `sip:bob@[::1]:${served.port}`, via: `SIP/2.0/UDP client.example.com:${client.port};rport` }), served.port);
    const reply = await client.waitFor(/^SIP\/2\.0 /);
    expect(reply).toMatch(/^SIP\/2\.0 200 mine/);
    expect(reply).toMatch(new RegExp(`\r\nVia: SIP/2\\.0/UDP client\\.example\\.com:${client.port};.*;received=::1[;\r]`));
    expect(reply).toContain(`;rport=${client.port}`);
    client.close();
  });

  it('forwards to sip:[::1]:port with our Via bracketed, and the reply goes back', async () => {
    const upstream = await peer('::1');
    served = await serveScript(`${HEAD}request_route { $du = "sip:[::1]:${upstream.port}"; forward(); }`, { ownListen: true });
    const client = await peer('::1');
    client.send(request('MESSAGE', client.port, { via: `SIP/2.0/UDP [::1]:${client.port}` }), served.port);
    const forwarded = await upstream.waitFor(/^MESSAGE /);
    expect(forwarded).toMatch(new RegExp(`\\r\\nVia: SIP/2\\.0/UDP \\[::1\\]:${served.port};branch=z9hG4bK\\w+\\r\\nVia: SIP/2\\.0/UDP \\[::1\\]:${client.port};branch=`));
    upstream.send(forwarded.replace(/^MESSAGE \S+ SIP\/2\.0/, 'SIP/2.0 202 Accepted'), served.port);
    expect(await client.waitFor(/^SIP\/2\.0 202/)).toContain(`Via: SIP/2.0/UDP [::1]:${client.port};`);
    for (const p of [client, upstream]) p.close();
  });

  it('answers over TCP on [::1] on the connection the request came on', async () => {
    served = await serveScript(`listen=tcp:[::1]:0\nloadmodule "sl.so"\nrequest_route { sl_send_reply("200", "OK"); }`, { ownListen: true });
    const client = await tcpClient(served.port, '::1');
    client.send(request('OPTIONS', client.port, { via: `SIP/2.0/TCP [::1]:${client.port}` }));
    expect(await client.waitFor(/^SIP\/2\.0 /)).toMatch(/^SIP\/2\.0 200 OK/);
    client.close();
  });
});
