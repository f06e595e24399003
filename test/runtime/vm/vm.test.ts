// The VM against Kamailio 5.6's behaviour. Every expected value in the tables
// below was read from a real Kamailio running the same expression (xlog of
// `$var(a) = EXPR;` on one OPTIONS request), not from siprc.

import fc from 'fast-check';
import { lowerScript } from '../../../compiler/lower.js';
import type { CommandConstant, PvConstant } from '../../../runtime/bytecode/program.js';
import type { Format } from '../../../runtime/pv/format.js';
import { VmError, type KeywordTest, type VmHost } from '../../../runtime/vm/host.js';
import { Vm, type RunResult, type VmOptions } from '../../../runtime/vm/vm.js';
import type { Value } from '../../../runtime/vm/values.js';
import { checkText, settledNow } from '../../helpers.js';

const HEADER = 'loadmodule "tm.so"\nloadmodule "sl.so"\nloadmodule "textops.so"\nloadmodule "pv.so"\n';

/** A host with $var/$avp storage, `is_method` for an OPTIONS request, and a log of core calls. */
class TestHost implements VmHost {
  readonly vars = new Map<string, Value>();
  readonly calls: string[] = [];
  rc = 1;
  getPv({ text }: PvConstant): Value {
    if (text.startsWith('$var(')) return this.vars.get(text) ?? 0;
    return this.vars.get(text) ?? null;
  }
  setPv({ text }: PvConstant, value: Value): void {
    this.vars.set(text, value);
  }
  format(format: Format): string {
    return format.text;
  }
  testKeyword(test: KeywordTest, operand: Value): boolean {
    return test.keyword === 'method' && String(operand) === 'OPTIONS';
  }
  callCore(name: string, args: readonly Value[]): number {
    this.calls.push(`${name}(${args.join(',')})`);
    return 1;
  }
  callCommand({ name }: CommandConstant, args: readonly unknown[]): number {
    if (name === 't_relay') throw new Error('t_relay exploded');
    if (name === 'is_method') return args[0] === 'OPTIONS' ? 1 : -1;
    this.calls.push(`${name}(${args.join(',')})`);
    return 1;
  }
}

function run(body: string, routes = '', options: VmOptions = {}): { host: TestHost; result: RunResult } {
  const checked = checkText(`${HEADER}request_route {\n${body}\n}\n${routes}`);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const host = new TestHost();
  const program = lowerScript(checked);
  const result = settledNow(new Vm(program, host, options).run(program.routes.findIndex((r) => r.kind === 'request' && r.name === undefined)));
  return { host, result };
}

function value(expr: string, setup = ''): Value {
  return run(`${setup}\n$var(a) = ${expr};`).host.vars.get('$var(a)')!;
}

describe('expressions, as Kamailio evaluates them', () => {
  it.each([
    ['"10" + 5', '105'],
    ['-7 / 2', -3],
    ['-7 mod 3', -1],
    ['(2 && 3)', 1],
    ['($var(c) = 0) + 5', 6],
    ['($var(c) = 7) + 5', 6],
    ['!($var(c) = 0)', 0],
    ['(2 && 0)', 0],
    ['(2 && -5)', 1],
    ['(0 && 5)', 0],
    ['(-5 && 7)', 1],
    ['(0 || 5)', 1],
    ['(-1 || 0)', 1],
    ['(-1 || -2)', 1],
    ['!-5', 0],
    ['!0', 1],
    ['!3', 0],
    ['("abc" == "ABC")', 0],
    ['("abc" =~ "B")', 1],
    ['("05" == 5)', 0],
    ['("a" != "b")', 1],
    ['strlen("hello")', 5],
    ['(1 << 3) | 1', 9],
    ['~0', -1],
    ['-8 >> 1', -4],
    ['(int)"12abc"', 0],
    ['(str)12 + 3', '123'],
    ['strempty("")', 1],
    ['strempty("x")', 0],
    ['defined $null', 0],
    ['(10 > 9)', 1],
    ['(5 ieq 5)', 1],
    ['("a" eq "a")', 1],
  ])('%s is %p', (expr, expected) => {
    expect(value(expr)).toBe(expected);
  });

  it.each([
    ['($var(neg) && 1)', -1],
    ['($var(m) && 2)', 1],
    ['($var(m) || 0)', -3],
    ['(2 && $var(m))', 1],
    ['is_method("INVITE")', -1],
    ['is_method("OPTIONS")', 1],
    ['(is_method("INVITE") && 1)', -1],
    ['(is_method("INVITE") || 0)', -1],
    ['!is_method("INVITE")', 1],
    ['!$var(m) == 1', 0],
    ['!$var(m) + 3', 3],
  ])('%s is %p with pseudo-variables and commands', (expr, expected) => {
    expect(value(expr, '$var(neg) = -1; $var(m) = -3;')).toBe(expected);
  });
});

describe('conditions, as Kamailio decides them', () => {
  it.each([
    ['$var(neg)', false],
    ['$var(zero)', false],
    ['$var(pos)', true],
    ['$var(s)', false],
    ['$var(sz)', false],
    ['"5"', true],
    ['-1', false],
    ['$null', false],
    ['!$var(neg)', false],
    ['$var(m) && 2', true],
    ['is_method("INVITE") || is_method("BYE")', false],
    ['is_method("INVITE") && is_method("OPTIONS")', false],
    ['$var(m) || 0', false],
    ['$var(m) || $var(m)', true],
    ['is_method("INVITE") || $var(m) == -3', true],
    ['!is_method("INVITE") && $var(m)', true],
    ['method == "OPTIONS"', true],
    ['!method == "OPTIONS"', false],
    ['!$var(pos) == 1', false],
  ])('if (%s) is %p', (condition, expected) => {
    const setup = '$var(neg) = -1; $var(zero) = 0; $var(pos) = 2; $var(s) = "abc"; $var(sz) = "0"; $var(m) = -3;';
    expect(run(`${setup}\nif (${condition}) { $var(r) = 1; } else { $var(r) = 0; }`).host.vars.get('$var(r)')).toBe(expected ? 1 : 0);
  });
});

describe('conditions lowered as jumps', () => {
  // `if` and `while` test !, && and || with jumps, making no 1 or 0; the
  // value of the same expression (made with 1 and 0, as checked against
  // Kamailio above) must decide the same way.
  const leaf = fc.constantFrom('$var(neg)', '$var(zero)', '$var(pos)', '$var(s)', 'is_method("OPTIONS")', 'is_method("INVITE")', '-1', '0', '1', '2');
  const condition = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      tie('expr').map((e) => `!(${e})`),
      fc.tuple(tie('expr'), fc.constantFrom('&&', '||'), fc.oneof(tie('expr'), fc.constantFrom('0', '1'))).map(([a, op, b]) => `(${a} ${op} ${b})`),
    ),
  })).expr;

  it('decides as the value of the condition does', () => {
    fc.assert(
      fc.property(condition, (c) => {
        const { host } = run(
          `$var(neg) = -1; $var(zero) = 0; $var(pos) = 2; $var(s) = "abc";\n` +
            `$var(v) = ${c};\nif ($var(v)) { $var(ref) = 1; } else { $var(ref) = 0; }\n` +
            `if (${c}) { $var(r) = 1; } else { $var(r) = 0; }\n` +
            `$var(n) = 0; while (${c}) { $var(n) = 1; break; }`,
        );
        expect(host.vars.get('$var(r)')).toBe(host.vars.get('$var(ref)'));
        expect(host.vars.get('$var(n)')).toBe(host.vars.get('$var(ref)'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('statements and return codes', () => {
  it('gives route() the route return value, in $rc too, and a route running off its end the code of its last action', () => {
    const { host } = run('route(R1); $var(a) = $rc; $var(b) = route(R1); route(R2); $var(c) = $rc;', 'route[R1] { return -7; }\nroute[R2] { is_method("INVITE"); }');
    expect([host.vars.get('$var(a)'), host.vars.get('$var(b)'), host.vars.get('$var(c)')]).toEqual([-7, -7, -1]);
  });

  it('gives 1 for a route whose last action is an assignment, whatever $rc was (Kamailio 5.6: rc=1 after route(ASSIGN) as the first action)', () => {
    const { host, result } = run('route(ASSIGN); $var(a) = $rc; route(R1); route(ASSIGN); $var(b) = $rc;', 'route[ASSIGN] { $var(x) = 1; }\nroute[R1] { return -7; }');
    expect(result.ended).toBe('return');
    expect([host.vars.get('$var(a)'), host.vars.get('$var(b)')]).toEqual([1, 1]);
  });

  it('stops the script on exit, drop, return 0 from a route, and a command returning 0', () => {
    expect(run('exit; $var(x) = 1;').result.ended).toBe('exit');
    expect(run('drop;').result.ended).toBe('drop');
    const stopped = run('route(Z); $var(x) = 1;', 'route[Z] { return 0; }');
    expect(stopped.result.ended).toBe('exit');
    expect(stopped.host.vars.has('$var(x)')).toBe(false);
  });

  it('runs the unnamed blocks of a kind one after the other, as one route: a return in the first ends them all', () => {
    const joined = run('$var(a) = 1;', 'route { $var(b) = 2; }\nrequest_route { $var(c) = 3; }');
    expect(['$var(a)', '$var(b)', '$var(c)'].map((v) => joined.host.vars.get(v))).toEqual([1, 2, 3]);
    const returned = run('$var(a) = 1; return;', 'route { $var(b) = 2; }');
    expect(returned.result).toEqual({ ended: 'return', code: 1 });
    expect(returned.host.vars.has('$var(b)')).toBe(false);
  });

  it('calls the request route for a run-time route name "0", but not for "00" (Kamailio 5.6: rc=5 after route($var(x)) with "0"; "00" not found)', () => {
    const reentered = 'if ($var(d) == 1) { return 5; }\n$var(d) = 1;';
    const { host } = run(`${reentered} $var(x) = "0"; route($var(x)); $var(a) = $rc; $var(b) = route($var(x));`);
    expect([host.vars.get('$var(a)'), host.vars.get('$var(b)')]).toEqual([5, 5]);
  });

  it('logs a run-time route name that names no route and goes on, the call false and $rc 0 (Kamailio 5.6: "route not found", then rc=0, also after an action that gave 1, and the condition false)', () => {
    const errors: string[] = [];
    const { host, result } = run('$var(x) = "00"; route($var(x)); $var(a) = $rc; setflag(1); if (route($var(x))) { $var(b) = "true"; } else { $var(b) = "false"; } $var(c) = $rc;', '', { onError: (m) => errors.push(m) });
    expect([host.vars.get('$var(a)'), host.vars.get('$var(b)'), host.vars.get('$var(c)')]).toEqual([0, 'false', 0]);
    expect(result.ended).toBe('return');
    expect(errors).toEqual(['route "00" is not defined: the call gives -10', 'route "00" is not defined: the call gives -10']);
  });

  it('returns 1 from a bare return', () => {
    expect(run('return;').result).toEqual({ ended: 'return', code: 1 });
  });

  it('loops, switches with fall-through and breaks', () => {
    const { host } = run(
      `$var(i) = 0; $var(n) = 0;
       while ($var(i) < 5) { $var(i) = $var(i) + 1; if ($var(i) == 4) break; }
       switch ("abc") { case "x": $var(n) = 1; case "abc": $var(n) = $var(n) + 10; case "y": $var(n) = $var(n) + 100; break; default: $var(n) = 1000; }
       switch ("zz") { case /"^Z": $var(z) = "matched"; break; default: $var(z) = "default"; }`,
    );
    expect([host.vars.get('$var(i)'), host.vars.get('$var(n)'), host.vars.get('$var(z)')]).toEqual([4, 110, 'matched']);
  });

  it('passes arguments to core functions and module commands', () => {
    const { host } = run('setflag(3); sl_send_reply("404", "Not Here");');
    expect(host.calls).toEqual(['setflag(3)', 'sl_send_reply(404,Not Here)']);
  });

  it('reports a run-time error with the route stack', () => {
    try {
      run('route(D);', 'route[D] { $var(z) = 0; $var(a) = 1 / $var(z); }');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(VmError);
      expect((e as VmError).message).toBe('division by zero');
      expect((e as VmError).routes).toEqual(['request', 'request[D]']);
    }
  });

  it('turns an exception thrown by a command into a run-time error at the call, with the route stack', () => {
    try {
      run('route(D);', 'route[D] { append_hf("X: 1\\r\\n"); t_relay(); }');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(VmError);
      expect((e as VmError).message).toBe('t_relay exploded');
      expect((e as VmError).routes).toEqual(['request', 'request[D]']);
      expect((e as VmError).pc).toBeGreaterThan(0);
    }
  });

  it('leaves a runaway while loop after max_while_loops iterations with $rc 0, and goes on (Kamailio: i=5 rc=0 for a limit of 5)', () => {
    const checked = checkText(`${HEADER}request_route {\n$var(i) = 0;\nwhile (1) { $var(i) = $var(i) + 1; }\n$var(rc) = $rc;\n$var(j) = 0;\nwhile ($var(j) < 3) { $var(j) = $var(j) + 1; }\n}\n`);
    const host = new TestHost();
    const errors: string[] = [];
    const program = lowerScript(checked);
    new Vm(program, host, { maxWhileLoops: 5, onError: (m) => errors.push(m) }).run(0);
    expect([host.vars.get('$var(i)'), host.vars.get('$var(rc)'), host.vars.get('$var(j)')]).toEqual([5, 0, 3]);
    expect(errors).toEqual(['runaway while loop: more than 5 iterations']);
  });

  it('stops endless recursion at the limit', () => {
    expect(() => run('route(L);', 'route[L] { route(L); }')).toThrow('route calls nested deeper than 256');
  });
});
