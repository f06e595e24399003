// URIs: parsing sip, sips and tel into their parts, formatting them back, and
// comparing them as RFC 3261 section 19.1.4 says (its own examples).

import { isSipError } from '../../../runtime/sip/errors.js';
import { formatUri, isSipUri, isTelUri, parseUri, uriEquals, uriParam, type SipUri, type Uri } from '../../../runtime/sip/uri.js';

function parsed(text: string): Uri {
  const uri = parseUri(text);
  if (isSipError(uri)) throw new Error(uri.reason);
  return uri;
}

function sip(text: string): SipUri {
  const uri = parsed(text);
  if (!isSipUri(uri)) throw new Error(`${text} is not a SIP URI`);
  return uri;
}

describe('parseUri', () => {
  it('reads every part of a SIP URI', () => {
    const uri = sip('sips:alice:secret@atlanta.example.com:5061;transport=tcp;lr;maddr=239.255.255.1;ttl=15?subject=hi&priority=urgent');
    expect(uri).toMatchObject({ scheme: 'sips', user: 'alice', password: 'secret', host: 'atlanta.example.com', hostKind: 'name', port: 5061 });
    expect(uri.params).toEqual([
      { name: 'transport', value: 'tcp' },
      { name: 'lr', value: undefined },
      { name: 'maddr', value: '239.255.255.1' },
      { name: 'ttl', value: '15' },
    ]);
    expect(uri.headers).toEqual([{ name: 'subject', value: 'hi' }, { name: 'priority', value: 'urgent' }]);
    expect(uriParam(uri, 'LR')).toBe('');
    expect(uriParam(uri, 'Transport')).toBe('tcp');
    expect(uriParam(uri, 'user')).toBeUndefined();
  });

  it('reads IPv4 and bracketed IPv6 hosts, and URIs without a user', () => {
    expect(sip('sip:127.0.0.1:5060')).toMatchObject({ user: undefined, host: '127.0.0.1', hostKind: 'ipv4', port: 5060 });
    expect(sip('sip:bob@[2001:db8::10]:5070;user=phone')).toMatchObject({ host: '[2001:db8::10]', hostKind: 'ipv6', port: 5070 });
  });

  it('keeps a telephone-subscriber user with its ;params, and escapes as written', () => {
    const uri = sip('sip:+1-212-555-1212;isub=1411;postd=pp22@example.com;user=phone');
    expect(uri.user).toBe('+1-212-555-1212;isub=1411;postd=pp22');
    expect(uriParam(uri, 'user')).toBe('phone');
    expect(sip('sip:%61lice@example.com').user).toBe('%61lice');
  });

  it('reads tel URIs and keeps other schemes whole', () => {
    const tel = parsed('tel:+1-201-555-0123;phone-context=example.com');
    expect(isTelUri(tel) && tel.number).toBe('+1-201-555-0123');
    expect(parsed('urn:service:sos')).toEqual({ scheme: 'urn', rest: 'service:sos' });
  });

  it('reads the scheme in any case, host names with `_`, and parameters and headers with and without values', () => {
    expect(sip('SiP:alice@my_host.example.com')).toMatchObject({ scheme: 'sip', host: 'my_host.example.com', hostKind: 'name' });
    expect(sip('sips:10.0.0.1')).toMatchObject({ scheme: 'sips', hostKind: 'ipv4' });
    const uri = sip('sip:h;novalue;k=%3D?x=1&y');
    expect(uri.params).toEqual([{ name: 'novalue', value: undefined }, { name: 'k', value: '%3D' }]);
    expect(uri.headers).toEqual([{ name: 'x', value: '1' }, { name: 'y', value: undefined }]);
  });

  it.each([
    ['an empty parameter', 'sip:alice@example.com;;lr', /bad parameter ""/],
    ['a trailing `;`', 'sip:alice@example.com;lr;', /bad parameter ""/],
    ['a parameter without a name', 'sip:alice@example.com;=x', /bad parameter "=x"/],
    ['a bad character in a header', 'sip:alice@example.com?a=<b>', /bad header "a=<b>"/],
    ['a second `=` in a parameter', 'sip:alice@example.com;a=b=c', /bad parameter "a=b=c"/],
    ['a second `=` in a header', 'sip:alice@example.com?x=1=2', /bad header "x=1=2"/],
    ['a host starting with a dot', 'sip:alice@.example.com', /bad host/],
    ['digits and dots that are no IPv4 address', 'sip:alice@1.2.3', /bad IPv4 address/],
    ['a bad scheme', 's!p:alice@example.com', /bad scheme/],
  ])('rejects a URI with %s, naming the part', (_, text, reason) => {
    const uri = parseUri(text);
    expect(isSipError(uri) && uri.reason).toMatch(reason);
  });

  it.each([
    ['no scheme', 'alice@example.com'],
    ['a space', 'sip:al ice@example.com'],
    ['an empty host', 'sip:alice@'],
    ['a port out of range', 'sip:alice@example.com:70000'],
    ['a bad IPv6 reference', 'sip:[2001:db8::zz]'],
    ['angle brackets', '<sip:alice@example.com>'],
  ])('rejects a URI with %s', (_, text) => {
    const uri = parseUri(text);
    expect(isSipError(uri) && uri.reason).toMatch(/URI/);
  });

  it('formats a parsed URI back to the same text', () => {
    for (const text of ['sip:alice@example.com', 'sips:bob:pw@[::1]:5061;transport=tls;lr?x=1&y=2', 'tel:+1-201-555-0123;ext=7', 'urn:x:y']) {
      expect(formatUri(parsed(text))).toBe(text);
    }
  });
});

describe('uriEquals (RFC 3261 19.1.4)', () => {
  it.each([
    ['sip:%61lice@atlanta.com;transport=TCP', 'sip:alice@AtLanTa.CoM;Transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;newparam=5'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com;security=on'],
    ['sip:carol@chicago.com;newparam=5', 'sip:carol@chicago.com;security=on'],
    ['sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com', 'sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com'],
    ['sip:alice@atlanta.com?subject=project%20x&priority=urgent', 'sip:alice@atlanta.com?priority=urgent&subject=project%20x'],
  ])('%s equals %s', (a, b) => {
    expect(uriEquals(parsed(a), parsed(b))).toBe(true);
    expect(uriEquals(parsed(b), parsed(a))).toBe(true);
  });

  it.each([
    ['SIP:ALICE@AtLanTa.CoM;Transport=udp', 'sip:alice@AtLanTa.CoM;Transport=UDP'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:5060'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com;transport=udp'],
    ['sip:bob@biloxi.com', 'sip:bob@biloxi.com:6000;transport=tcp'],
    ['sip:carol@chicago.com', 'sip:carol@chicago.com?Subject=next%20meeting'],
    ['sip:bob@phone21.boxesbybob.com', 'sip:bob@192.0.2.4'],
    ['sip:carol@chicago.com;security=on', 'sip:carol@chicago.com;security=off'],
    ['sip:alice@example.com', 'sips:alice@example.com'],
  ])('%s differs from %s', (a, b) => {
    expect(uriEquals(parsed(a), parsed(b))).toBe(false);
    expect(uriEquals(parsed(b), parsed(a))).toBe(false);
  });

  it('compares tel numbers without their visual separators', () => {
    expect(uriEquals(parsed('tel:+1-201-555-0123'), parsed('tel:+1.201.5550123'))).toBe(true);
    expect(uriEquals(parsed('tel:+1-201-555-0123'), parsed('tel:+1-201-555-0124'))).toBe(false);
  });
});
