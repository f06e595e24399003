// Test helper: a UAC and a UAS on loopback UDP ports that play a fixed flow
// through a proxy (an OPTIONS, a REGISTER, a completed call with its ACK and
// BYE, a call answered 486 and its ACK, a MESSAGE answered 404, and a stray
// reply), the same for siprc and for Kamailio, so that what each counts or
// logs can be compared. Call-IDs and tags are fixed.

import { createSocket, type Socket } from 'node:dgram';

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What the UAS answers per method: the codes and reasons, in order. */
type Behaviour = Record<string, ReadonlyArray<readonly [number, string]>>;

function bind(port: number): Promise<Socket> {
  const s = createSocket('udp4');
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.bind(port, '127.0.0.1', () => resolve(s));
  });
}

/** Plays the flow against the proxy on `proxy`; resolves with the first lines each side received, in order. */
export async function playFlow(proxy: number, uacPort: number, uasPort: number, pause = 150): Promise<string[]> {
  const uac = await bind(uacPort);
  const uas = await bind(uasPort);
  const got: string[] = [];
  let behaviour: Behaviour = {};
  uac.on('message', (d) => got.push(`UAC< ${d.toString('latin1').split('\r\n')[0]}`));
  uas.on('message', (d, from) => {
    const text = d.toString('latin1');
    const first = text.split('\r\n')[0]!;
    got.push(`UAS< ${first}`);
    if (first.startsWith('SIP/2.0') || first.startsWith('ACK ')) return;
    const head = text.split('\r\n\r\n')[0]!.split('\r\n').slice(1);
    const copied = head.filter((l) => /^(via|from|to|call-id|cseq|record-route):/i.test(l)).map((l) => (/^to:/i.test(l) && !/tag=/.test(l) ? `${l};tag=uastag1` : l));
    for (const [code, reason] of behaviour[first.split(' ')[0]!] ?? [[200, 'OK']]) {
      const reply = `SIP/2.0 ${code} ${reason}\r\n${copied.join('\r\n')}\r\nContact: <sip:uas@127.0.0.1:${uasPort}>\r\nContent-Length: 0\r\n\r\n`;
      uas.send(Buffer.from(reply, 'latin1'), from.port, from.address);
    }
  });
  const request = (method: string, callId: string, cseq: number, o: { ruri?: string; toTag?: string; branch?: string; to?: string; extra?: string } = {}): string =>
    `${method} ${o.ruri ?? `sip:bob@127.0.0.1:${uasPort}`} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${uacPort};branch=${o.branch ?? `z9hG4bK${callId}${cseq}${method}`};rport\r\n` +
    `From: "Alice" <sip:alice@example.com>;tag=fromtag-${callId}\r\n` +
    `To: <${o.to ?? 'sip:bob@example.net'}>${o.toTag ? `;tag=${o.toTag}` : ''}\r\n` +
    `Call-ID: ${callId}\r\nCSeq: ${cseq} ${method}\r\nMax-Forwards: 70\r\nContact: <sip:alice@127.0.0.1:${uacPort}>\r\n${o.extra ?? ''}Content-Length: 0\r\n\r\n`;
  const send = async (text: string, ms = pause): Promise<void> => {
    uac.send(Buffer.from(text, 'latin1'), proxy, '127.0.0.1');
    await wait(ms);
  };
  try {
    await send(request('OPTIONS', 'opt-1', 1, { ruri: `sip:127.0.0.1:${proxy}` }));
    await send(request('REGISTER', 'reg-1', 1, { ruri: `sip:127.0.0.1:${proxy}`, to: 'sip:alice@example.com', extra: 'Expires: 600\r\n' }));
    behaviour = { INVITE: [[180, 'Ringing'], [200, 'OK']], BYE: [[200, 'OK']] };
    await send(request('INVITE', 'call-ok', 1), pause + 100);
    await send(request('ACK', 'call-ok', 1, { toTag: 'uastag1', branch: 'z9hG4bKack-call-ok' }));
    await send(request('BYE', 'call-ok', 2, { toTag: 'uastag1' }), pause + 100);
    behaviour = { INVITE: [[180, 'Ringing'], [486, 'Busy Here']] };
    await send(request('INVITE', 'call-busy', 1), pause + 100);
    await send(request('ACK', 'call-busy', 1, { toTag: 'uastag1', branch: 'z9hG4bKcall-busy1INVITE' }));
    behaviour = { MESSAGE: [[404, 'Not Found']] };
    await send(request('MESSAGE', 'msg-404', 1), pause + 100);
    // A reply for no transaction of the proxy: passed on to its second Via.
    await send(
      `SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:${proxy};branch=z9hG4bKnone\r\nVia: SIP/2.0/UDP 127.0.0.1:${uasPort};branch=z9hG4bKx\r\n` +
        'From: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: stray\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n',
    );
  } finally {
    uac.close();
    uas.close();
  }
  return got;
}

/**
 * The script the flow is played against: registrations saved, OPTIONS
 * answered, everything else relayed, the script counters declared by
 * `counters` (script_counter values) and first bumped by `cnt_inc`, the
 * second by `cnt_add(..., 5)`.
 */
export function flowScript(counters: readonly string[]): string {
  const name = (declared: string): string => declared.split(/[ :]/)[0]!;
  return `
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "counters.so"
loadmodule "textops.so"
${counters.map((c) => `modparam("counters", "script_counter", "${c}")`).join('\n')}
request_route {
  cnt_inc("${name(counters[0]!)}");
  cnt_add("${name(counters[1]!)}", 5);
  if (is_method("REGISTER")) { save("location"); exit; }
  if (is_method("OPTIONS")) { sl_send_reply("200", "OK"); exit; }
  t_relay();
}
`;
}
