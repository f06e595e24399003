// The core's received-message counters, message by message: the method's
// counter in any case, unknown methods, reply classes with the transaction's
// method, and the codes with counters of their own.

import { countReceived } from '../../../runtime/stats/core.js';
import { StatGroup } from '../../../runtime/stats/registry.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { isSipError } from '../../../runtime/sip/errors.js';

function message(firstLine: string, cseqMethod: string): SipMessage {
  const text = [firstLine, 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1', 'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:b@127.0.0.1>', 'Call-ID: c1', `CSeq: 1 ${cseqMethod}`, 'Content-Length: 0', '', ''].join('\r\n');
  const m = SipMessage.parse(Buffer.from(text, 'latin1'));
  if (isSipError(m)) throw new Error(m.reason);
  return m;
}

function counted(...messages: SipMessage[]): Record<string, number> {
  const core = new StatGroup('core');
  for (const m of messages) countReceived(core, m);
  return Object.fromEntries(core.names().map((n) => [n, core.get(n)]).filter(([, v]) => v !== 0));
}

describe('countReceived', () => {
  it('counts a request under its method, in any case, and an unknown method as unsupported', () => {
    expect(counted(message('INVITE sip:b@127.0.0.1 SIP/2.0', 'INVITE'), message('invite sip:b@127.0.0.1 SIP/2.0', 'invite'), message('FOO sip:b@127.0.0.1 SIP/2.0', 'FOO'), message('KDMQ sip:b@127.0.0.1 SIP/2.0', 'KDMQ'))).toEqual({
      rcv_requests: 4,
      rcv_requests_invite: 2,
      unsupported_methods: 1,
    });
  });

  it('counts a reply under its class, its class and transaction method, 18x, and its own code', () => {
    expect(counted(message('SIP/2.0 180 Ringing', 'INVITE'), message('SIP/2.0 486 Busy Here', 'INVITE'), message('SIP/2.0 200 OK', 'REGISTER'), message('SIP/2.0 200 OK', 'OPTIONS'))).toEqual({
      rcv_replies: 4,
      rcv_replies_1xx: 1,
      rcv_replies_1xx_invite: 1,
      rcv_replies_18x: 1,
      rcv_replies_4xx: 1,
      rcv_replies_4xx_invite: 1,
      rcv_replies_486: 1,
      rcv_replies_2xx: 2,
      rcv_replies_2xx_reg: 1,
    });
  });
});
