import { Scanner, isIPv6, type ScanItem } from '../../grammar/scanner.js';
import type { Diagnostic } from '../../grammar/diagnostics.js';

function scan(text: string): { items: ScanItem[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const scanner = new Scanner(text, 0, diagnostics);
  const items: ScanItem[] = [];
  for (let item = scanner.next(); item; item = scanner.next()) items.push(item);
  return { items, diagnostics };
}

/** `Type:image` for every token; directives as `#name`, includes as `include:arg`. */
function kinds(text: string): string[] {
  return scan(text).items.map((i) =>
    i.kind === 'token' ? `${i.token.tokenType.name}:${i.token.image}` : i.kind === 'directive' ? `#${i.name}` : `include:${i.argument}`,
  );
}

function values(text: string): Array<string | number> {
  return scan(text).items.flatMap((i) => (i.kind === 'token' ? [i.token.value] : []));
}

describe('scanner', () => {
  it.each([
    ['$ru', ['PseudoVariable:$ru']],
    ['$hdr(From)', ['PseudoVariable:$hdr(From)']],
    ['$(hdr(Via)[1])', ['PseudoVariable:$(hdr(Via)[1])']],
    ['$(ru{uri.user}{s.len})', ['PseudoVariable:$(ru{uri.user}{s.len})']],
    ['$sht(ipban=>$si)', ['PseudoVariable:$sht(ipban=>$si)']],
    ['$T_reply_code', ['PseudoVariable:$T_reply_code']],
    ['$?', ['PseudoVariable:$?']],
    ['@cfg_get.pstn.gw_ip', ['Select:@cfg_get.pstn.gw_ip']],
    ['10.0.0.1', ['IPv4:10.0.0.1']],
    ['10.0.0.0/8', ['IPv4:10.0.0.0/8']],
    ['::1', ['IPv6:::1']],
    ['2001:db8::5', ['IPv6:2001:db8::5']],
    ['udp:127.0.0.1:5060', ['Identifier:udp', 'Colon::', 'IPv4:127.0.0.1', 'Colon::', 'NumberLiteral:5060']],
    ['msg:len > 10', ['Identifier:msg:len', 'Greater:>', 'NumberLiteral:10']],
    ['a == b != c =~ d', ['Identifier:a', 'Equal:==', 'Identifier:b', 'NotEqual:!=', 'Identifier:c', 'Match:=~', 'Identifier:d']],
    ['x and y or not z mod 2', ['Identifier:x', 'LogAnd:and', 'Identifier:y', 'LogOr:or', 'Not:not', 'Identifier:z', 'Modulo:mod', 'NumberLiteral:2']],
    ['(int)$x (str)1', ['IntCast:(int)', 'PseudoVariable:$x', 'StrCast:(str)', 'NumberLiteral:1']],
    ['if else switch case default while break return exit drop', ['If:if', 'Else:else', 'Switch:switch', 'Case:case', 'Default:default', 'While:while', 'Break:break', 'Return:return', 'Exit:exit', 'Drop:drop']],
    ['event_route[tm:local-request]', ['EventRoute:event_route', 'LBracket:[', 'EventRouteName:tm:local-request', 'RBracket:]']],
    ['1and1', ['NumId:1and1']],
    ['a // comment\nb # comment\nc /* x /* nested */ y */ d', ['Identifier:a', 'Identifier:b', 'Identifier:c', 'Identifier:d']],
  ])('tokenises %s', (text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('reads a one-character operator at the very end of the text', () => {
    const { items } = scan('a &');
    expect(items.map((i) => (i.kind === 'token' ? [i.token.image, i.token.span.end] : i.kind))).toEqual([['a', 1], ['&', 3]]);
  });

  it('reads numbers in every base and the boolean words', () => {
    expect(values('10 0x1F 017 101b yes no on off true false inet inet6')).toEqual([10, 31, 15, 5, 1, 0, 1, 0, 1, 0, 2, 10]);
  });

  it('decodes string escapes and keeps unknown ones', () => {
    expect(values('"a\\tb\\n\\"q\\" \\x41\\101 \\1"')).toEqual(['a\tb\n"q" AA \\1']);
    expect(values("'raw \\n $x'")).toEqual(['raw \\n $x']);
  });

  it('joins adjacent double-quoted strings across white space', () => {
    const { items } = scan('"a;" \n\t "b"  "c" x');
    expect(items).toHaveLength(2);
    expect(items[0]!.kind === 'token' && items[0]!.token.value).toBe('a;bc');
  });

  it('reports directives with the rest of their line, and continuations for defines', () => {
    const { items } = scan('#!define A 1 \\\n 2\n!!ifdef A\n#!endif\n');
    expect(items.map((i) => (i.kind === 'directive' ? [i.name, i.rest] : i.kind))).toEqual([
      ['define', ' A 1  2'],
      ['ifdef', ' A'],
      ['endif', ''],
    ]);
  });

  it('reads include_file and import_file, with or without #!', () => {
    expect(kinds('include_file "a.cfg"\n#!import_file "b.cfg" x')).toEqual(['include:"a.cfg"', 'include:"b.cfg"', 'Identifier:x']);
  });

  it('reads an unknown #! directive as a comment, with a warning', () => {
    const { items, diagnostics } = scan('#!ifexp A > 1\nx');
    expect(items).toHaveLength(1);
    expect(diagnostics.map((d) => d.code)).toEqual(['W0101']);
  });

  it('does not mistake double negation for a directive', () => {
    expect(kinds('!!is_method("x")')).toEqual(['Not:!', 'Not:!', 'Identifier:is_method', 'LParen:(', 'StringLiteral:"x"', 'RParen:)']);
  });

  it.each([
    ['"open', 'E0201'],
    ["'open", 'E0201'],
    ['/* open', 'E0202'],
    ['$var(x', 'E0203'],
    ['a ` b', 'E0204'],
    ['%attr', 'E0205'],
  ])('reports %s as %s', (text, code) => {
    expect(scan(text).diagnostics.map((d) => d.code)).toEqual([code]);
  });

  it('recognises IPv6 addresses', () => {
    expect(['::', '::1', 'fe80::1', '1:2:3:4:5:6:7:8'].every(isIPv6)).toBe(true);
    expect(['1:2', 'abc', '1::2::3', '12345::1'].some(isIPv6)).toBe(false);
  });
});
