import type { Expr, RouteBlock, Statement } from '../../grammar/ast.js';
import { parseText } from '../helpers.js';

function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'pv':
    case 'select':
    case 'address':
      return e.text;
    case 'word':
      return e.parenthesized ? `[${e.name}]` : e.name;
    case 'socket':
      return e.parts.map(show).join(':');
    case 'unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'call':
      return `${e.call.name}(${e.call.args.map(show).join(', ')})`;
    case 'block':
      return `{${e.body.length}}`;
    case 'assign':
      return `(${show(e.target)} = ${show(e.value)})`;
  }
}

function condition(text: string): string {
  const parsed = parseText(`request_route { if (${text}) drop; }`);
  expect(parsed.diagnostics).toEqual([]);
  const route = parsed.script.items[0] as RouteBlock;
  return show((route.body[0] as Extract<Statement, { kind: 'if' }>).condition);
}

function syntaxErrors(text: string): string[] {
  const parsed = parseText(text);
  return parsed.diagnostics.map((d) => `${d.code}@${parsed.sources.describe(d.span).replace('test.cfg:', '')} ${d.message}`);
}

describe('expressions', () => {
  it.each([
    ['$a || $b && $c', '($a || ($b && $c))'],
    ['$a | $b & $c', '($a | ($b & $c))'],
    ['$a & $b ^ $c', '($a & ($b ^ $c))'],
    ['$a == 1 && $b != 2', '(($a == 1) && ($b != 2))'],
    ['$a + 1 == $b * 2', '(($a + 1) == ($b * 2))'],
    ['$a - 1 - 2', '(($a - 1) - 2)'],
    ['$a mod 3 + 1', '(($a mod 3) + 1)'],
    ['!$a == 1', '((! $a) == 1)'],
    ['defined $a && -$b < 0', '((defined $a) && ((- $b) < 0))'],
    ['(int)$a + (str)$b', '(((int) $a) + ((str) $b))'],
    ['strlen($a) > 3 and not strempty($b)', '((strlen $a) > 3) && (! (strempty $b)))'.replace(/^/, '(')],
    ['$a =~ "x" or $b eq "y"', '(($a =~ "x") || ($b eq "y"))'],
    ['uri == myself', '(uri == myself)'],
    ['src_ip == 10.0.0.0/8', '(src_ip == 10.0.0.0/8)'],
    ['src_ip == sip.example-1.com', '(src_ip == sip.example-1.com)'],
    ['$x - y', '($x - y)'],
    ['is_method("INVITE") && t_check_trans()', '(is_method("INVITE") && t_check_trans())'],
    ['msg:len > 4096', '(msg:len > 4096)'],
    // Kamailio gives `>>` a higher precedence than `<<` (separate %left lines in its grammar).
    ['$a << 2 >> 1', '($a << (2 >> 1))'],
    ['!uri == myself && !method == "ACK"', '((! (uri == myself)) && (! (method == "ACK")))'],
    ['$a = 5', '($a = 5)'],
    ['($a = 2) + 1 > 2', '((($a = 2) + 1) > 2)'],
  ])('%s', (text, expected) => {
    expect(condition(text)).toBe(expected);
  });
});

// How Kamailio 5.6 binds prefixes, read from running it: a keyword comparison
// is one element, so every prefix written before the keyword applies to the
// whole comparison; before any other operand a prefix binds tighter than `==`.
// A keyword in parentheses is not a comparison's keyword side (brackets mark it).
describe('prefixes before keyword comparisons', () => {
  it.each([
    ['!uri==myself', '(! (uri == myself))'],
    ['!method=="ACK"', '(! (method == "ACK"))'],
    ['!src_ip==backup.foo.bar', '(! (src_ip == backup.foo.bar))'],
    ['!status=="200"', '(! (status == "200"))'],
    ['!src_port==5060', '(! (src_port == 5060))'],
    ['!proto==UDP', '(! (proto == UDP))'],
    ['!af==INET', '(! (af == 2))'],
    ['!from_uri=~"^sip:a"', '(! (from_uri =~ "^sip:a"))'],
    ['!msg:len>100', '(! (msg:len > 100))'],
    ['!!method == "ACK"', '(! (! (method == "ACK")))'],
    ['~method == "ACK"', '(~ (method == "ACK"))'],
    ['-src_port == 5', '(- (src_port == 5))'],
    ['!-src_port == 5', '(! (- (src_port == 5)))'],
    ['(int)src_port == 5', '((int) (src_port == 5))'],
    ['!method == "A" + "B"', '(! (method == ("A" + "B")))'],
    ['!method == "A" == 0', '((! (method == "A")) == 0)'],
    ['!method == "A" || 0', '((! (method == "A")) || 0)'],
    ['defined method == "A"', '((defined method) == "A")'],
    ['!$var(a) == 1', '((! $var(a)) == 1)'],
    ['!strlen($rU) == 3', '((! (strlen $rU)) == 3)'],
    ['(!method) == "A"', '((! method) == "A")'],
    ['!(method) == "A"', '((! [method]) == "A")'],
    ['(uri) == myself', '([uri] == myself)'],
  ])('%s', (text, expected) => {
    expect(condition(text)).toBe(expected);
  });
});

describe('statements and blocks', () => {
  it('builds every route block kind with its name', () => {
    const parsed = parseText(
      'route { exit; } route[A] { return 1; } failure_route[F] {} onreply_route[R] {} onreply_route {} reply_route {} ' +
        'branch_route[B] {} onsend_route {} event_route[xhttp:request] {} route["quoted"] {} route[7] {}',
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.script.items.map((i) => (i.kind === 'route' ? `${i.route}:${i.name ?? ''}` : i.kind))).toEqual([
      'request:', 'request:A', 'failure:F', 'onreply:R', 'onreply:', 'reply:', 'branch:B', 'onsend:', 'event:xhttp:request', 'request:quoted', 'request:7',
    ]);
  });

  it('builds if/else chains, switch, while, assignments and bare calls', () => {
    const parsed = parseText(`request_route {
      if ($a) { x(); } else if ($b) y(); else { z(); }
      switch ($rU) { case "1": break; case /"^2": exit; default: drop; }
      while ($i < 3) { $i = $i + 1; }
      force_rport;
      return;
    }`);
    expect(parsed.diagnostics).toEqual([]);
    const body = (parsed.script.items[0] as RouteBlock).body;
    expect(body.map((s) => s.kind)).toEqual(['if', 'switch', 'while', 'call', 'return']);
    const sw = body[1] as Extract<Statement, { kind: 'switch' }>;
    expect(sw.cases.map((c) => [c.label ? show(c.label) : 'default', c.regex])).toEqual([['"1"', false], ['"^2"', true], ['default', false]]);
    const bare = body[3] as Extract<Statement, { kind: 'call' }>;
    expect(bare.call.parens).toBe(false);
  });

  it('reads global parameters, including sockets and custom cfg variables', () => {
    const parsed = parseText(
      'listen=udp:127.0.0.1:5060 advertise 203.0.113.1:5060\nlisten=tcp:[::1]:5061\nalias="a.test" b.test:5060\ndebug=-1\n' +
        'pstn.gw_ip = "" desc "PSTN GW"\nlog_facility=LOG_LOCAL0\nloadmodule "tm.so"\nmodparam("tm", "fr_timer", 30000)\nflags FLT_A, FLT_B:5;\n',
    );
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.script.items.map((i) => i.kind)).toEqual(['global', 'global', 'global', 'global', 'cfgvar', 'global', 'loadmodule', 'modparam', 'flags']);
    const cfg = parsed.script.items[4]!;
    expect(cfg.kind === 'cfgvar' && [cfg.group, cfg.name, cfg.description]).toEqual(['pstn', 'gw_ip', 'PSTN GW']);
    const alias = parsed.script.items[2]!;
    expect(alias.kind === 'global' && alias.value.length).toBe(2);
  });

  it('reads proto:host:port call arguments', () => {
    const parsed = parseText('request_route { force_send_socket(udp:10.0.0.1:5060); forward(uri:host, uri:port); }');
    expect(parsed.diagnostics).toEqual([]);
    const calls = (parsed.script.items[0] as RouteBlock).body.map((s) => (s.kind === 'call' ? s.call.args.map(show).join(',') : ''));
    expect(calls).toEqual(['udp:10.0.0.1:5060', 'uri:host,uri:port']);
  });
});

describe('syntax errors', () => {
  it('reports a missing semicolon at the next token, as Kamailio does', () => {
    expect(syntaxErrors('request_route {\n  forward()\n  drop;\n}\n')).toEqual(['E0302@3:3 missing `;` before `drop`']);
  });

  it('reports every error in one run, without cascades', () => {
    const errors = syntaxErrors('request_route {\n  a(;\n  b();\n  if ($x == ) {\n  c();\n  }\n}\nroute[X] {\n  d()\n}\n');
    expect(errors.map((e) => e.split(' ')[0])).toEqual(['E0301@2:5', 'E0301@4:13', 'E0302@10:1']);
  });

  it('reports a missing closing brace at the end of the script', () => {
    expect(syntaxErrors('request_route {\n  drop;\n')).toEqual(['E0301@2:8 expected `}` but found the end of the script']);
  });

  it('names the define a bad token came from', () => {
    const parsed = parseText('#!define BAD ]\nrequest_route { x(BAD); }');
    expect(parsed.diagnostics.map((d) => d.notes.map((n) => n.message))).toEqual([['this comes from a #!define: ]']]);
  });
});
