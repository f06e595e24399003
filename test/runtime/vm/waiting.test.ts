// Commands that wait: a command returning a Promise suspends the run where
// it is, in nested routes and loops, and the run goes on from there once the
// Promise settles, with Kamailio's return-code semantics; where a run may
// not wait, such a command is a run-time error.

import { lowerScript } from '../../../compiler/lower.js';
import type { CommandConstant, PvConstant } from '../../../runtime/bytecode/program.js';
import type { Format } from '../../../runtime/pv/format.js';
import { VmError, type VmHost } from '../../../runtime/vm/host.js';
import { Vm, type RunResult } from '../../../runtime/vm/vm.js';
import type { Value } from '../../../runtime/vm/values.js';
import { checkText } from '../../helpers.js';

const HEADER = 'loadmodule "textops.so"\nloadmodule "pv.so"\n';

/** `search("N")` waits and gives N (a string starting with `!` rejects); every call is logged in order. */
class WaitingHost implements VmHost {
  readonly vars = new Map<string, Value>();
  readonly log: string[] = [];
  rc = 1;
  getPv({ text }: PvConstant): Value {
    if (text === '$rc') return this.rc;
    return this.vars.get(text) ?? 0;
  }
  setPv({ text }: PvConstant, value: Value): void {
    this.vars.set(text, value);
    this.log.push(`${text}=${value}`);
  }
  format(format: Format): string {
    return format.text;
  }
  testKeyword(): boolean {
    return false;
  }
  callCore(): number {
    return 1;
  }
  callCommand({ name }: CommandConstant, args: readonly unknown[]): number | Promise<number> {
    // search's pattern arrives compiled: the constant keeps its text.
    const arg = typeof args[0] === 'object' ? (args[0] as { text: string }).text.replace(/^regex:/, '') : String(args[0]);
    this.log.push(`${name}(${arg})`);
    if (name !== 'search') return 1;
    return new Promise((resolve, reject) => setTimeout(() => (arg.startsWith('!') ? reject(new Error(arg.slice(1))) : resolve(Number(arg))), 1));
  }
}

interface Waited {
  readonly host: WaitingHost;
  readonly result: RunResult | Promise<RunResult>;
  readonly trace: string[];
}

function start(script: string, canWait = true): Waited {
  const checked = checkText(`${HEADER}${script}`);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const program = lowerScript(checked);
  const host = new WaitingHost();
  const trace: string[] = [];
  const vm = new Vm(program, host, { canWait, onRoute: (event, route) => trace.push(`${event}|${route.name ?? route.kind}`) });
  return { host, result: vm.run(program.routes.findIndex((r) => r.kind === 'request' && r.name === undefined)), trace };
}

describe('commands that wait', () => {
  it('suspend a nested route and go on after it with the code as $rc and the call result', async () => {
    const run = start('request_route {\n route(A);\n $var(after) = $rc;\n}\nroute[A] {\n if (search("5")) { $var(in) = $rc; }\n $var(x) = 1;\n return 7;\n}\n');
    expect(run.result).toBeInstanceOf(Promise);
    expect(run.host.log).toEqual(['search(5)']);
    expect(await run.result).toEqual({ ended: 'return', code: 1 });
    expect(run.host.log).toEqual(['search(5)', '$var(in)=5', '$var(x)=1', '$var(after)=7']);
    expect(run.trace).toEqual(['start|request', 'start|A', 'return|A', 'return|request']);
  });

  it('wait again and again inside a loop', async () => {
    const run = start('request_route {\n $var(i) = 0;\n while ($var(i) < 3) { search("2"); $var(i) = $var(i) + 1; }\n return $var(i);\n}\n');
    expect(await run.result).toEqual({ ended: 'return', code: 3 });
    expect(run.host.log.filter((l) => l.startsWith('search'))).toHaveLength(3);
  });

  it('stop the script from a nested route when they give 0, as a command returning 0 does', async () => {
    const run = start('request_route {\n route(A);\n $var(never) = 1;\n}\nroute[A] {\n search("0");\n $var(never) = 2;\n}\n');
    expect(await run.result).toEqual({ ended: 'exit', code: 0 });
    expect(run.host.log).toEqual(['search(0)']);
    expect(run.trace).toEqual(['start|request', 'start|A', 'exit|A', 'exit|request']);
  });

  it('give a false condition for a negative code and run the else branch', async () => {
    const run = start('request_route {\n if (search("-2")) { $var(b) = "then"; } else { $var(b) = "else"; }\n}\n');
    await run.result;
    expect(run.host.vars.get('$var(b)')).toBe('else');
  });

  it('turn a rejection into a run-time error naming the routes running and the call', async () => {
    const run = start('request_route {\n route(A);\n}\nroute[A] {\n search("!storage is down");\n}\n');
    const error = await (run.result as Promise<RunResult>).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VmError);
    expect((error as VmError).message).toBe('storage is down');
    expect((error as VmError).routes).toEqual(['request', 'request[A]']);
    expect((error as VmError).pc).toBeGreaterThan(0);
  });

  it('are a run-time error where the run may not wait', () => {
    expect(() => start('request_route {\n search("1");\n}\n', false)).toThrow(/waits \(on storage\), which request route runs cannot do/);
  });

  it('leave a run that never waits synchronous', () => {
    expect(start('request_route {\n $var(a) = 1;\n return 4;\n}\n').result).toEqual({ ended: 'return', code: 4 });
  });
});
