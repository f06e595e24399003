// name-addr and addr-spec values (From, To, Contact, Route, ...): display
// names quoted or not, the URI, parameters, lists, and Contact `*`.

import { isSipError } from '../../../../runtime/sip/errors.js';
import { parseContacts, parseNameAddr, parseNameAddrList, tagOf } from '../../../../runtime/sip/headers/name-addr.js';
import { paramValue } from '../../../../runtime/sip/headers/scan.js';

describe('name-addr', () => {
  it('reads a quoted display name with escapes, the URI and the tag', () => {
    const v = parseNameAddr(' "Alice \\"Al\\" L\u00c3\u00b6w" <sip:alice@example.test;transport=tcp> ;tag=88sja8x ; x=1', 'From');
    expect(v).toMatchObject({ displayName: 'Alice "Al" Löw', uriText: 'sip:alice@example.test;transport=tcp', bracketed: true });
    expect(!isSipError(v) && tagOf(v)).toBe('88sja8x');
  });

  it('reads a token display name and spaces inside <...>', () => {
    expect(parseNameAddr('Bob Smith < sip:bob@example.test >', 'To')).toMatchObject({ displayName: 'Bob Smith', uriText: 'sip:bob@example.test' });
  });

  it('gives the parameters after an addr-spec to the header, not the URI', () => {
    const v = parseNameAddr('sip:+12125551212@example.test;user=phone;tag=1', 'To');
    expect(v).toMatchObject({ uriText: 'sip:+12125551212@example.test', bracketed: false });
    expect(!isSipError(v) && paramValue(v.params, 'user')).toBe('phone');
  });

  it('splits lists at commas outside quotes and brackets', () => {
    const list = parseNameAddrList('<sip:a.test;lr>, "x,y" <sip:b.test;lr?h=1,2>,sip:c.test', 'Route');
    expect(isSipError(list) ? list.reason : list.map((v) => v.uriText)).toEqual(['sip:a.test;lr', 'sip:b.test;lr?h=1,2', 'sip:c.test']);
  });

  it('reads Contact values with expires and q, and the lone `*`', () => {
    const contacts = parseContacts('<sip:a@127.0.0.1>;expires=60;q=0.7, <sip:b@127.0.0.1>');
    expect(isSipError(contacts) || contacts === '*' ? contacts : contacts.map((c) => [paramValue(c.params, 'expires'), paramValue(c.params, 'q')])).toEqual([
      ['60', '0.7'],
      [undefined, undefined],
    ]);
    expect(parseContacts(' * ')).toBe('*');
  });

  it.each([
    ['an unterminated quote', '"Alice <sip:a@b>'],
    ['a missing >', 'Alice <sip:a@b'],
    ['a display name without <...>', 'Alice sip:a@b'],
    ['URI headers outside <...>', 'sip:a@b?subject=x'],
    ['an empty URI', '<>'],
    ['text after the value', '<sip:a@b> junk'],
  ])('rejects %s', (_, value) => {
    const v = parseNameAddr(value, 'From');
    expect(isSipError(v) && v.reason).toMatch(/^bad From/);
  });
});
