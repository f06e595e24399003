// sl's event routes on a served script: event_route[sl:filtered-ack] runs
// on an ACK to one of sl's replies (which the script then never sees), and
// event_route[corex:reply-out] on each reply sl sends when corex is loaded.
// The KEMI callback parameters refuse to start, naming the event route.

import { peer, request, serveScript } from '../../runtime/server/serve-script.js';

const SCRIPT = `loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sl.so"
loadmodule "corex.so"
loadmodule "textops.so"
request_route {
  xlog("L_INFO", "script $rm\\n");
  if (is_method("INVITE")) { sl_send_reply("486", "Busy Here"); }
}
event_route[sl:filtered-ack] { xlog("L_INFO", "filtered-ack $rm $tt\\n"); }
event_route[corex:reply-out] { xlog("L_INFO", "reply-out $rs $rr $rm\\n"); }
`;

describe('sl event routes', () => {
  it('run filtered-ack on the ACK to sl reply, and corex:reply-out on the reply', async () => {
    const uac = await peer();
    try {
      const served = await serveScript(SCRIPT);
      try {
        uac.send(request('INVITE', uac.port, { callId: 'ev1', branch: 'z9hG4bKev1' }), served.port);
        const reply = await uac.waitFor(/^SIP\/2\.0 486 Busy Here/);
        const toTag = /^To: .*;tag=([^;\r\n]+)/m.exec(reply)![1]!;
        const ack = request('ACK', uac.port, { callId: 'ev1', branch: 'z9hG4bKev1' }).replace('To: <sip:bob@127.0.0.1>', `To: <sip:bob@127.0.0.1>;tag=${toTag}`);
        uac.send(ack, served.port);
        const deadline = Date.now() + 2000;
        while (!served.logs.join('').includes('filtered-ack') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
        const lines = served.logs.join('').split('\n').filter((l) => /script|filtered-ack|reply-out/.test(l)).map((l) => l.replace(/^\d+ \w+: <script>: /, ''));
        expect(lines).toEqual(['script INVITE', 'reply-out 486 Busy Here INVITE', `filtered-ack ACK ${toTag}`]);
      } finally {
        await served.stop();
      }
    } finally {
      uac.close();
    }
  });

  it.each([
    ['sl', 'event_callback_fl_ack', 'sl:filtered-ack'],
    ['sl', 'event_callback_lres_sent', 'sl:local-response'],
    ['corex', 'evcb_reply_out', 'corex:reply-out'],
  ])('refuse %s %s, a KEMI callback', async (module, param, route) => {
    await expect(serveScript(`loadmodule "sl.so"\nloadmodule "corex.so"\nmodparam("${module}", "${param}", "ksr_cb")\nrequest_route { drop; }\n`)).rejects.toThrow(
      `module ${module} cannot start: ${param}: "ksr_cb" names a KEMI function, and siprc runs native scripts only; use event_route[${route}] instead`,
    );
  });
});
