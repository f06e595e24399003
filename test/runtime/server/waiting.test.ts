// A request route that waits for a command (a module's storage) does not hold
// the server up: other messages are served meanwhile, the waiting route goes
// on and sends its reply once the command settles, a command that fails is a
// logged run-time error, and stopping the server lets waiting routes finish.

import { resolve } from 'node:path';
import { peer, request, serveScript, type Served } from './serve-script.js';

const HEAD = `debug=3
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "${resolve('test/fixtures/modules/waiting.mjs')}"
`;

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

describe('a request route that waits', () => {
  it('replies when the command settles, while later requests are served meanwhile', async () => {
    served = await serveScript(`${HEAD}request_route {\n if ($rU == "slow") { wait_ms(300); }\n sl_send_reply("200", "Done $rU");\n}\n`);
    const client = await peer();
    client.send(request('OPTIONS', client.port).replace(/sip:[^@ ]+@/, 'sip:slow@'), served.port);
    client.send(request('OPTIONS', client.port).replace(/sip:[^@ ]+@/, 'sip:fast@').replace(/Call-ID: .*/, 'Call-ID: fast-1'), served.port);
    await client.waitFor(/^SIP\/2\.0 200 Done slow/, 3000);
    const order = client.received.map((m) => /^SIP\/2\.0 200 Done (\w+)/.exec(m)?.[1]);
    expect(order).toEqual(['fast', 'slow']);
    client.close();
  });

  it('logs a failed command as a run-time error with its position, sends nothing for that message, and goes on serving', async () => {
    served = await serveScript(`${HEAD}request_route {\n if ($rU == "bad") { wait_fail(); }\n sl_send_reply("200", "OK");\n}\n`);
    const client = await peer();
    client.send(request('OPTIONS', client.port).replace(/sip:[^@ ]+@/, 'sip:bad@'), served.port);
    client.send(request('OPTIONS', client.port).replace(/Call-ID: .*/, 'Call-ID: good-1'), served.port);
    await client.waitFor(/^SIP\/2\.0 200 OK/);
    await new Promise((r) => setTimeout(r, 100));
    expect(client.received).toHaveLength(1);
    expect(served.logs.join('')).toMatch(/ERROR: run-time error at .*s\d+\.cfg:6:22 \(in request\): storage is down; message dropped/);
    client.close();
  });

  it('finishes before the server stops', async () => {
    served = await serveScript(`${HEAD}request_route {\n wait_ms(200);\n sl_send_reply("200", "Waited");\n}\n`);
    const client = await peer();
    client.send(request('OPTIONS', client.port), served.port);
    await new Promise((r) => setTimeout(r, 50));
    const stopping = served.server.stop(2000);
    expect(await client.waitFor(/^SIP\/2\.0 200 Waited/, 2000)).toBeDefined();
    await stopping;
    client.close();
  });
});
