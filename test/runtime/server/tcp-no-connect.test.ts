// set_reply_no_connect (the stock kamailio.cfg calls it for every request):
// a reply whose TCP connection is gone by the time it is sent is not sent
// over a new connection, and a log line says so; without it siprc opens a
// new connection as Kamailio 5.6 does (RFC 3261 18.2.2): to the source
// address at the Via's port, or at the source port when the Via asks for rport.

import { resolve } from 'node:path';
import { tcpClient, tcpListener } from './tcp-peer.js';
import { request, serveScript, type Served } from './serve-script.js';

const SCRIPT = `listen=127.0.0.1:0
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "${resolve('test/fixtures/modules/waiting.mjs')}"
request_route {
	if ($hdr(X-No-Connect) == "yes") set_reply_no_connect();
	wait_ms(200);
	sl_send_reply("200", "OK");
}
`;

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

/** Sends an OPTIONS over TCP whose Via names `listener`'s port (with `;rport` when asked), and closes the connection before the reply is sent. */
async function askAndHangUp(port: number, listenerPort: number, noConnect: boolean, rport = false): Promise<void> {
  const client = await tcpClient(port);
  client.send(request('OPTIONS', listenerPort, { via: `SIP/2.0/TCP 127.0.0.1:${listenerPort}${rport ? ';rport' : ''}`, extra: `X-No-Connect: ${noConnect ? 'yes' : 'no'}` }));
  await new Promise((r) => setTimeout(r, 50));
  client.close();
}

describe('replies over TCP when the connection is gone', () => {
  it('are sent over a new connection to the Via\'s port by default', async () => {
    served = await serveScript(SCRIPT, { ownListen: true });
    const listener = await tcpListener();
    await askAndHangUp(served.port, listener.port, false);
    expect(await listener.waitFor(/^SIP\/2\.0 /)).toMatch(/^SIP\/2\.0 200 OK/);
    expect(listener.accepted()).toBe(1);
    listener.close();
  });

  it('are sent over a new connection to the source port when the Via asks for rport (here refused: nothing listens there)', async () => {
    served = await serveScript(SCRIPT, { ownListen: true });
    const listener = await tcpListener();
    await askAndHangUp(served.port, listener.port, false, true);
    await new Promise((r) => setTimeout(r, 500));
    expect(listener.accepted()).toBe(0);
    expect(served.logs.join('')).toMatch(/tcp connect to 127\.0\.0\.1:\d+ failed: connect ECONNREFUSED/);
    listener.close();
  });

  it('are not sent, with a log line, after set_reply_no_connect()', async () => {
    served = await serveScript(SCRIPT, { ownListen: true });
    const listener = await tcpListener();
    await askAndHangUp(served.port, listener.port, true);
    await new Promise((r) => setTimeout(r, 500));
    expect(listener.accepted()).toBe(0);
    expect(served.logs.join('')).toMatch(/no open connection to 127\.0\.0\.1:\d+, and the script asked not to open one: not sent/);
    listener.close();
  });
});
