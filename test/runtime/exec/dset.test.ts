// The destination set as a redirect's Contact header, with rich redirect
// flags and paths. Expected lines recorded from Kamailio 5.6.3's sl replies
// (rich_redirect 3) for the same Request-URI and branches.

import { ExecContext } from '../../../runtime/exec/context.js';
import { destinationSetContact, formatQ, RICH_FLAGS, RICH_PATH } from '../../../runtime/exec/dset.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';

function context(): ExecContext {
  const m = SipMessage.parse(Buffer.from('INVITE sip:c302e@127.0.0.1:27360 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bK1\r\nCall-ID: d\r\nCSeq: 1 INVITE\r\n\r\n', 'latin1'));
  if (isSipError(m)) throw new Error(m.reason);
  return new ExecContext(m, { address: '127.0.0.1', port: 27370 }, 'udp', { socket: { address: '127.0.0.1', port: 27360 }, names: [] });
}

const branch = (uri: string, path: string | undefined, q: number, flags = 0) => ({ uri, destination: undefined, path, q, flags, socket: undefined });

describe('destinationSetContact', () => {
  it('lists the rewritten Request-URI, then the branches, with flags and escaped paths', () => {
    const ctx = context();
    ctx.edits.requestUri = 'sip:changed@127.0.0.1';
    ctx.branchFlags = 32;
    ctx.branches.push(branch('sip:b1@127.0.0.2', "<sip:a@b;lr;x=y?z&w=1>, <sip:c%20d e/h[i]j{k}l|m^n~o`p'q(r)s*t!u+w#x>", -1), branch('sip:b2@h', 'abc', 300));
    expect(destinationSetContact(ctx, RICH_FLAGS | RICH_PATH)).toBe(
      'Contact: <sip:changed@127.0.0.1>;flags=32, ' +
        "<sip:b1@127.0.0.2?Route=%3csip:a%40b%3blr%3bx%3dy%3fz&w%3d1%3e%2c%20%3csip:c%2520d%20e/h[i]j%7bk%7dl%7cm%5en~o%60p'q(r)s*t!u+w%23x%3e>;flags=0, " +
        '<sip:b2@h?Route=abc>;q=0.3;flags=0\r\n',
    );
    expect(destinationSetContact(ctx, 0)).toBe('Contact: <sip:changed@127.0.0.1>, <sip:b1@127.0.0.2>, <sip:b2@h>;q=0.3\r\n');
  });

  it('adds the path after URI headers the branch already has, and nothing for an empty set', () => {
    const ctx = context();
    expect(destinationSetContact(ctx, RICH_PATH)).toBeUndefined();
    ctx.branches.push(branch('sip:b1@127.0.0.2', undefined, 500), branch('sip:b1@127.0.0.2;a=b?x=y', '<sip:p@q>', -1));
    expect(destinationSetContact(ctx, RICH_FLAGS | RICH_PATH)).toBe('Contact: <sip:b1@127.0.0.2>;q=0.5;flags=0, <sip:b1@127.0.0.2;a=b?x=y?Route=%3csip:p%40q%3e>;flags=0\r\n');
  });

  it('writes q values as Kamailio does', () => {
    expect([1000, 0, 500, 250, 1, 300, 123, 50].map(formatQ)).toEqual(['1', '0', '0.5', '0.25', '0.001', '0.3', '0.123', '0.05']);
  });
});
