// A server that has relayed calls keeps nothing of them once their timers have
// run: completed, cancelled, rejected and timed-out transactions all leave the
// tm table, and no timer stays armed (the memory acceptance of issue 5 in its
// deterministic form; bench/serve-vs-kamailio.mjs prints resident memory).

import type { TransactionTable } from '../../../modules/tm/table.js';
import { peer, request, serveScript, type Peer, type Served } from './serve-script.js';

const SCRIPT = (uasPort: number): string => `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "siputils.so"
loadmodule "textops.so"
loadmodule "pv.so"
modparam("tm", "fr_timer", 300)
modparam("tm", "fr_inv_timer", 300)
modparam("tm", "wt_timer", 100)
request_route {
	if (has_totag()) { loose_route(); $du = "sip:127.0.0.1:${uasPort}"; t_relay(); exit; }
	if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
	t_check_trans();
	if (is_method("INVITE")) record_route();
	$du = "sip:127.0.0.1:${uasPort}";
	t_relay();
}
`;

/** A UAS that answers INVITEs by the Request-URI's user: `ok` 200, `busy` 486, `ring` 180 (and 487 to the INVITE once cancelled), `mute` nothing. */
function answer(uas: Peer, message: string, invites: Map<string, string>): void {
  const lines = message.split('\r\n');
  const first = lines[0]!;
  if (first.startsWith('SIP/2.0') || first.startsWith('ACK')) return;
  const vias = lines.filter((l) => /^Via:/i.test(l));
  const head = lines.filter((l) => /^(From|To|Call-ID|CSeq|Record-Route):/i.test(l));
  const port = Number(/:(\d+);/.exec(vias[0]!)![1]);
  const reply = (code: string): void => {
    const copied = head.map((l) => (l.startsWith('To:') && !/tag=/.test(l) ? `${l};tag=uas` : l));
    uas.send([`SIP/2.0 ${code}`, ...vias, ...copied, 'Content-Length: 0', '', ''].join('\r\n'), port);
  };
  const user = /sip:(\w+)@/.exec(first)![1];
  const callId = /^Call-ID: (.*)$/m.exec(message)![1]!;
  if (first.startsWith('INVITE')) invites.set(callId, message);
  if (first.startsWith('CANCEL')) {
    reply('200 OK');
    answer(uas, invites.get(callId)!.replace(/^INVITE sip:ring@/, 'INVITE sip:cancelled@'), invites);
  } else if (!first.startsWith('INVITE') || user === 'ok') reply('200 OK');
  else if (user === 'busy') reply('486 Busy Here');
  else if (user === 'ring') reply('180 Ringing');
  else if (user === 'cancelled') reply('487 Request Terminated');
}

describe('after calls are over, the server holds no transaction and no timer', () => {
  let served: Served;
  let uas: Peer;
  let uac: Peer;
  let poll: NodeJS.Timeout;
  beforeAll(async () => {
    uas = await peer();
    uac = await peer();
    served = await serveScript(SCRIPT(uas.port));
    const seen = new Set<string>();
    const invites = new Map<string, string>();
    poll = setInterval(() => {
      for (const m of uas.received) if (!seen.has(m)) (seen.add(m), answer(uas, m, invites));
    }, 5);
  });
  afterAll(async () => {
    clearInterval(poll);
    await served.stop();
    uas.close();
    uac.close();
  });

  const table = (): TransactionTable | undefined => served.server.worker.modules.get('tm') as TransactionTable | undefined;

  it('completed, rejected, cancelled and unanswered calls all leave the table and disarm their timers', async () => {
    for (let i = 0; i < 20; i++) {
      for (const user of ['ok', 'busy', 'ring', 'mute']) {
        const callId = `${user}-${i}`;
        uac.send(request('INVITE', uac.port, { callId, uri: `sip:${user}@127.0.0.1`, branch: `z9hG4bK-${callId}` }), served.port);
      }
    }
    await uac.waitFor(/^SIP\/2\.0 200 OK[\s\S]*Call-ID: ok-19/m);
    await uac.waitFor(/^SIP\/2\.0 486[\s\S]*Call-ID: busy-19/m);
    await uac.waitFor(/^SIP\/2\.0 180[\s\S]*Call-ID: ring-19/m);
    for (let i = 0; i < 20; i++) {
      const cancel = request('CANCEL', uac.port, { callId: `ring-${i}`, uri: 'sip:ring@127.0.0.1', branch: `z9hG4bK-ring-${i}` });
      uac.send(cancel, served.port);
      uac.send(request('BYE', uac.port, { callId: `ok-${i}`, uri: 'sip:ok@127.0.0.1', extra: 'To: <sip:ok@127.0.0.1>;tag=uas' }).replace('To: <sip:bob@127.0.0.1>\r\n', ''), served.port);
    }
    await uac.waitFor(/^SIP\/2\.0 408[\s\S]*Call-ID: mute-19/m, 3000);
    await uac.waitFor(/^SIP\/2\.0 487[\s\S]*Call-ID: ring-19/m);
    expect(table()!.size).toBeGreaterThan(0);
    // Negative finals wait for their ACK (timer H, 64*T1 unacknowledged): ACK them.
    for (const m of uac.received.filter((r) => /^SIP\/2\.0 (4|5)\d\d/.test(r))) {
      const callId = /^Call-ID: (.*)$/m.exec(m)![1]!;
      const to = /^To: (.*)$/m.exec(m)![1]!;
      const branch = /branch=([^;\r\n]+)/.exec(m)?.[1];
      if (!branch) throw new Error(m);
      const ack = request('ACK', uac.port, { callId, branch, uri: `sip:${callId.split('-')[0]}@127.0.0.1` }).replace('To: <sip:bob@127.0.0.1>', `To: ${to}`);
      uac.send(ack, served.port);
    }
    const deadline = Date.now() + 10_000;
    while ((table()!.size > 0 || served.server.timers.size > 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect({ transactions: table()!.size, timers: served.server.timers.size }).toEqual({ transactions: 0, timers: 0 });
  }, 20_000);
});
