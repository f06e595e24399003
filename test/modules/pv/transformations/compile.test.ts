// Compiling transformation uses: what Kamailio 5.6.3 refuses at start-up is
// a FixupError here, parameters read from pseudo-variables are checked per
// message (an integer parameter needs an integer, a text one a non-empty
// value), and the few uses siprc refuses although Kamailio takes them.
// Results were recorded from the real Kamailio 5.6.3 ($var parameters).

import { FixupError } from '../../../../modules/api.js';
import { compile, type Param } from '../../transformation-helpers.js';

describe('compiling transformations', () => {
  it.each([
    ['s.bogus', []],
    ['s.sha1', []],
    ['s.crc32', []],
    ['s.len', ['1']],
    ['s.count', []],
    ['s.substr', ['1', '-1']],
    ['s.substr', ['a', '1']],
    ['s.strip', ['1x']],
    ['s.prefixes', ['1', '2']],
    ['s.select', ['1', 'ab']],
    ['s.select', ['1', '\\s']],
    ['s.select', ['1', '']],
    ['s.fmtlines', ['-1', '2']],
    ['uri.param', []],
    ['uri.duri', ['1']],
    ['s.rbefore', []],
    ['urialias.encode', ['x']],
    ['param.count', [';;']],
    ['param.value', ['a', { pv: ';' }]],
    ['nameaddr.name', ['1']],
    ['re.subst', ['/l/L/x']],
    ['re.subst', ['/l/L']],
    ['re.subst', ['ab']],
    ['re.subst', ['/(/x/']],
    ['re.subst', [' /l/x/']],
  ] as Array<[string, Param[]]>)('%s %j is refused', (name, params) => {
    expect(() => compile(name, params)).toThrow(FixupError);
  });

  it('matches method names case-insensitively, as Kamailio does', () => {
    expect(compile('s.LEN')('abc')).toBe(3);
  });

  it('skips blanks around a number and after its sign', () => {
    expect(compile('s.strip', [' 1 '])('hello')).toBe('ello');
    expect(compile('s.substr', ['- 1', '0'])('hello')).toBe('o');
  });

  it.each([
    ['s.substr', [{ pv: 1 }, { pv: 2 }], 'hello', 'el'],
    ['s.substr', [{ pv: '1' }, { pv: 2 }], 'hello', null],
    ['s.substr', [{ pv: null }, '1'], 'hello', null],
    ['s.strip', [{ pv: 3 }], 'hello', 'lo'],
    ['s.stripto', [{ pv: 'l' }], 'hello', 'llo'],
    ['s.count', [{ pv: 'l' }], 'hello', 2],
    ['s.stripto', [{ pv: '' }], 'hello', null],
    ['s.stripto', [{ pv: 3 }], 'h3llo', '3llo'],
    ['s.count', [{ pv: 3 }], 'h3llo', 1],
    ['s.fmtlines', [{ pv: 2 }, { pv: 1 }], 'abcdef', 'a\r\n bcdef'],
    ['s.prefixes', [{ pv: 2 }], 'abcdef', 'a,ab'],
    ['s.select', [{ pv: 1 }, 'c'], 'abcdef', 'def'],
    ['uri.param', [{ pv: 'x' }], 'sip:a@b;x=1', '1'],
    ['param.value', [{ pv: 'b' }], 'a=1;b=2', '2'],
    ['param.valueat', [{ pv: 1 }], 'a=1;b=2', '2'],
    ['param.count', [{ pv: ';' }], 'a=1;b=2', 2],
    ['re.subst', [{ pv: '/b/Z/' }], 'abc', 'aZc'],
    ['re.subst', [{ pv: 'bad' }], 'abc', null],
  ] as Array<[string, Param[], string, string | number | null]>)('%s %j on %j gives %j', (name, params, input, expected) => {
    expect(compile(name, params)(input)).toEqual(expected);
  });

  it.each([
    // Kamailio loops forever on an empty search text (or until its buffer is full).
    ['s.replace', ['', 'x']],
    ['s.rm', ['']],
    // Pseudo-variables inside a substitution's replacement need the fixup pass's help.
    ['re.subst', ['/l/$var(x)/']],
  ] as Array<[string, Param[]]>)('siprc refuses %s %j, which Kamailio accepts', (name, params) => {
    expect(() => compile(name, params)).toThrow(FixupError);
  });
});
