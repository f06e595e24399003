// Token lists (Require, Supported, Allow, ...), Event, Content-Type, Warning.

import { isSipError } from '../../../../runtime/sip/errors.js';
import { parseContentType, parseEvent, parseTokenList, parseWarnings } from '../../../../runtime/sip/headers/lists.js';

describe('list-like headers', () => {
  it('read token lists, an empty one included', () => {
    expect(parseTokenList('timer, 100rel ,replaces', 'Supported')).toEqual(['timer', '100rel', 'replaces']);
    expect(parseTokenList('  ', 'Supported')).toEqual([]);
    expect(parseTokenList('a b', 'Require')).toMatchObject({ reason: 'bad Require: "a b" is not a token' });
  });

  it('read Event and Content-Type with parameters', () => {
    expect(parseEvent('presence;id=7')).toEqual({ value: 'presence', params: [{ name: 'id', value: '7' }] });
    expect(parseContentType('multipart/mixed ; boundary="b 1"')).toEqual({ value: 'multipart/mixed', params: [{ name: 'boundary', value: '"b 1"' }] });
    expect(isSipError(parseContentType('application'))).toBe(true);
  });

  it('read Warning values', () => {
    expect(parseWarnings('301 isi.edu "Incompatible \\"x\\"", 399 127.0.0.1 "y"')).toEqual([
      { code: 301, agent: 'isi.edu', text: '"Incompatible \\"x\\""' },
      { code: 399, agent: '127.0.0.1', text: '"y"' },
    ]);
    expect(isSipError(parseWarnings('30 x "y"'))).toBe(true);
  });
});
