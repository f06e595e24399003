// Reloading a served script (siprc.reload, SIGHUP): new messages run the new
// program; a script with errors or with changes only a restart can apply is
// refused with the reasons and the running script goes on; transactions in
// flight finish their failure_route with the program they started with;
// module instances (their statistics, their state) are the same after.

import { writeFileSync } from 'node:fs';
import { reply } from '../modules/tm/proxy.js';
import { peer, request, serveScript, type Served } from '../runtime/server/serve-script.js';

const HEAD = `debug=2
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
`;

/** A script answering OPTIONS with `reason`, and relaying INVITEs to 127.0.0.1:`uas` with failure_route F logging `label`. */
function script(reason: string, label: string, uas: number, extra = ''): string {
  return `${HEAD}${extra}
request_route {
  if (is_method("OPTIONS")) { sl_send_reply("200", "${reason}"); exit; }
  if (is_method("INVITE")) { t_on_failure("F"); $du = "sip:127.0.0.1:${uas}"; t_relay(); exit; }
}
failure_route[F] { xlog("L_INFO", "failure route of ${label}\\n"); }
`;
}

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

/** The reason phrase the server answers an OPTIONS with now. */
async function answer(client: Awaited<ReturnType<typeof peer>>, port: number): Promise<string> {
  const callId = `options-${Math.random().toString(36).slice(2)}`;
  client.send(request('OPTIONS', client.port, { callId }), port);
  const reply = await client.waitFor(new RegExp(`^SIP/2\\.0 200 [^]*Call-ID: ${callId}\r\n`));
  return /^SIP\/2\.0 200 (.*)\r\n/.exec(reply)![1]!;
}

/** Reloads through the control method; the fault's message when refused. */
async function reload(s: Served): Promise<string> {
  try {
    return JSON.stringify(await s.rpc('siprc.reload'));
  } catch (e) {
    return (e as Error).message;
  }
}

describe('siprc.reload', () => {
  it('serves new messages with the new script', async () => {
    served = await serveScript(script('First', 'one', 1));
    const client = await peer();
    expect(await answer(client, served.port)).toBe('First');
    writeFileSync(served.path, script('Second', 'two', 1));
    expect(await reload(served)).toBe(JSON.stringify({ reloaded: served.path }));
    expect(await answer(client, served.port)).toBe('Second');
    expect(served.logs.join('')).toContain(`siprc: reloaded ${served.path}`);
    client.close();
  });

  it('refuses a script with errors, returning them with their positions, and keeps serving the running one', async () => {
    served = await serveScript(script('First', 'one', 1));
    const client = await peer();
    writeFileSync(served.path, script('Broken', 'two', 1).replace('exit; }\n  if (is_method("INVITE"))', 'exit; \n  if (is_method("INVITE"))').replace('sl_send_reply("200", "Broken")', 'sl_send_reply("200")'));
    const refused = await reload(served);
    expect(refused).toMatch(/^reload refused:\n/);
    expect(refused).toMatch(new RegExp(`${served.path.replace(/[.]/g, '\\.')}:\\d+:\\d+: error\\[E\\d+\\]`));
    expect(await answer(client, served.port)).toBe('First');
    client.close();
  });

  it('refuses a change of module parameter that the module applies at start, naming it, and applies one it reads on every call', async () => {
    served = await serveScript(script('First', 'one', 1));
    const client = await peer();
    writeFileSync(served.path, script('Second', 'two', 1, 'modparam("tm", "fr_timer", 7000)\n'));
    expect(await reload(served)).toMatch(/parameter fr_timer of module tm \(not set → 7000\): siprc applies it at start only; restart to change it/);
    expect(await answer(client, served.port)).toBe('First');
    writeFileSync(served.path, script('Third', 'three', 1, 'modparam("maxfwd", "max_limit", 20)\n'));
    expect(await reload(served)).toBe(JSON.stringify({ reloaded: served.path }));
    expect(await answer(client, served.port)).toBe('Third');
    client.close();
  });

  it('refuses a change of listen sockets or of a core setting applied at start', async () => {
    served = await serveScript(script('First', 'one', 1, 'tcp_connection_lifetime=30\n'));
    writeFileSync(served.path, script('Second', 'two', 1, 'tcp_connection_lifetime=60\nalias="other.example"\n'));
    const refused = await reload(served);
    expect(refused).toContain('core setting tcp_connection_lifetime (30 → 60)');
    expect(refused).toContain('the listen sockets or aliases');
  });

  it('lets a transaction started before the reload run the failure_route of its own program', async () => {
    const uas = await peer();
    const client = await peer();
    served = await serveScript(script('First', 'one', uas.port));
    client.send(request('INVITE', client.port), served.port);
    const invite = await uas.waitFor(/^INVITE /);
    writeFileSync(served.path, script('Second', 'two', uas.port));
    expect(await reload(served)).toBe(JSON.stringify({ reloaded: served.path }));
    // The UAS answers 503 after the reload: the failure route is the first script's.
    uas.send(reply(invite, 503, 'Unavailable'), served.port);
    // (tm's remap_503_500 makes the 503 a 500 upstream.)
    await client.waitFor(/^SIP\/2\.0 500/);
    expect(served.logs.join('')).toContain('failure route of one');
    // A call started after the reload runs the new one.
    client.send(request('INVITE', client.port, { callId: 'after-reload' }), served.port);
    uas.send(reply(await uas.waitFor(/^INVITE [^]*Call-ID: after-reload\r\n/), 503, 'Unavailable'), served.port);
    await client.waitFor(/^SIP\/2\.0 500[^]*Call-ID: after-reload\r\n/);
    expect(served.logs.join('')).toContain('failure route of two');
    client.close();
    uas.close();
  });
});
