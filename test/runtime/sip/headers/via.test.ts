// Via values: sent-protocol with white space around the slashes, sent-by with
// IPv6, the usual parameters, several values per line, and errors.

import { isSipError } from '../../../../runtime/sip/errors.js';
import { parseTopVia, parseVias, viaParam } from '../../../../runtime/sip/headers/via.js';

describe('Via', () => {
  it('reads every part of a value', () => {
    const via = parseTopVia('SIP / 2.0 / TCP [2001:db8::9]:5061 ; branch=z9hG4bK77;received=192.0.2.1;rport=5062;maddr=224.2.0.1;ttl=16;i=7;x-flag');
    expect(isSipError(via)).toBe(false);
    expect(via).toMatchObject({ protocol: 'SIP', version: '2.0', transport: 'TCP', host: '[2001:db8::9]', port: 5061 });
    const v = via as Exclude<typeof via, { reason: string }>;
    expect(['branch', 'received', 'rport', 'maddr', 'ttl', 'i', 'x-flag'].map((n) => viaParam(v, n))).toEqual(['z9hG4bK77', '192.0.2.1', '5062', '224.2.0.1', '16', '7', '']);
    expect(viaParam(v, 'BRANCH')).toBe('z9hG4bK77');
    expect(viaParam(v, 'alias')).toBeUndefined();
  });

  it('takes parameter values beyond RFC 3261 token characters, as Kamailio 5.6 does (seen from real user agents)', () => {
    const via = parseTopVia('SIP/2.0/UDP 127.0.0.1:5071;branch=z9hG4bK-1@x;x={y}/z;rport');
    expect(isSipError(via) ? via.reason : [viaParam(via, 'branch'), viaParam(via, 'x'), viaParam(via, 'rport')]).toEqual(['z9hG4bK-1@x', '{y}/z', '']);
  });

  it('splits several values of one line, and reads only the first for the top Via', () => {
    const line = 'SIP/2.0/UDP a.test;branch=z9hG4bK1, SIP/2.0/TCP b.test:5070;branch=z9hG4bK2;x="a,b"';
    const all = parseVias(line);
    expect(isSipError(all) ? all.reason : all.map((v) => [v.transport, v.host, v.port])).toEqual([
      ['UDP', 'a.test', undefined],
      ['TCP', 'b.test', 5070],
    ]);
    expect(parseTopVia(line)).toMatchObject({ host: 'a.test', raw: 'SIP/2.0/UDP a.test;branch=z9hG4bK1' });
  });

  it.each([
    ['no sent-protocol', 'a.test;branch=z9hG4bK1'],
    ['no host', 'SIP/2.0/UDP ;branch=x'],
    ['an empty parameter', 'SIP/2.0/UDP a.test;;branch=x'],
    ['a port out of range', 'SIP/2.0/UDP a.test:65536'],
    ['a bad IPv6 reference', 'SIP/2.0/UDP [2001:db8::zz]'],
    ['trailing garbage', 'SIP/2.0/UDP a.test b.test'],
    ['an empty list element', 'SIP/2.0/UDP a.test,,SIP/2.0/UDP b.test'],
  ])('rejects %s', (_, value) => {
    const via = parseVias(value);
    expect(isSipError(via) && via.reason).toMatch(/^bad Via/);
  });
});
