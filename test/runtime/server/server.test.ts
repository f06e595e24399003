// The server loop on loopback: bad input is answered or dropped with a log
// line and never stops it; a run-time error names where it happened; the
// stateless path relays requests and routes replies back by Via.

import { peer, request, serveScript, type Served } from './serve-script.js';

const HEAD = `
debug=3
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
`;

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

describe('bad input', () => {
  it.each([
    ['a Content-Length beyond the body', 'Content-Length: 99', /^SIP\/2\.0 400 Bad Request - Content-Length 99 is larger than the body/],
    ['a header line without a colon', 'Bad Header', /^SIP\/2\.0 400 Bad Request - bad header line/],
  ])('answers 400 with the reason to a request with %s, and goes on serving', async (_what, line, reply) => {
    served = await serveScript(`${HEAD}request_route { sl_send_reply("200", "OK"); }`);
    const client = await peer();
    client.send(request('OPTIONS', client.port).replace('Content-Length: 0', line), served.port);
    expect(await client.waitFor(/^SIP\/2\.0 400/)).toMatch(reply);
    client.send(request('OPTIONS', client.port), served.port);
    expect(await client.waitFor(/^SIP\/2\.0 200 OK/)).toContain(`Via: SIP/2.0/UDP 127.0.0.1:${client.port}`);
    expect(served.logs.join('')).toMatch(/WARNING: bad message from udp:127\.0\.0\.1:\d+: .*; answered 400/);
    client.close();
  });

  it('drops a reply that cannot be parsed, with a log line', async () => {
    served = await serveScript(`${HEAD}request_route { sl_send_reply("200", "OK"); }`);
    const client = await peer();
    client.send('SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:1\r\nBad Header\r\n\r\n', served.port);
    client.send(request('OPTIONS', client.port), served.port);
    await client.waitFor(/^SIP\/2\.0 200 OK/);
    expect(client.received).toHaveLength(1);
    expect(served.logs.join('')).toMatch(/bad message from .*; dropped/);
    client.close();
  });

  it('logs a run-time error with its route and position, drops that message, and goes on serving', async () => {
    served = await serveScript(`${HEAD}request_route {
	if ($rm == "INFO") { route(BROKEN); }
	sl_send_reply("200", "OK");
}
route[BROKEN] { $var(x) = 1 / 0; sl_send_reply("500", "unreachable"); }`);
    const client = await peer();
    client.send(request('INFO', client.port), served.port);
    client.send(request('OPTIONS', client.port), served.port);
    await client.waitFor(/^SIP\/2\.0 200 OK/);
    expect(client.received.some((m) => m.startsWith('SIP/2.0 500'))).toBe(false);
    expect(served.logs.join('')).toMatch(/ERROR: run-time error at .*s\d+\.cfg:10:\d+ \(in .*BROKEN.*\): .*; message dropped/);
    client.close();
  });
});

describe('the stateless path', () => {
  it('forwards a request with our Via on top and passes the reply back to the client by Via', async () => {
    const upstream = await peer();
    served = await serveScript(`${HEAD}request_route { forward("127.0.0.1", ${upstream.port}); }`);
    const client = await peer();
    client.send(request('MESSAGE', client.port, { callId: 'stateless-1' }), served.port);
    const forwarded = await upstream.waitFor(/^MESSAGE /);
    expect(forwarded).toMatch(new RegExp(`^Via: SIP/2\\.0/UDP 127\\.0\\.0\\.1:${served.port};branch=z9hG4bK\\w+\\r\\nVia: SIP/2\\.0/UDP 127\\.0\\.0\\.1:${client.port};`, 'm'));
    // The upstream answers to our Via; the reply goes to the client's.
    const reply = forwarded.replace(/^MESSAGE \S+ SIP\/2\.0/, 'SIP/2.0 202 Accepted').replace(/\r\nMax-Forwards: \d+/, '');
    upstream.send(reply, served.port);
    const back = await client.waitFor(/^SIP\/2\.0 202 Accepted/);
    expect(back.match(/^Via:/gm)).toHaveLength(1);
    expect(back).toContain(`Via: SIP/2.0/UDP 127.0.0.1:${client.port};`);
    for (const p of [client, upstream]) p.close();
  });
});
