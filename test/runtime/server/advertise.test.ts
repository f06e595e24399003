// listen= ... advertise: messages sent from the socket name the advertised
// address and port in our Via and rr's Record-Route (without a port, the
// socket's own), and the advertised address and port are `myself` — as
// Kamailio 5.6.3 does.

import { peer, request, serveScript, type Served } from './serve-script.js';

const HEAD = `
loadmodule "sl.so"
loadmodule "rr.so"
`;

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

it.each([
  ['203.0.113.1:5080', () => '203.0.113.1:5080'],
  ['203.0.113.2', (port: number) => `203.0.113.2:${port}`],
])('advertise %s: our Via and Record-Route name it', async (advertise, named) => {
  const upstream = await peer();
  served = await serveScript(`listen=udp:127.0.0.1:0 advertise ${advertise}\n${HEAD}request_route { record_route(); forward("127.0.0.1", ${upstream.port}); }`, { ownListen: true });
  const client = await peer();
  client.send(request('MESSAGE', client.port), served.port);
  const forwarded = await upstream.waitFor(/^MESSAGE /);
  expect(forwarded).toContain(`\r\nVia: SIP/2.0/UDP ${named(served.port)};branch=z9hG4bK`);
  expect(forwarded).toContain(`\r\nRecord-Route: <sip:${named(served.port)};lr;ftag=a1>\r\n`);
  for (const p of [client, upstream]) p.close();
});

it('the advertised address and port are myself; the address at another port is not', async () => {
  served = await serveScript(`listen=udp:127.0.0.1:0 advertise 203.0.113.1:5080\n${HEAD}request_route { if (uri == myself) sl_send_reply("200", "mine"); else sl_send_reply("404", "not mine"); }`, { ownListen: true });
  const client = await peer();
  client.send(request('OPTIONS', client.port, { uri: 'sip:bob@203.0.113.1:5080' }), served.port);
  expect(await client.waitFor(/^SIP\/2\.0 /)).toMatch(/^SIP\/2\.0 200 mine/);
  client.send(request('OPTIONS', client.port, { uri: 'sip:bob@203.0.113.1' }), served.port);
  expect(await client.waitFor(/^SIP\/2\.0 404/)).toMatch(/^SIP\/2\.0 404 not mine/);
  client.close();
});
