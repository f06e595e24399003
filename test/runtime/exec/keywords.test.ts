// Core keyword tests against a run's context: addresses and networks,
// myself (listen sockets and aliases), ports, transports, methods, statuses.

import { ExecContext } from '../../../runtime/exec/context.js';
import { testKeyword } from '../../../runtime/exec/keywords.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';

function context(first: string, source = { address: '10.1.2.3', port: 5080 }): ExecContext {
  const m = SipMessage.parse(Buffer.from(`${first}\r\nVia: SIP/2.0/UDP 10.1.2.3:5080;branch=z9hG4bK1\r\nFrom: <sip:a@example.test>;tag=1\r\nTo: <sip:b@proxy.test>\r\nCall-ID: k\r\nCSeq: 2 INVITE\r\n\r\n`, 'latin1'));
  if (isSipError(m)) throw new Error(m.reason);
  return new ExecContext(m, source, 'tcp', { socket: { address: '127.0.0.1', port: 5060 }, names: [{ host: '127.0.0.1', port: 5060 }, { host: 'proxy.test', port: undefined }] });
}

const invite = context('INVITE sip:b@proxy.test SIP/2.0');
const test = (ctx: ExecContext, keyword: string, op: string, operand: string | number): boolean => testKeyword(ctx, { keyword, op, operand: String(operand) }, operand);

describe('keyword tests', () => {
  it.each([
    ['src_ip', '==', '10.1.2.3', true],
    ['src_ip', '==', '10.0.0.0/8', true],
    ['src_ip', '!=', '10.0.0.0/8', false],
    ['src_ip', '==', '192.168.0.0/16', false],
    ['dst_ip', '==', 'myself', true],
    ['src_ip', '==', 'myself', false],
    ['src_port', '>', 5000, true],
    ['dst_port', '==', 5060, true],
    ['proto', '==', 'TCP', true],
    ['proto', '!=', 'udp', true],
    ['af', '==', 'INET', true],
    ['method', '==', 'invite', true],
    ['method', '=~', '^(INVITE|BYE)$', true],
    ['uri', '==', 'myself', true],
    ['uri', '!=', 'myself', false],
    ['from_uri', '==', 'myself', false],
    ['to_uri', '=~', 'proxy\\.test$', true],
    ['myself', '==', 'uri', true],
  ])('%s %s %s is %p', (keyword, op, operand, expected) => {
    expect(test(invite, keyword, op, operand)).toBe(expected);
  });

  it('reads the status of a reply and the CSeq method as its method', () => {
    const reply = context('SIP/2.0 183 Session Progress');
    expect(test(reply, 'status', '=~', '^1[0-9][0-9]$')).toBe(true);
    expect(test(reply, 'status', '==', '200')).toBe(false);
    expect(test(reply, 'method', '==', 'INVITE')).toBe(true);
  });

  it('sees a rewritten Request-URI at once', () => {
    const ctx = context('INVITE sip:b@proxy.test SIP/2.0');
    ctx.edits.requestUri = 'sip:b@192.0.2.9';
    expect(test(ctx, 'uri', '==', 'myself')).toBe(false);
  });
});
