// Expressions: the keyword comparisons of conditions (`uri == myself`,
// `src_ip == 10.0.0.0/8`), Kamailio's static typing of operators, constant
// regexes, and the pseudo-variables and calls inside.

import type { BinaryExpr, BinaryOp, Call, Expr, RouteBlock, Statement } from '../../grammar/ast.js';
import type { Span } from '../../grammar/source.js';
import { KEYWORD_OPERANDS, ONSEND_ONLY_OPERANDS, type KeywordOperand } from '../core/functions.js';
import { PROTOCOLS } from '../core/params.js';
import type { CheckContext } from './context.js';
import { checkPv } from './pvs.js';
import type { RouteTable } from './routes.js';

/** The static type Kamailio gives an expression: known int, known string, or known only at run time. */
export type StaticType = 'int' | 'str' | 'any';

/** Where a statement or expression is being checked. */
export interface Scope {
  readonly block: RouteBlock;
  readonly loops: number;
  readonly switches: number;
  readonly routes: RouteTable;
  /** Checks calls and `{ ... }` bodies met inside expressions (the statement walker provides them). */
  readonly nested: {
    call(call: Call, scope: Scope, ctx: CheckContext): void;
    statements(list: readonly Statement[], scope: Scope, ctx: CheckContext): void;
  };
}

const STRING_OPS = new Set<BinaryOp>(['==', '!=', '=~', 'eq', 'ne']);
const EQUAL_OPS = new Set<BinaryOp>(['==', '!=', 'eq', 'ne']);
const COMPARE_OPS = new Set<BinaryOp>(['>', '<', '>=', '<=']);
const INT_OPS = new Set<BinaryOp>(['-', '*', '/', 'mod', '|', '&', '^', '<<', '>>', '&&', '||', 'ieq', 'ine']);

function keywordOf(e: Expr): KeywordOperand | undefined {
  return e.kind === 'word' && !e.parenthesized ? KEYWORD_OPERANDS.get(e.name) : undefined;
}

/** True when an expression's value is fixed when the script is compiled. */
export function isConstant(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
    case 'string':
      return true;
    case 'unary':
      return e.op !== 'defined' && isConstant(e.operand);
    case 'binary':
      return isConstant(e.left) && isConstant(e.right);
    default:
      return false;
  }
}

export function checkExpr(e: Expr, scope: Scope, ctx: CheckContext): StaticType {
  switch (e.kind) {
    case 'number':
      return 'int';
    case 'string':
      return 'str';
    case 'pv':
      checkPv(e.text, e.span, ctx);
      return 'any';
    case 'select':
      return 'any';
    case 'word':
      if (KEYWORD_OPERANDS.has(e.name)) {
        const how = e.parenthesized ? 'is compared only when written bare before the operator' : 'can only be compared';
        ctx.report('E0610', e.span, `\`${e.name}\` ${how}, as in \`${example(e.name)}\``);
      } else {
        ctx.report('E0303', e.span, `\`${e.name}\` is not defined (a bare name here must be a #!define or a keyword)`, ctx.skippedDefineNote(e.name));
      }
      return 'any';
    case 'address':
      ctx.report('E0610', e.span, 'an IP address can only be compared with src_ip, dst_ip, snd_ip or to_ip');
      return 'any';
    case 'socket':
      ctx.report('E0610', e.span, '`proto:host:port` is only valid as an argument of forward-like functions');
      return 'any';
    case 'call':
      scope.nested.call(e.call, scope, ctx);
      return 'int';
    case 'block':
      scope.nested.statements(e.body, scope, ctx);
      return 'int';
    case 'unary': {
      const operand = checkExpr(e.operand, scope, ctx);
      if ((e.op === '-' || e.op === '~' || e.op === '!') && operand === 'str') {
        ctx.report('E0802', e.operand.span, `type mismatch: \`${e.op}\` needs a number, not a string`);
      }
      if ((e.op === 'strlen' || e.op === 'strempty') && operand === 'int') {
        ctx.report('E0802', e.operand.span, `type mismatch: \`${e.op}\` needs a string, not a number`);
      }
      return e.op === '(str)' ? 'str' : 'int';
    }
    case 'binary':
      return checkBinary(e, scope, ctx);
    case 'assign':
      if (e.target.kind === 'pv') checkPv(e.target.text, e.target.span, ctx, { assigned: true });
      else ctx.report('E0301', e.target.span, 'only a pseudo-variable can be assigned, as in `($var(x) = 1)`');
      return checkExpr(e.value, scope, ctx);
  }
}

function example(word: string): string {
  switch (KEYWORD_OPERANDS.get(word)) {
    case 'method':
      return 'method == "INVITE"';
    case 'uri':
      return word === 'status' ? 'status == "200"' : `${word} == myself`;
    case 'ip':
      return `${word} == 10.0.0.1`;
    case 'proto':
      return `${word} == udp`;
    case 'myself':
      return 'uri == myself';
    default:
      if (word.endsWith('af')) return `${word} == INET6`;
      return word === 'msg:len' ? 'msg:len > 4096' : `${word} == 5060`;
  }
}

function checkBinary(e: BinaryExpr, scope: Scope, ctx: CheckContext): StaticType {
  const left = keywordOf(e.left);
  if (left !== undefined) {
    checkKeywordComparison(e, left, scope, ctx);
    return 'int';
  }
  if (keywordOf(e.right) !== undefined && keywordOf(e.left) === undefined && e.left.kind === 'word') {
    // `myself == uri` is handled above; any other bare name on the left is undefined.
    checkExpr(e.left, scope, ctx);
    return 'int';
  }
  const lt = checkExpr(e.left, scope, ctx);
  const rt = checkExpr(e.right, scope, ctx);
  const mismatch = (side: Expr, want: string, got: string): void =>
    ctx.report('E0802', side.span, `type mismatch: \`${e.op}\` needs ${want} here, not ${got}`);
  if (INT_OPS.has(e.op)) {
    if (lt === 'str') mismatch(e.left, 'a number', 'a string');
    else if (rt === 'str') mismatch(e.right, 'a number', 'a string');
    return 'int';
  }
  if (e.op === '+') {
    if (lt === 'int' && rt === 'str') mismatch(e.right, 'a number (the left side is a number)', 'a string');
    return lt;
  }
  if (COMPARE_OPS.has(e.op)) {
    // Kamailio orders integers only.
    if (lt === 'str') mismatch(e.left, 'a number', 'a string');
    else if (rt === 'str') mismatch(e.right, 'a number', 'a string');
  } else if (EQUAL_OPS.has(e.op) && lt === 'int' && rt === 'str') {
    mismatch(e.right, 'a number (the left side is a number)', 'a string');
  }
  if (e.op === '=~' && e.right.kind === 'string') checkRegex(e.right.value, e.right.span, ctx);
  return 'int';
}

export function checkRegex(pattern: string, span: Span, ctx: CheckContext): void {
  const compiled = ctx.compileRegex(pattern, { icase: true, newline: false });
  if (!(compiled instanceof RegExp)) ctx.report('E0801', span, `invalid regular expression \`${pattern}\`: ${compiled.error}`);
}

/** `method == ...`, `uri == myself`, `src_ip == 10.0.0.0/8`, `proto == udp`, `myself == uri`, ... */
function checkKeywordComparison(e: BinaryExpr, keyword: KeywordOperand, scope: Scope, ctx: CheckContext): void {
  const name = (e.left as { name: string }).name;
  if (ONSEND_ONLY_OPERANDS.has(name)) {
    ctx.restrict(scope.block, { what: `\`${name}\``, allowed: ['onsend'], span: e.left.span });
  }
  const allowed = keyword === 'int' ? new Set([...EQUAL_OPS, ...COMPARE_OPS]) : keyword === 'proto' || keyword === 'myself' ? EQUAL_OPS : STRING_OPS;
  if (!allowed.has(e.op)) {
    ctx.report('E0610', e.opSpan, `\`${name}\` cannot be compared with \`${e.op}\` (use ${[...allowed].map((o) => `\`${o}\``).join(', ')})`);
    return;
  }
  const right = e.right;
  const rightWord = right.kind === 'word' ? right.name : undefined;
  switch (keyword) {
    case 'method':
      if (rightWord !== undefined) return; // `method == INVITE`: the name is the method
      break;
    case 'uri':
      if (rightWord === 'myself') return;
      break;
    case 'proto':
      if (rightWord !== undefined && PROTOCOLS.has(rightWord)) return;
      break;
    case 'ip':
      if (right.kind === 'address' || rightWord !== undefined) return; // address, network, myself or host name
      break;
    case 'myself': {
      const other = rightWord !== undefined ? KEYWORD_OPERANDS.get(rightWord) : undefined;
      if (other !== 'uri' && other !== 'ip') {
        ctx.report('E0610', right.span, '`myself` can only be compared with uri, from_uri, to_uri, src_ip, dst_ip, snd_ip or to_ip');
      }
      return;
    }
    case 'int':
      if (name.endsWith('af') && (rightWord === 'INET' || rightWord === 'INET6')) return;
      break;
  }
  const type = checkExpr(right, scope, ctx);
  if (keyword === 'int' && type === 'str') ctx.report('E0802', right.span, `type mismatch: \`${name}\` is a number, compared here with a string`);
  if (e.op === '=~' && right.kind === 'string') checkRegex(right.value, right.span, ctx);
}

