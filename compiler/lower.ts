// Lowering: the checked action tree becomes a Program of bytecode. Every
// route is laid out in one code array, expressions as stack code, control
// flow as jumps; calls go through CALL_ROUTE, CALL_CORE or CALL_CMD with
// their arguments on the stack. Each instruction keeps the span it came from.

import type { BinaryOp, Call, Expr, RouteBlock, Statement, UnaryOp } from '../grammar/ast.js';
import type { ArgSpec } from '../modules/api.js';
import type { Span } from '../grammar/source.js';
import { Op, type OpcodeName } from '../runtime/bytecode/opcodes.js';
import type { CodePosition, Constant, Program, RouteEntry } from '../runtime/bytecode/program.js';
import type { CheckedScript } from './check.js';
import { commandAction, coreAction, ROUTE_ACTION, statementAction, traceLine, type TracedAction } from './cfgtrace.js';
import { KEYWORD_OPERANDS } from './core/functions.js';
import { isConstant } from './resolve/expressions.js';

const BINARY: Readonly<Record<Exclude<BinaryOp, '&&' | '||'>, OpcodeName>> = {
  '|': 'BIT_OR', '&': 'BIT_AND', '^': 'BIT_XOR', '<<': 'SHL', '>>': 'SHR',
  '==': 'EQ', '!=': 'NE', '=~': 'MATCH', ieq: 'INT_EQ', ine: 'INT_NE', eq: 'STR_EQ', ne: 'STR_NE',
  '>': 'GT', '<': 'LT', '>=': 'GE', '<=': 'LE', '+': 'ADD', '-': 'SUB', '*': 'MUL', '/': 'DIV', mod: 'MOD',
};

const UNARY: Readonly<Record<UnaryOp, OpcodeName>> = {
  '!': 'NOT', '~': 'BIT_NOT', '-': 'NEG', defined: 'DEFINED', '(int)': 'TO_INT', '(str)': 'TO_STR', strlen: 'STRLEN', strempty: 'STREMPTY',
};

/** The core pseudo-variables holding the last return code. */
const RETURN_CODE_PVS = new Set(['$rc', '$retcode', '$?']);

/** Where `break` goes: the jumps to patch when the loop or switch ends. */
interface BreakTarget {
  readonly breaks: number[];
}

class Lowering {
  private readonly code: number[] = [];
  private readonly positions: (CodePosition | undefined)[] = [];
  private readonly constants: Constant[] = [];
  private readonly constantIndex = new Map<string, number>();
  private readonly routes: RouteEntry[] = [];
  private readonly routeIndex = new Map<RouteBlock, number>();
  /** The blocks of each route, in the order they run (the unnamed blocks of a kind are one route). */
  private readonly routeBlocks: (readonly RouteBlock[])[] = [];
  private readonly breakTargets: BreakTarget[] = [];
  /** While loops numbered so far (each counts its iterations under its own number). */
  private loops = 0;
  /** Whether the script loads debugger: each action then starts with a TRACE (its cfgtrace). */
  private readonly traced: boolean;

  constructor(private readonly checked: CheckedScript) {
    this.traced = checked.modules.some((m) => m.name === 'debugger');
    for (const { name, blocks } of checked.routes.routes()) {
      for (const block of blocks) this.routeIndex.set(block, this.routes.length);
      this.routes.push({ kind: blocks[0]!.route, name, entry: -1 });
      this.routeBlocks.push(blocks);
    }
  }

  program(): Program {
    this.routeBlocks.forEach((blocks, index) => {
      this.routes[index] = { ...this.routes[index]!, entry: this.code.length };
      for (const block of blocks) this.statements(block.body);
      // A route that runs off its end returns what its last action gave.
      const last = blocks[blocks.length - 1]!;
      this.emit('PUSH_LAST', last.span);
      this.emit('RETURN', last.span);
    });
    return { code: Int32Array.from(this.code), constants: this.constants, positions: this.positions, routes: this.routes };
  }

  // ---- emitting ---------------------------------------------------------------

  private emit(name: OpcodeName, span: Span, ...operands: number[]): number {
    const at = this.code.length;
    this.positions[at] = { file: span.file, start: span.start, end: span.end };
    this.code.push(Op[name], ...operands);
    for (let i = 1; i <= operands.length; i++) this.positions[at + i] = undefined;
    return at;
  }

  /** Emits a jump whose target is patched later; returns the operand's address. */
  private jump(name: 'JUMP' | 'JUMP_IF_FALSE' | 'JUMP_IF_TRUE' | 'JUMP_IF_ZERO' | 'JUMP_IF_NONZERO' | 'CASE_EQ' | 'CASE_MATCH', span: Span): number {
    return this.emit(name, span, -1) + 1;
  }

  private patch(operandAt: number, target = this.code.length): void {
    this.code[operandAt] = target;
  }

  private patchAll(operandsAt: readonly number[]): void {
    for (const at of operandsAt) this.patch(at);
  }

  /** A constant's index, adding it once; compiled ones are told apart by their kind and text. */
  private constant(c: Constant): number {
    const key = c.kind === 'pv' || c.kind === 'fixed' ? `${c.kind}\u0000${c.text}` : c.kind === 'format' ? `format\u0000${c.text}` : JSON.stringify(c);
    let index = this.constantIndex.get(key);
    if (index === undefined) {
      index = this.constants.length;
      this.constants.push(c);
      this.constantIndex.set(key, index);
    }
    return index;
  }

  /** A pseudo-variable's constant, with what the fixup pass compiled of it. */
  private pv(text: string): number {
    return this.constant({ kind: 'pv', text, access: this.checked.fixups.pvs.get(text) });
  }

  private pushString(value: string, span: Span): void {
    this.emit('PUSH_CONST', span, this.constant({ kind: 'string', value }));
  }

  // ---- statements ---------------------------------------------------------------

  private statements(list: readonly Statement[]): void {
    for (const s of list) this.statement(s);
  }

  /** A TRACE for an action starting here (scripts loading debugger only). */
  private trace(action: TracedAction | undefined, span: Span, statement?: Statement): void {
    if (!this.traced || !action) return;
    this.emit('TRACE', span, this.constant({ kind: 'action', ...action, ...traceLine(span, this.checked.parse.sources, statement) }));
  }

  private statement(s: Statement): void {
    if (this.traced) this.trace(statementAction(s), s.span, s);
    switch (s.kind) {
      case 'call':
        this.call(s.call);
        this.emit('POP', s.span);
        return;
      case 'if': {
        const toElse = this.jumpsWhen(s.condition, false, 'positive');
        this.statements(s.then);
        if (s.else) {
          const toEnd = this.jump('JUMP', s.span);
          this.patchAll(toElse);
          this.statements(s.else);
          this.patch(toEnd);
        } else {
          this.patchAll(toElse);
        }
        return;
      }
      case 'while': {
        const loop = this.loops++;
        this.emit('LOOP_RESET', s.span, loop);
        const top = this.code.length;
        const toEnd = this.jumpsWhen(s.condition, false, 'positive');
        const runaway = this.emit('LOOP_STEP', s.span, loop, -1) + 2;
        const target: BreakTarget = { breaks: [] };
        this.breakTargets.push(target);
        this.statements(s.body);
        this.breakTargets.pop();
        this.emit('JUMP', s.span, top);
        this.patchAll(toEnd);
        this.patch(runaway);
        for (const b of target.breaks) this.patch(b);
        return;
      }
      case 'switch':
        this.switchStatement(s);
        return;
      case 'break': {
        const target = this.breakTargets[this.breakTargets.length - 1];
        if (target) target.breaks.push(this.jump('JUMP', s.span));
        return;
      }
      case 'return':
        if (s.value) this.expr(s.value);
        else this.emit('PUSH_INT', s.span, 1);
        this.emit('RETURN', s.span);
        return;
      case 'exit':
      case 'drop':
        if (s.value) {
          this.expr(s.value);
          this.emit('SET_RC', s.span);
        }
        this.emit(s.kind === 'exit' ? 'EXIT' : 'DROP', s.span);
        return;
      case 'assign':
        this.assign(s);
        return;
    }
  }

  /** `$a = value`: one instruction when the value is a literal or another pseudo-variable. */
  private assign(s: Extract<Statement, { kind: 'assign' }>): void {
    const target = this.pv(s.target.text);
    const v = s.value;
    if (v.kind === 'number') this.emit('STORE_INT', s.span, target, v.value);
    else if (v.kind === 'string') this.emit('STORE_CONST', s.span, target, this.constant({ kind: 'string', value: v.value }));
    else if ((v.kind === 'pv' || v.kind === 'select') && !RETURN_CODE_PVS.has(v.text)) this.emit('COPY_PV', v.span, target, this.pv(v.text));
    else {
      this.expr(v);
      this.emit('STORE_PV', s.span, target);
    }
  }

  /**
   * The subject stays on the stack while the labels are tried; the bodies are
   * laid out in order, so a case without `break` falls through to the next.
   */
  private switchStatement(s: Extract<Statement, { kind: 'switch' }>): void {
    this.expr(s.subject);
    const entries: Array<{ operandAt: number; body: readonly Statement[] }> = [];
    for (const c of s.cases) {
      if (!c.label) continue;
      this.expr(c.label);
      entries.push({ operandAt: this.jump(c.regex ? 'CASE_MATCH' : 'CASE_EQ', c.span), body: c.body });
    }
    const toDefault = this.jump('JUMP', s.span);
    const target: BreakTarget = { breaks: [] };
    this.breakTargets.push(target);
    let defaulted = false;
    for (const c of s.cases) {
      if (c.label) this.patch(entries.find((e) => e.body === c.body)!.operandAt);
      else {
        this.patch(toDefault);
        defaulted = true;
      }
      this.statements(c.body);
    }
    this.breakTargets.pop();
    if (!defaulted) this.patch(toDefault);
    for (const b of target.breaks) this.patch(b);
    this.emit('POP', s.span);
  }

  // ---- expressions ----------------------------------------------------------------

  private expr(e: Expr): void {
    switch (e.kind) {
      case 'number':
        this.emit('PUSH_INT', e.span, e.value);
        return;
      case 'string':
        this.pushString(e.value, e.span);
        return;
      case 'pv':
      case 'select':
        if (RETURN_CODE_PVS.has(e.text)) this.emit('PUSH_RC', e.span);
        else this.emit('PUSH_PV', e.span, this.pv(e.text));
        return;
      case 'word':
        this.pushString(e.name, e.span);
        return;
      case 'address':
        this.pushString(e.text, e.span);
        return;
      case 'socket':
        this.pushString(this.checked.parse.sources.text(e.span), e.span);
        return;
      case 'unary':
        if (e.op === '!') this.logicalOperand(e.operand);
        else this.expr(e.operand);
        this.emit(UNARY[e.op], e.span);
        return;
      case 'binary':
        this.binary(e);
        return;
      case 'call':
        this.call(e.call);
        return;
      case 'block':
        this.statements(e.body);
        this.emit('PUSH_RC', e.span);
        return;
      case 'assign':
        // Kamailio gives an assignment used as a value the action's result, 1,
        // whatever was assigned: `($x = 0) + 5` is 6, `if ($x = 0)` is true.
        this.expr(e.value);
        this.emit('STORE_PV', e.span, this.pv(e.target.kind === 'pv' ? e.target.text : ''));
        this.emit('PUSH_INT', e.span, 1);
        return;
    }
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>): void {
    const keyword = e.left.kind === 'word' ? e.left.name : undefined;
    if (keyword !== undefined && KEYWORD_OPERANDS.has(keyword)) {
      this.keywordTest(keyword, e);
      return;
    }
    if (e.op === '&&' || e.op === '||') {
      // Kamailio simplifies `x && 1` and `x || 0` to `x` when x is not a
      // constant: the value is then x itself, not 1 or 0.
      if (simplifiesToLeft(e)) {
        this.expr(e.left);
        return;
      }
      // Short-circuit; the value is 1 or 0, as Kamailio gives it.
      this.logicalOperand(e.left);
      const decided = this.jump(e.op === '&&' ? 'JUMP_IF_FALSE' : 'JUMP_IF_TRUE', e.opSpan);
      this.logicalOperand(e.right);
      const alsoDecided = this.jump(e.op === '&&' ? 'JUMP_IF_FALSE' : 'JUMP_IF_TRUE', e.opSpan);
      this.emit('PUSH_INT', e.span, e.op === '&&' ? 1 : 0);
      const toEnd = this.jump('JUMP', e.span);
      this.patch(decided);
      this.patch(alsoDecided);
      this.emit('PUSH_INT', e.span, e.op === '&&' ? 0 : 1);
      this.patch(toEnd);
      return;
    }
    this.expr(e.left);
    this.expr(e.right);
    this.emit(BINARY[e.op], e.opSpan);
  }

  /**
   * A condition of `if` or `while` as jumps, with no 1 or 0 made on the way:
   * code that continues at an address patched later when the condition's
   * truth is `when`, and falls through otherwise; returns the operands to
   * patch. `!`, `&&` and `||` become jumps between their operands; any other
   * value is tested as `test` says: `positive` as a condition's own value or a
   * call's return code (above 0), `nonzero` as another operand of `!`, `&&`
   * or `||` (its integer is not 0). The outcome is the one the values 1 and 0
   * of logicalOperand would give.
   */
  private jumpsWhen(e: Expr, when: boolean, test: 'positive' | 'nonzero'): number[] {
    if (e.kind === 'unary' && e.op === '!') return this.jumpsWhen(e.operand, !when, operandTest(e.operand));
    if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) {
      // `x && 1`, `x || 0`: x itself, tested as this operand is (see binary()).
      if (simplifiesToLeft(e)) return this.jumpsWhen(e.left, when, test);
      // To jump when `&&` is false or `||` true, either operand alone sends there; otherwise the left one can skip the right.
      const decidesEarly = (e.op === '&&') !== when;
      if (decidesEarly) return [...this.jumpsWhen(e.left, when, operandTest(e.left)), ...this.jumpsWhen(e.right, when, operandTest(e.right))];
      const decided = this.jumpsWhen(e.left, !when, operandTest(e.left));
      const jumps = this.jumpsWhen(e.right, when, operandTest(e.right));
      this.patchAll(decided);
      return jumps;
    }
    this.expr(e);
    const name = test === 'positive' ? (when ? 'JUMP_IF_TRUE' : 'JUMP_IF_FALSE') : when ? 'JUMP_IF_NONZERO' : 'JUMP_IF_ZERO';
    return [this.jump(name, e.span)];
  }

  /**
   * An operand of `!`, `&&` or `||` as 1 or 0: a call counts as true when its
   * return code is above 0, any other value when its integer is not 0
   * (so `-1 || 0` is 1 while `is_method("X") || is_method("Y")` is 0 for
   * neither method, as in Kamailio).
   */
  private logicalOperand(e: Expr): void {
    this.expr(e);
    this.emit(e.kind === 'call' ? 'RC_TO_BOOL' : 'TO_BOOL', e.span);
  }

  /** `uri == myself`, `src_ip == 10.0.0.0/8`, `method == "INVITE"`, `proto == udp`: one test, its operand fixed. */
  private keywordTest(keyword: string, e: Extract<Expr, { kind: 'binary' }>): void {
    const r = e.right;
    const operand = r.kind === 'word' ? r.name : r.kind === 'address' ? r.text : r.kind === 'string' ? r.value : r.kind === 'number' ? String(r.value) : undefined;
    if (operand !== undefined) {
      this.emit('TEST_KEYWORD', e.span, this.constant({ kind: 'keyword', keyword, op: e.op, operand }));
      return;
    }
    this.expr(r);
    this.emit('TEST_KEYWORD_VALUE', e.span, this.constant({ kind: 'keyword', keyword, op: e.op, operand: '' }));
  }

  private call(call: Call): void {
    const target = this.checked.calls.get(call);
    if (this.traced) this.trace(target?.kind === 'route' ? ROUTE_ACTION : target?.kind === 'core' ? coreAction(target.fn.name) : commandAction(call.name, call.args.length), call.span);
    if (target?.kind === 'route') {
      const index = target.route ? this.routeIndex.get(target.route) : undefined;
      if (index !== undefined) {
        this.emit('CALL_ROUTE', call.span, index);
        return;
      }
      this.expr(call.args[0]!);
      this.emit('CALL_ROUTE_DYNAMIC', call.span);
      return;
    }
    const form = target?.kind === 'core' ? target.fn.forms.find((f) => f.length === call.args.length) : undefined;
    call.args.forEach((arg, i) => {
      if (target?.kind === 'module') this.commandArg(arg, target.command.args[i]!);
      else if (form?.[i] === 'flag') this.flagArg(arg);
      else this.expr(arg);
    });
    if (target?.kind === 'core') {
      this.emit('CALL_CORE', call.span, this.constant({ kind: 'core', name: target.fn.name }), call.args.length);
    } else {
      const module = target?.kind === 'module' || target?.kind === 'unavailable' ? target.module : '?';
      this.emit('CALL_CMD', call.span, this.constant({ kind: 'command', module, name: call.name }), call.args.length);
    }
  }

  /** A flag argument: a flag named by `flags NAME:N` is its number. */
  private flagArg(arg: Expr): void {
    const flag = arg.kind === 'word' || arg.kind === 'string' ? this.checked.flags.get(arg.kind === 'word' ? arg.name : arg.value) : undefined;
    if (flag !== undefined) this.emit('PUSH_INT', arg.span, flag);
    else this.expr(arg);
  }

  /** A module command's argument, as its spec has it compiled: constants fixed now, the rest evaluated at run time. */
  private commandArg(arg: Expr, spec: ArgSpec): void {
    const { fixups } = this.checked;
    switch (spec.type) {
      case 'flag':
        return this.flagArg(arg);
      case 'int':
        if (arg.kind === 'string' && /^\s*-?\d+\s*$/.test(arg.value)) return void this.emit('PUSH_INT', arg.span, Number(arg.value));
        return this.expr(arg);
      case 'intpv':
        if (arg.kind !== 'string') return this.expr(arg);
        if (!arg.value.startsWith('$')) return void this.emit('PUSH_INT', arg.span, Number(arg.value));
        // The variable's own value, its type kept: only an integer converts.
        if (RETURN_CODE_PVS.has(arg.value)) return void this.emit('PUSH_RC', arg.span);
        return void this.emit('PUSH_PV', arg.span, this.pv(arg.value));
      case 'spve': {
        if (arg.kind !== 'string') return this.expr(arg);
        const fixed = fixups.args.get(arg);
        if (fixed !== undefined) return void this.emit('PUSH_FIXED', arg.span, this.constant({ kind: 'fixed', text: `${spec.type}:${arg.value}`, value: fixed }));
        const format = fixups.formats.get(arg.value);
        if (format && format.parts.length === 1 && typeof format.parts[0] === 'string') return this.pushString(format.parts[0], arg.span);
        return void this.emit('PUSH_FORMAT', arg.span, this.constant({ kind: 'format', text: arg.value, format }));
      }
      case 'format':
        // Passed unexpanded: the handler expands it when it needs the text.
        if (arg.kind !== 'string') return this.expr(arg);
        return void this.emit('PUSH_FIXED', arg.span, this.constant({ kind: 'fixed', text: `format:${arg.value}`, value: fixups.formats.get(arg.value) }));
      case 'pvar':
      case 'pvar-writable': {
        const text = arg.kind === 'pv' ? arg.text : arg.kind === 'string' ? arg.value : '';
        return void this.emit('PUSH_FIXED', arg.span, this.constant({ kind: 'fixed', text, value: fixups.pvs.get(text) }));
      }
      default: {
        const fixed = fixups.args.get(arg);
        if (fixed === undefined || arg.kind !== 'string') return this.expr(arg);
        return void this.emit('PUSH_FIXED', arg.span, this.constant({ kind: 'fixed', text: `${spec.type}:${arg.value}`, value: fixed }));
      }
    }
  }
}

/** How an operand of `!`, `&&` or `||` counts as true: a call by its return code (above 0), any other value when its integer is not 0. */
function operandTest(e: Expr): 'positive' | 'nonzero' {
  return e.kind === 'call' ? 'positive' : 'nonzero';
}

/** `x && 1` and `x || 0` with x not a constant, which Kamailio simplifies to x. */
function simplifiesToLeft(e: Extract<Expr, { kind: 'binary' }>): boolean {
  const identity = e.op === '&&' ? 1 : 0;
  return e.right.kind === 'number' && e.right.value === identity && !isConstant(e.left);
}

/** The bytecode of a checked script (one with syntax errors lowers what was parsed). */
export function lowerScript(checked: CheckedScript): Program {
  return new Lowering(checked).program();
}
