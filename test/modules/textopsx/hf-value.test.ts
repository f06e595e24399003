// textopsx's header value functions. Return codes and forwarded header lines
// recorded from Kamailio 5.6 with the same routes on the INVITE with the
// lines below added; designators Kamailio refuses at start-up are errors.

import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';
import { HEAD, headersOf, invite, run } from '../textops/run.js';

const EXTRA = ['X-M: a, b ,  c,d', 'X-P: <sip:a@h>;p1=1;p2, <sip:b@h>;p1=2', 'X-P: "Q, R" <sip:c@h>;p1=3', 'Authorization: Digest username="u", realm="r", nonce="n"'];
const MESSAGE = invite(EXTRA);

/** Runs the calls, logging each return code, and gives the codes and the forwarded lines the functions work on. */
function apply(calls: readonly string[]): { codes: string[]; lines: string[] } {
  const { logs, sent } = run(`${calls.map((c) => `${c}; xlog("$rc\\n");`).join(' ')} forward("127.0.0.1", 7462);`, MESSAGE);
  return { codes: logs, lines: headersOf(sent).filter((l) => /^(X-|Authorization|Supported|Require)/.test(l)) };
}

const UNTOUCHED = ['X-M: a, b ,  c,d', 'X-P: <sip:a@h>;p1=1;p2, <sip:b@h>;p1=2', 'X-P: "Q, R" <sip:c@h>;p1=3', 'Authorization: Digest username="u", realm="r", nonce="n"', 'Supported: path, 100rel'];

describe('append_hf_value, insert_hf_value', () => {
  it('add after a value, or a new line at the end', () => {
    expect(apply(['append_hf_value("X-Foo", "new")', 'append_hf_value("X-Foo[1]", "n1")', 'append_hf_value("X-Foo[-1]", "n2")', 'append_hf_value("X-M[2]", "B2")', 'append_hf_value("X-Foo[9]", "n3")', 'append_hf_value("X-New", "v1")'])).toEqual({
      codes: ['1', '1', '1', '1', '1', '1'],
      lines: ['X-M: a, b ,B2,  c,d', ...UNTOUCHED.slice(1), 'X-Foo: a,n1, b', 'X-Foo: c,n2', 'X-Foo: new', 'X-Foo: n3', 'X-New: v1'],
    });
  });

  it('add before a value, or a new line before the first of the name (at the end without one); -1 past the last value', () => {
    expect(apply(['insert_hf_value("X-Foo", "new")', 'insert_hf_value("X-Foo[2]", "n2")', 'insert_hf_value("X-M[9]", "z")', 'insert_hf_value("X-New", "v2")'])).toEqual({
      codes: ['1', '1', '-1', '1'],
      lines: [...UNTOUCHED, 'X-Foo: new', 'X-Foo: a,n2, b', 'X-Foo: c', 'X-New: v2'],
    });
  });
});

describe('remove_hf_value', () => {
  it('removes a value with a comma, or its line when it is alone', () => {
    expect(apply(['remove_hf_value("X-Foo")', 'remove_hf_value("X-M[2]")', 'remove_hf_value("X-Foo[-1]")', 'remove_hf_value("X-Nope")', 'remove_hf_value("X-Foo[7]")'])).toEqual({
      codes: ['1', '1', '1', '-1', '-1'],
      lines: ['X-M: a,  c,d', ...UNTOUCHED.slice(1), 'X-Foo:  b'],
    });
    expect(apply(['remove_hf_value("X-M[-1]")', 'remove_hf_value("X-M[1]")', 'remove_hf_value("X-P[*]")'])).toEqual({
      codes: ['1', '1', '1'],
      lines: ['X-M:  b ,  c', ...UNTOUCHED.slice(3), 'X-Foo: a, b', 'X-Foo: c'],
    });
  });

  it('removes parameters of one value or of all', () => {
    expect(apply(['remove_hf_value("X-P.p1")', 'remove_hf_value("X-P[3].p1")', 'remove_hf_value("X-P[1].p2")', 'remove_hf_value("X-P.nope")']).lines.slice(1, 3)).toEqual([
      'X-P: <sip:a@h>, <sip:b@h>;p1=2',
      'X-P: "Q, R" <sip:c@h>',
    ]);
    expect(apply(['remove_hf_value("X-P[*].p1")'])).toEqual({ codes: ['1'], lines: [UNTOUCHED[0], 'X-P: <sip:a@h>;p2, <sip:b@h>', 'X-P: "Q, R" <sip:c@h>', ...UNTOUCHED.slice(3), 'X-Foo: a, b', 'X-Foo: c'] });
  });
});

describe('assign_hf_value', () => {
  it('replaces a value, or sets a parameter (added when absent, bare when empty)', () => {
    expect(apply(['assign_hf_value("X-P", "gogo")', 'assign_hf_value("X-M[3]", "C")', 'assign_hf_value("X-P[2].p1", "9")', 'assign_hf_value("X-P[3].p3", "x")', 'assign_hf_value("X-Nope", "z")'])).toEqual({
      codes: ['1', '1', '1', '1', '-1'],
      lines: ['X-M: a, b ,  C,d', 'X-P: gogo, <sip:b@h>;p1=9', 'X-P: "Q, R" <sip:c@h>;p1=3;p3=x', ...UNTOUCHED.slice(3), 'X-Foo: a, b', 'X-Foo: c'],
    });
    expect(apply(['assign_hf_value("X-P[*].p2", "")', 'assign_hf_value("X-P[-1].p1", "")']).lines.slice(1, 3)).toEqual(['X-P: <sip:a@h>;p1=1;p2, <sip:b@h>;p1=2;p2', 'X-P: "Q, R" <sip:c@h>;p1;p2']);
  });
});

describe('remove_hf_value2, assign_hf_value2', () => {
  it('work on Authorization-like lines: comma-separated parameters after the scheme', () => {
    expect(apply(['remove_hf_value2("Authorization.realm")', 'assign_hf_value2("Authorization.nonce", "\\"zz\\"")', 'assign_hf_value2("Authorization.opaque", "\\"o\\"")', 'remove_hf_value2("Authorization.nope")'])).toEqual({
      codes: ['1', '1', '1', '-1'],
      lines: [...UNTOUCHED.slice(0, 3), 'Authorization: Digest username="u", nonce="zz",opaque="o"', UNTOUCHED[4], 'X-Foo: a, b', 'X-Foo: c'],
    });
    expect(apply(['remove_hf_value2("Authorization.nonce")', 'assign_hf_value2("Authorization.realm", "")']).lines[3]).toBe('Authorization: Digest username="u", realm');
  });

  it('take whole lines as values', () => {
    expect(apply(['remove_hf_value2("Authorization.username")', 'assign_hf_value2("X-P[2]", "new")', 'remove_hf_value2("X-Foo[-1]")'])).toEqual({
      codes: ['1', '1', '1'],
      lines: [UNTOUCHED[0], UNTOUCHED[1], 'X-P: new', 'Authorization: Digest  realm="r", nonce="n"', UNTOUCHED[4], 'X-Foo: a, b'],
    });
  });
});

describe('include_hf_value, exclude_hf_value, hf_value_exists', () => {
  it('treat the values as a set, case aside', () => {
    const calls = [
      'include_hf_value("Supported", "timer")',
      'include_hf_value("Supported", "PATH")',
      'exclude_hf_value("X-M", "c")',
      'exclude_hf_value("X-M", "nope")',
      'include_hf_value("Require", "timer")',
      'hf_value_exists("Supported", "100REL")',
      'hf_value_exists("X-M", " b ")',
      'hf_value_exists("X_M", "d")',
      'hf_value_exists("X-P", "<sip:b@h>;p1=2")',
    ];
    expect(apply(calls)).toEqual({
      codes: ['1', '1', '1', '1', '1', '1', '-1', '-1', '1'],
      lines: ['X-M: a, b ,d', ...UNTOUCHED.slice(1, 4), 'Supported: path, 100rel,timer', 'X-Foo: a, b', 'X-Foo: c', 'Require: timer'],
    });
    expect(apply(['exclude_hf_value("Supported", "path")', 'exclude_hf_value("X-Foo", "b")', 'exclude_hf_value("X-Foo", "c")']).lines.slice(4)).toEqual(['Supported:  100rel', 'X-Foo: a']);
  });
});

describe('header designators Kamailio refuses at start-up', () => {
  it('are script errors at the argument', () => {
    const calls = ['append_hf_value("X[*]", "a")', 'insert_hf_value("X.p", "a")', 'include_hf_value("X[1]", "a")', 'assign_hf_value("X[*]", "")', 'remove_hf_value("X[a]")', 'remove_hf_value("X.")'];
    const script = `${HEAD}request_route {\n${calls.map((c) => `  ${c};\n`).join('')}  remove_hf_value("X [ -2 ] . p");\n  assign_hf_value("X[*].p", "");\n}\n`;
    expect(codesOf(script, { modules: builtinModules })).toEqual(['E0607@8:19', 'E0607@9:19', 'E0607@10:20', 'E0607@11:19', 'E0607@12:19', 'E0607@13:19']);
  });
});
