// Routes compiled to JavaScript against the interpreter: the same script on
// the same message gives the same result, $rc, flags, log lines and
// changes, for every kind of instruction a compiled route holds; errors name
// the same instruction and route; a command that waits hands the run to the
// interpreter; routes with route calls, loops or switch stay interpreted, and
// call compiled ones as they would call interpreted ones.

import { link } from '../../../compiler/link.js';
import { lowerScript } from '../../../compiler/lower.js';
import { builtinModules } from '../../../modules/index.js';
import type { Program } from '../../../runtime/bytecode/program.js';
import { compileRoute } from '../../../runtime/exec/compiled-route.js';
import { ExecContext, WorkerState } from '../../../runtime/exec/context.js';
import { ScriptRunner, type CommandLookup, type ExecResult } from '../../../runtime/exec/run.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { VmError } from '../../../runtime/vm/host.js';
import { checkText } from '../../helpers.js';

const HEADER = ['pv', 'xlog', 'textops', 'sl', 'siputils', 'maxfwd', 'kex'].map((m) => `loadmodule "${m}.so"\n`).join('');

const INVITE = [
  'INVITE sip:carol@127.0.0.1:5060;transport=udp SIP/2.0',
  'Via: SIP/2.0/UDP 127.0.0.1:5070;rport;branch=z9hG4bK-compiled-1',
  'From: "Dave" <sip:dave@biloxi.example.com>;tag=a73kszlfl',
  'To: <sip:carol@127.0.0.1>',
  'Call-ID: 3848276298220188511@127.0.0.1',
  'CSeq: 2 INVITE',
  'Max-Forwards: 16',
  'Contact: <sip:dave@127.0.0.1:5070>',
  'User-Agent: test-agent',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

interface Built {
  readonly program: Program;
  readonly commands: CommandLookup;
  readonly route: number;
}

function build(script: string): Built {
  const checked = checkText(`${HEADER}${script}`, { modules: builtinModules });
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  const linked = link(checked);
  if ('error' in linked) throw new Error(linked.error);
  const program = lowerScript(checked);
  return { program, commands: linked.commands, route: program.routes.findIndex((r) => r.kind === 'request' && r.name === undefined) };
}

interface Ran {
  readonly ctx: ExecContext;
  readonly outcome: ExecResult | Promise<ExecResult> | { readonly error: VmError };
}

/** A context for a run on the INVITE. */
function inviteContext(worker: WorkerState): ExecContext {
  const message = SipMessage.parse(Buffer.from(INVITE, 'latin1'));
  if (isSipError(message)) throw new Error(message.reason);
  return new ExecContext(message, { address: '127.0.0.1', port: 5070 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [{ host: '127.0.0.1', port: 5060 }] }, worker);
}

/** One run of the request route; `compiled` runs it as the server does (no trace), else through the interpreter (with the trace). */
function runOnce(built: Built, compiled: boolean, commands = built.commands, maxRecursion?: number): Ran {
  const worker = new WorkerState();
  const ctx = inviteContext(worker);
  const runner = new ScriptRunner(built.program, commands, { trace: !compiled, worker, maxRecursion });
  try {
    return { ctx, outcome: runner.start(built.route, ctx) };
  } catch (e) {
    if (e instanceof VmError) return { ctx, outcome: { error: e } };
    throw e;
  }
}

/** The script's commands, but is_method waits a millisecond and then gives its code plus `add`. */
function waitingIsMethod(built: Built, add: number): CommandLookup {
  return (module, name, argc) => {
    const command = built.commands(module, name, argc);
    if (name !== 'is_method' || !command) return command;
    return (ctx, args) => new Promise<number>((resolve) => setTimeout(() => resolve(Number(command(ctx, args)) + add), 1));
  };
}

/** What a run leaves that both ways of running must agree on. */
function observed({ ctx, outcome }: Ran): unknown {
  const result = 'error' in outcome ? { error: outcome.error.message, pc: outcome.error.pc, routes: outcome.error.routes } : (outcome as ExecResult).result;
  return { result, rc: ctx.rc, flags: ctx.flags, logs: ctx.logs.map((l) => l.text), du: ctx.edits.destination, ruri: ctx.edits.requestUri };
}

function expectSameRun(script: string): void {
  const built = build(script);
  expect(compileRoute(built.program, built.route, () => undefined)).toBeUndefined(); // commands unbound: not compiled
  const interpreted = runOnce(built, false);
  const compiled = runOnce(built, true);
  expect(observed(compiled)).toEqual(observed(interpreted));
}

const SCRIPTS: Record<string, string> = {
  'pseudo-variables, transformations and header checks': `request_route {
  if (!mf_process_maxfwd_header("10")) { drop; }
  $var(method) = $rm; $var(user) = $rU; $avp(caller) = $fU;
  if (is_method("INVITE|BYE")) { $var(dialog) = 1; }
  if (has_totag()) { drop; }
  if (!is_present_hf("Contact")) { drop; }
  if ($hdr(User-Agent) =~ "friendly-scanner") { drop; }
  $var(host) = $(ru{uri.host}); $var(tag) = $(hdr(From){tobody.tag}); $var(len) = $(ci{s.len});
  $var(key) = $(var(user){s.tolower}) + "@" + $var(host);
  xlog("L_ERR", "key=$var(key) tag=$var(tag) len=$var(len) caller=$avp(caller) dialog=$var(dialog)\\n");
  $du = "sip:127.0.0.1:5090";
  exit;
}`,
  'arithmetic, bit operators and comparisons': `request_route {
  $var(a) = 7; $var(b) = $var(a) * 3 - 1; $var(c) = $var(b) / 3; $var(d) = $var(b) mod 6;
  $var(e) = ($var(a) | 8) & 12; $var(f) = $var(a) ^ 5; $var(g) = 1 << 4; $var(h) = 256 >> 2;
  $var(s) = "x" + $var(a); $var(n) = -$var(a); $var(t) = ~$var(a); $var(u) = $var(s) + 4;
  xlog("L_ERR", "$var(b) $var(c) $var(d) $var(e) $var(f) $var(g) $var(h) $var(s) $var(n) $var(t) $var(u)\\n");
  if ($var(a) >= 7 && $var(b) <= 20 && $var(a) != 8 && !($var(a) < 1) && $var(a) > 6) { xlog("L_ERR", "numbers\\n"); }
  if ($var(s) =~ "^X7$" && $var(s) == "x7" && $var(a) ieq 7 && $var(s) ne "y") { xlog("L_ERR", "strings\\n"); }
  if ($var(none) == $null || $var(s) != $null) { xlog("L_ERR", "null\\n"); }
  return $var(d);
}`,
  'keywords, flags and core functions': `request_route {
  $var(m) = "INVITE";
  if (method == "INVITE" && uri == myself && src_ip == 127.0.0.0/8 && proto == UDP) { setflag(3); }
  if (method == $var(m)) { setflag(5); }
  if (isflagset(3)) { resetflag(3); }
  xlog("L_ERR", "flags $mf rc $rc\\n");
  rewriteuser("carol");
  if ($rU == "carol") { return -2; }
  return 1;
}`,
  'transformation chains, and one that fails part way (the empty string)': `request_route {
  $var(a) = $(fu{uri.host}{s.toupper}{s.len});
  $var(b) = $(hdr(From){uri.host}{s.len});
  $var(c) = $(hdr(From){tobody.uri}{uri.user}{s.toupper});
  xlog("L_ERR", "a=$var(a) b=[$var(b)] c=$var(c)\\n");
}`,
  'a pattern in a variable, then a bad one (which fails where it runs)': `request_route {
  $var(s) = "x7"; $var(p) = "^X";
  if ($var(s) =~ $var(p)) { xlog("L_ERR", "matched\\n"); }
  $var(p) = "(";
  if ($var(s) =~ $var(p)) { xlog("L_ERR", "never\\n"); }
}`,
  'a command called with a value below it on the stack': `request_route {
  $var(a) = 2;
  $var(x) = $var(a) + is_method("INVITE") * 10;
  xlog("L_ERR", "x=$var(x)\\n");
}`,
  'a command giving 0 stops the script': `request_route {
  $var(x) = 1;
  if (is_method("INVITE") && $var(x) == 1) { xlog("L_ERR", "before\\n"); }
  return 0;
  xlog("L_ERR", "never\\n");
}`,
  'drop': `request_route {
  xlog("L_ERR", "dropping\\n");
  drop;
}`,
  'running off the end returns the last action': `request_route {
  $var(x) = 2;
  is_method("BYE");
}`,
  'an error names the instruction and the route': `request_route {
  $var(zero) = 0;
  xlog("L_ERR", "before\\n");
  $var(z) = 10 / $var(zero);
  xlog("L_ERR", "after\\n");
}`,
};

describe('routes compiled to JavaScript', () => {
  it.each(Object.entries(SCRIPTS))('run as the interpreter runs them: %s', (_name, script) => {
    const built = build(script);
    expect(compileRoute(built.program, built.route, () => () => 1)).toBeDefined();
    const interpreted = runOnce(built, false);
    const compiled = runOnce(built, true);
    expect(observed(compiled)).toEqual(observed(interpreted));
  });

  it('give the same division-by-zero error as the interpreter, at the division', () => {
    const built = build(SCRIPTS['an error names the instruction and the route']!);
    const { outcome } = runOnce(built, true);
    expect(outcome).toMatchObject({ error: { message: 'division by zero', routes: ['request'] } });
  });

  it('hand the run to the interpreter when a command waits, which goes on after it', async () => {
    const built = build(`request_route {
  $var(a) = 1;
  if (is_method("INVITE")) { $var(b) = $rc + 1; }
  xlog("L_ERR", "a=$var(a) b=$var(b) rc=$rc\\n");
  return 4;
}`);
    const waiting = waitingIsMethod(built, 2);
    const interpreted = runOnce(built, false, waiting);
    const compiled = runOnce(built, true, waiting);
    expect(compiled.outcome).toBeInstanceOf(Promise);
    expect((await compiled.outcome as ExecResult).result).toEqual({ ended: 'return', code: 4 });
    expect(compiled.ctx.logs.map((l) => l.text)).toEqual(['<script>: a=1 b=4 rc=3\n']);
    expect(observed({ ctx: compiled.ctx, outcome: await compiled.outcome })).toEqual(observed({ ctx: interpreted.ctx, outcome: await interpreted.outcome }));
  });

  it('hand the run to the interpreter with the values below a command that waits', async () => {
    const built = build(SCRIPTS['a command called with a value below it on the stack']!);
    const waiting = waitingIsMethod(built, 1);
    const compiled = runOnce(built, true, waiting);
    expect(compiled.outcome).toBeInstanceOf(Promise);
    await compiled.outcome;
    expect(compiled.ctx.logs.map((l) => l.text)).toEqual(['<script>: x=22\n']);
  });

  it.each([
    ['a route call', 'request_route {\n route(A);\n xlog("L_ERR", "rc=$rc\\n");\n}\nroute[A] {\n $var(x) = 1;\n return 3;\n}\n'],
    ['a loop', 'request_route {\n $var(i) = 0;\n while ($var(i) < 2) { $var(i) = $var(i) + 1; }\n}\n'],
    ['a switch', 'request_route {\n switch ($rm) {\n case "INVITE": $var(x) = 1; break;\n }\n}\n'],
  ])('leave a route with %s to the interpreter', (_name, script) => {
    const built = build(script);
    expect(compileRoute(built.program, built.route, () => () => 1)).toBeUndefined();
    expect(observed(runOnce(built, true))).toEqual(observed(runOnce(built, false)));
  });

  const CALLED: Record<string, string> = {
    'returns a code': 'route[A] {\n $var(x) = $var(x) + 1;\n return 3;\n}\n',
    'returns 0, which stops the script': 'route[A] {\n return 0;\n}\n',
    'runs off its end': 'route[A] {\n is_method("BYE");\n}\n',
    'exits': 'route[A] {\n xlog("L_ERR", "in A\\n");\n exit;\n}\n',
    'drops': 'route[A] {\n drop;\n}\n',
    'fails': 'route[A] {\n $var(z) = 1 / $var(zero);\n}\n',
  };

  it.each(Object.entries(CALLED))('run where an interpreted route calls them, as the interpreter would: a route that %s', (_name, callee) => {
    const built = build(`request_route {\n route(A);\n xlog("L_ERR", "after A: rc=$rc x=$var(x)\\n");\n route(A);\n return 5;\n}\n${callee}`);
    const a = built.program.routes.findIndex((r) => r.name === 'A');
    expect(compileRoute(built.program, a, () => () => 1)).toBeDefined();
    expect(observed(runOnce(built, true))).toEqual(observed(runOnce(built, false)));
  });

  it('keep the nesting limit where an interpreted route calls them', () => {
    const built = build('request_route {\n route(A);\n}\nroute[A] {\n $var(x) = 1;\n}\n');
    const compiled = runOnce(built, true, built.commands, 1);
    expect(compiled.outcome).toMatchObject({ error: { message: 'route calls nested deeper than 1' } });
    expect(observed(compiled)).toEqual(observed(runOnce(built, false, built.commands, 1)));
  });

  it('hand the run to the interpreter when a command waits in a route an interpreted one calls', async () => {
    const built = build('request_route {\n route(A);\n xlog("L_ERR", "after A: rc=$rc b=$var(b)\\n");\n}\nroute[A] {\n if (is_method("INVITE")) { $var(b) = $rc; }\n return 6;\n}\n');
    const waiting = waitingIsMethod(built, 1);
    const compiled = runOnce(built, true, waiting);
    expect(compiled.outcome).toBeInstanceOf(Promise);
    await compiled.outcome;
    expect(compiled.ctx.logs.map((l) => l.text)).toEqual(['<script>: after A: rc=6 b=2\n']);
    const interpreted = runOnce(built, false, waiting);
    await interpreted.outcome;
    expect(observed({ ctx: compiled.ctx, outcome: await compiled.outcome })).toEqual(observed({ ctx: interpreted.ctx, outcome: await interpreted.outcome }));
  });

  it('pass arguments known before the run as one array, converted once as the binding converts them', () => {
    const built = build('request_route {\n mf_process_maxfwd_header("10");\n is_method("INVITE|BYE");\n xlog("L_ERR", "rc=$rc\\n");\n}\n');
    const seen: unknown[][] = [];
    const recording: CommandLookup = (module, name, argc) => {
      const command = built.commands(module, name, argc);
      const direct = command?.direct;
      if (!command || !direct) return command;
      const run: typeof direct.run = (ctx, args, params, instance) => (seen.push(args), direct.run(ctx, args, params, instance));
      return Object.assign((ctx: ExecContext, args: unknown[]) => command(ctx, args), { direct: { ...direct, run } });
    };
    const worker = new WorkerState();
    const runner = new ScriptRunner(built.program, recording, { trace: false, worker });
    const contexts = [inviteContext(worker), inviteContext(worker)];
    for (const ctx of contexts) expect(runner.run(built.route, ctx).result).toEqual({ ended: 'return', code: 1 });
    expect(contexts.map((ctx) => ctx.logs.map((l) => l.text))).toEqual([['<script>: rc=1\n'], ['<script>: rc=1\n']]);
    expect(seen).toHaveLength(6);
    expect(seen[0]).toEqual([10]);
    for (let k = 0; k < 3; k++) expect(seen[3 + k]).toBe(seen[k]);
  });

  it('are not made when a command of the route cannot run', () => {
    expectSameRun('request_route {\n is_method("INVITE");\n}\n');
  });
});
