// Statements: walks route bodies, checking each statement and reporting
// statements that can never run.

import type { Expr, RouteBlock, Statement, SwitchStatement } from '../../grammar/ast.js';
import type { Span } from '../../grammar/source.js';
import { checkCall } from './calls.js';
import type { CheckContext } from './context.js';
import { checkExpr, checkRegex, isConstant, type Scope } from './expressions.js';
import { checkPv } from './pvs.js';
import type { RouteTable } from './routes.js';

const ENDS_FLOW = new Set(['return', 'exit', 'drop']);

/** The scope a route block's body is checked in. */
export function routeScope(block: RouteBlock, routes: RouteTable): Scope {
  return { block, loops: 0, switches: 0, routes, nested: { call: checkCall, statements: checkStatements } };
}

export function checkStatements(list: readonly Statement[], scope: Scope, ctx: CheckContext): void {
  let endedBy: Statement | undefined;
  let reported = false;
  for (const statement of list) {
    if (endedBy && !reported) {
      ctx.report('W0201', statement.span, `this statement never runs: the \`${endedBy.kind}\` before it ends the route`, [
        { message: `\`${endedBy.kind}\` is here`, span: endedBy.span },
      ]);
      reported = true;
    }
    checkStatement(statement, scope, ctx);
    if (!endedBy && ENDS_FLOW.has(statement.kind)) endedBy = statement;
  }
}

function checkCondition(condition: Expr, keyword: string, scope: Scope, ctx: CheckContext): void {
  checkExpr(condition, scope, ctx);
  if (isConstant(condition)) ctx.report('W0203', condition.span, `constant value in ${keyword}(...)`);
  for (const assign of testedAssignments(condition)) {
    ctx.report('W0207', assign.span, 'this assigns, and the value it tests is always 1, not the value assigned: to compare, write `==`');
  }
}

/** Assignments whose value a condition tests directly: the condition itself, or an operand of `!`, `&&`, `||`. */
function testedAssignments(e: Expr): Expr[] {
  if (e.kind === 'assign') return [e];
  if (e.kind === 'unary' && e.op === '!') return testedAssignments(e.operand);
  if (e.kind === 'binary' && (e.op === '&&' || e.op === '||')) return [...testedAssignments(e.left), ...testedAssignments(e.right)];
  return [];
}

function checkStatement(statement: Statement, scope: Scope, ctx: CheckContext): void {
  switch (statement.kind) {
    case 'call':
      checkCall(statement.call, scope, ctx);
      return;
    case 'if':
      checkCondition(statement.condition, 'if', scope, ctx);
      checkStatements(statement.then, scope, ctx);
      if (statement.else) checkStatements(statement.else, scope, ctx);
      return;
    case 'while':
      checkCondition(statement.condition, 'while', scope, ctx);
      checkStatements(statement.body, { ...scope, loops: scope.loops + 1 }, ctx);
      return;
    case 'switch':
      checkSwitch(statement, scope, ctx);
      return;
    case 'return':
    case 'exit':
    case 'drop':
      if (statement.value) checkExpr(statement.value, scope, ctx);
      return;
    case 'break':
      return;
    case 'assign':
      if (statement.op === '+=') {
        ctx.report('E0301', statement.span, '`+=` is not part of the language: write `$x = $x + value;`');
      }
      checkPv(statement.target.text, statement.target.span, ctx, { assigned: true });
      checkExpr(statement.value, scope, ctx);
      return;
  }
}

function checkSwitch(statement: SwitchStatement, scope: Scope, ctx: CheckContext): void {
  checkExpr(statement.subject, scope, ctx);
  const defaults = statement.cases.filter((c) => !c.label);
  if (defaults.length > 1) {
    ctx.report(
      'E0609',
      statement.span,
      `this switch has ${defaults.length} \`default:\` labels; it can have only one`,
      defaults.map((d, i) => ({ message: i === 0 ? 'the first `default:`' : 'another `default:`', span: d.span })),
    );
  }
  let first: CaseLabelType | undefined;
  for (const c of statement.cases) {
    if (c.label) {
      const type = checkCaseLabel(c.label, c.regex, first, scope, ctx);
      first ??= type;
    }
    checkStatements(c.body, { ...scope, switches: scope.switches + 1 }, ctx);
  }
}

interface CaseLabelType {
  readonly type: 'int' | 'str';
  readonly span: Span;
}

/** Checks one case label against the first label's type; returns this label's type. */
function checkCaseLabel(label: Expr, regex: boolean, first: CaseLabelType | undefined, scope: Scope, ctx: CheckContext): CaseLabelType | undefined {
  if (!isConstant(label)) {
    ctx.report('E0609', label.span, 'a case label must be a constant (a number or a string)');
    return undefined;
  }
  const type = checkExpr(label, scope, ctx) === 'str' || regex ? 'str' : 'int';
  if (regex) {
    if (label.kind === 'string') checkRegex(label.value, label.span, ctx);
    else ctx.report('E0609', label.span, 'a regex case label must be a string: `case /"^abc":`');
  }
  if (first && first.type !== type) {
    ctx.report('E0609', label.span, 'a switch cannot mix number and string/regex cases', [
      { message: `the first case is a ${first.type === 'int' ? 'number' : 'string'}`, span: first.span },
    ]);
  }
  return { type, span: label.span };
}
