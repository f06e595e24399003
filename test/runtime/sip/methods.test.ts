// The known request methods as shared strings: what methodAt gives for
// known and other methods (case-sensitive), and isKnownMethod.

import { isKnownMethod, methodAt, sharedMethod } from '../../../runtime/sip/methods.js';

describe('methodAt', () => {
  it.each([
    ['INVITE sip:a@b SIP/2.0', 0, 6, 'INVITE'],
    ['314 BYE', 4, 7, 'BYE'],
    ['xREGISTERx', 1, 9, 'REGISTER'],
    ['FOO sip:a@b SIP/2.0', 0, 3, 'FOO'],
    ['invite', 0, 6, 'invite'],
    ['INVITES', 0, 7, 'INVITES'],
    ['INV', 0, 3, 'INV'],
  ])('reads %j [%i, %i) as %j', (text, start, end, method) => {
    expect(methodAt(text, start, end)).toBe(method);
  });
});

describe('isKnownMethod and sharedMethod', () => {
  it('know the methods Kamailio numbers, in upper case only', () => {
    for (const name of ['INVITE', 'CANCEL', 'ACK', 'BYE', 'INFO', 'REGISTER', 'SUBSCRIBE', 'NOTIFY', 'MESSAGE', 'OPTIONS', 'PRACK', 'UPDATE', 'REFER', 'PUBLISH', 'KDMQ', 'GET', 'POST', 'PUT', 'DELETE']) {
      expect(isKnownMethod(name)).toBe(true);
      expect(sharedMethod(name)).toBe(name);
    }
    for (const name of ['invite', 'FOO', '', 'INVITEX']) expect(isKnownMethod(name)).toBe(false);
    expect(sharedMethod('FOO')).toBe('FOO');
  });
});
