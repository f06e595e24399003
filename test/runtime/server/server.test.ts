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
    ['a second CSeq', 'CSeq: 2 OPTIONS\r\nContent-Length: 0', /^SIP\/2\.0 400 Bad Request - more than one CSeq/],
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

  it('answers 400 with the reason to a request whose top Via cannot be read, with a log line, before the script runs', async () => {
    served = await serveScript(`${HEAD}request_route { sl_send_reply("200", "OK"); }`);
    const client = await peer();
    client.send(request('OPTIONS', client.port).replace(';branch=', ';rport=;branch='), served.port);
    expect(await client.waitFor(/^SIP\/2\.0 400/)).toMatch(/^SIP\/2\.0 400 Bad Request - bad Via .*parameter rport has an empty value\r\n/);
    expect(served.logs.join('')).toMatch(/WARNING: bad message from udp:127\.0\.0\.1:\d+: bad Via .*; answered 400/);
    client.close();
  });

  it('answers 400 to a request whose only CSeq has no number, before the script runs', async () => {
    served = await serveScript(`${HEAD}request_route { xlog("L_ERR", "script ran\\n"); sl_send_reply("200", "OK"); }`);
    const client = await peer();
    client.send(request('OPTIONS', client.port).replace('CSeq: 1 OPTIONS', 'CSeq: OPTIONS'), served.port);
    expect(await client.waitFor(/^SIP\/2\.0 400/)).toMatch(/^SIP\/2\.0 400 Bad Request - .*CSeq/);
    expect(served.logs.join('')).not.toContain('script ran');
    client.close();
  });

  it('drops, with a log line, a request without a Call-ID (no reply can be built), and goes on serving', async () => {
    served = await serveScript(`${HEAD}request_route { sl_send_reply("200", "OK"); }`);
    const client = await peer();
    client.send(request('OPTIONS', client.port).replace(/Call-ID: .*\r\n/, ''), served.port);
    client.send(request('OPTIONS', client.port), served.port);
    await client.waitFor(/^SIP\/2\.0 200 OK/);
    expect(client.received.filter((r) => r.startsWith('SIP/2.0 400'))).toEqual([]);
    expect(served.logs.join('')).toMatch(/WARNING: bad message from udp:127\.0\.0\.1:\d+: missing Call-ID; dropped/);
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

  it('logs an error the script went on after (a runaway while loop) with its position', async () => {
    served = await serveScript(`${HEAD}max_while_loops=5
request_route {
	while (1) { $var(n) = $var(n) + 1; }
	sl_send_reply("200", "looped $var(n)");
}`);
    const client = await peer();
    client.send(request('OPTIONS', client.port), served.port);
    await client.waitFor(/^SIP\/2\.0 200 looped 5/);
    expect(served.logs.join('')).toMatch(/WARNING: .*s\d+\.cfg:8:2: runaway while loop: more than 5 iterations/);
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

  it('forwards to a destination named by a host name, resolved by the system (localhost)', async () => {
    const upstream = await peer();
    served = await serveScript(`${HEAD}request_route { $du = "sip:localhost:${upstream.port}"; forward(); }`);
    const client = await peer();
    client.send(request('MESSAGE', client.port), served.port);
    expect(await upstream.waitFor(/^MESSAGE /)).toContain(`Via: SIP/2.0/UDP 127.0.0.1:${client.port};`);
    for (const p of [client, upstream]) p.close();
  });
});
