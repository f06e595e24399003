// corex's network I/O interception: with nio_intercept set, every message
// received and every one sent runs event_route[network:msg] with its raw
// bytes in $mb and is_incoming() saying which way; what the route leaves in
// nio_msg_avp is used instead. Here the peer "compresses" by prefixing
// ZIP: and the route undoes it on the way in and does it on the way out.

import { peer, request, serveScript, type Peer } from '../../runtime/server/serve-script.js';
import { runScript, sipMessage } from '../run-script.js';

const script = (intercept: number): string => `loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sl.so"
loadmodule "corex.so"
modparam("corex", "nio_intercept", ${intercept})
modparam("corex", "nio_min_msg_len", 16)
modparam("corex", "nio_msg_avp", "$avp(msg)")
request_route {
  sl_send_reply("200", "Decoded");
}
event_route[network:msg] {
  if (is_incoming()) {
    xlog("L_INFO", "nio in [$(mb{s.substr,0,4})]\\n");
    if ($(mb{s.substr,0,4}) == "ZIP:") { $avp(msg) = $(mb{s.substr,4,0}); }
  } else {
    xlog("L_INFO", "nio out [$(mb{s.substr,0,7})]\\n");
    $avp(msg) = "ZIP:" + $mb;
  }
}
`;

async function withServer(intercept: number, run: (uac: Peer, port: number, logs: string[]) => Promise<void>): Promise<void> {
  const uac = await peer();
  try {
    const served = await serveScript(script(intercept));
    try {
      await run(uac, served.port, served.logs);
    } finally {
      await served.stop();
    }
  } finally {
    uac.close();
  }
}

describe('event_route[network:msg]', () => {
  it('sees the raw bytes both ways, and what it leaves in nio_msg_avp is received and sent instead', async () => {
    await withServer(1, async (uac, port, logs) => {
      uac.send(`ZIP:${request('OPTIONS', uac.port)}`, port);
      const reply = await uac.waitFor(/^ZIP:SIP\/2\.0 200 Decoded\r\n/);
      expect(reply).toContain('CSeq: 1 OPTIONS');
      expect(logs.join('')).toMatch(/nio in \[ZIP:\][\s\S]*nio out \[SIP\/2\.0\]/);
    });
  });

  it('leaves the bytes as they are when the route sets no AVP', async () => {
    await withServer(1, async (uac, port) => {
      uac.send(request('OPTIONS', uac.port), port);
      await uac.waitFor(/^ZIP:SIP\/2\.0 200 Decoded/);
    });
  });

  it('does not run unless nio_intercept is set', async () => {
    await withServer(0, async (uac, port, logs) => {
      uac.send(request('OPTIONS', uac.port), port);
      await uac.waitFor(/^SIP\/2\.0 200 Decoded/);
      expect(logs.join('')).not.toContain('nio ');
    });
  });
});

describe('is_incoming', () => {
  it('is false outside event_route[network:msg] (Kamailio accepts it in any route)', () => {
    const run = runScript(
      'loadmodule "corex.so"\nloadmodule "xlog.so"\nrequest_route { if (is_incoming()) { xlog("L_ERR", "incoming\\n"); } else { xlog("L_ERR", "not incoming\\n"); } }\n',
      sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: n1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']),
    );
    expect(run.logs).toEqual(['not incoming']);
  });
});
