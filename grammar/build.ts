// CST -> action tree. Walks the Chevrotain concrete syntax tree and builds the
// typed nodes of ast.ts, applying Kamailio's operator precedence to the flat
// operand/operator runs the grammar reads. Subtrees that error recovery left
// incomplete are skipped (their error is already reported).

import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { joinSpans, type Span } from './source.js';
import type { Token } from './token.js';
import * as T from './tokens.js';

type Children = Record<string, CstElement[] | undefined>;

function isNode(e: CstElement | undefined): e is CstNode {
  return e !== undefined && 'children' in e;
}

function tokens(c: Children, key: string): Token[] {
  return (c[key] ?? []).filter((e): e is IToken => !isNode(e)) as Token[];
}

function token(c: Children, key: string): Token | undefined {
  const list = c[key];
  if (list === undefined) return undefined;
  for (const e of list) {
    if (isNode(e)) continue;
    const t = e as Token;
    return !isNaN(t.startOffset) && t.span ? t : undefined;
  }
  return undefined;
}

function nodes(c: Children, key: string): CstNode[] {
  return (c[key] ?? []).filter(isNode);
}

function node(c: Children, key: string): CstNode | undefined {
  const list = c[key];
  if (list !== undefined) for (const e of list) if (isNode(e)) return e;
  return undefined;
}

const ranges = new WeakMap<CstNode, readonly [Token, Token] | null>();

/** The first and last real tokens under a node, by stream position (memoised: each node is visited once). */
function range(n: CstNode): readonly [Token, Token] | undefined {
  const cached = ranges.get(n);
  if (cached !== undefined) return cached ?? undefined;
  let first: Token | undefined;
  let last: Token | undefined;
  const children = n.children as Children;
  for (const key in children) {
    const list = children[key]!;
    for (let i = 0; i < list.length; i++) {
      const e = list[i]!;
      let lo: Token;
      let hi: Token;
      if (isNode(e)) {
        const r = range(e);
        if (!r) continue;
        lo = r[0];
        hi = r[1];
      } else if ((e as Token).span && (e as Token).index !== undefined) {
        lo = hi = e as Token;
      } else {
        continue;
      }
      if (!first || lo.index! < first.index!) first = lo;
      if (!last || hi.index! > last.index!) last = hi;
    }
  }
  const result = first && last ? ([first, last] as const) : undefined;
  ranges.set(n, result ?? null);
  return result;
}

/** The tokens directly or indirectly under a node, in stream order. */
function tokensIn(n: CstNode): Token[] {
  const out: Token[] = [];
  const walk = (x: CstNode): void => {
    for (const list of Object.values(x.children)) {
      for (const e of list ?? []) {
        if (isNode(e)) walk(e);
        else if ((e as Token).index !== undefined) out.push(e as Token);
      }
    }
  };
  walk(n);
  return out.sort((a, b) => a.index! - b.index!);
}

/** The span from the first to the last token of a node (undefined if it has none). */
function spanOf(n: CstNode): Span | undefined {
  const r = range(n);
  return r ? joinSpans(r[0].span, r[1].span) : undefined;
}

const BINARY_OPS = new Map<string, A.BinaryOp>([
  ['LogOr', '||'], ['LogAnd', '&&'], ['BitOr', '|'], ['BitAnd', '&'], ['BitXor', '^'],
  ['ShiftLeft', '<<'], ['ShiftRight', '>>'], ['Equal', '=='], ['NotEqual', '!='], ['Match', '=~'],
  ['IntEqual', 'ieq'], ['IntNotEqual', 'ine'], ['StrEqual', 'eq'], ['StrNotEqual', 'ne'],
  ['Greater', '>'], ['Less', '<'], ['GreaterEqual', '>='], ['LessEqual', '<='],
  ['Plus', '+'], ['Minus', '-'], ['Star', '*'], ['Slash', '/'], ['Modulo', 'mod'],
]);

const PREFIX_OPS = new Map<string, A.UnaryOp>([
  ['Not', '!'], ['BitNot', '~'], ['Minus', '-'], ['Defined', 'defined'], ['IntCast', '(int)'], ['StrCast', '(str)'],
]);

const ROUTE_KINDS = new Map<string, A.RouteKind>([
  ['route', 'request'], ['request_route', 'request'], ['failure_route', 'failure'],
  ['onreply_route', 'onreply'], ['reply_route', 'reply'], ['branch_route', 'branch'],
  ['onsend_route', 'onsend'], ['event_route', 'event'],
]);

export function buildScript(cst: CstNode): A.Script {
  const items: A.TopItem[] = [];
  for (const item of nodes(cst.children, 'topItem')) {
    const built = buildTopItem(item);
    if (built) items.push(built);
  }
  return { items };
}

function buildTopItem(n: CstNode): A.TopItem | undefined {
  const c = n.children;
  const inner = node(c, 'routeBlock') ?? node(c, 'loadModule') ?? node(c, 'loadPath') ?? node(c, 'modParam')
    ?? node(c, 'flagsDecl') ?? node(c, 'cfgEngine') ?? node(c, 'globalAssign');
  if (!inner) return undefined;
  const span = spanOf(inner);
  if (!span) return undefined;
  const ic = inner.children;
  switch (inner.name) {
    case 'routeBlock':
      return buildRoute(ic, span);
    case 'loadModule': {
      const path = token(ic, 'StringLiteral');
      return path && { kind: 'loadmodule', path: String(path.value), pathSpan: path.span, span };
    }
    case 'loadPath': {
      const path = token(ic, 'StringLiteral');
      return path && { kind: 'loadpath', path: String(path.value), span };
    }
    case 'modParam': {
      const [module, param, value] = nodes(ic, 'expression').map(buildExpr);
      const evaluated = token(ic, 'ModParam')?.image === 'modparamx';
      return module && param && value ? { kind: 'modparam', evaluated, module, param, value, span } : undefined;
    }
    case 'flagsDecl':
      return {
        kind: 'flags',
        avp: token(ic, 'AvpFlagsDecl') !== undefined,
        flags: nodes(ic, 'flagSpec').flatMap((f) => {
          const name = token(f.children, 'Identifier') ?? token(f.children, 'StringLiteral');
          const bit = token(f.children, 'NumberLiteral');
          return name ? [{ name: String(name.value), bit: bit ? Number(bit.value) : undefined, span: name.span }] : [];
        }),
        span,
      };
    case 'cfgEngine': {
      const engine = token(ic, 'StringLiteral');
      return engine && { kind: 'cfgengine', engine: String(engine.value), span };
    }
    default:
      return buildGlobal(ic, span);
  }
}

function cfgName(n: CstNode | undefined): Token | undefined {
  return n && (token(n.children, 'Identifier') ?? token(n.children, 'Default'));
}

function buildGlobal(c: Children, span: Span): A.GlobalParam | A.CfgVar | undefined {
  const [first, member] = nodes(c, 'cfgName').map(cfgName);
  if (!first) return undefined;
  const value = nodes(c, 'globalElement').map(buildGlobalElement).filter((e): e is A.GlobalElement => e !== undefined);
  const memberNode = node(c, 'member');
  const memberToken = member ?? cfgName(memberNode);
  if (memberToken) {
    const instance = token(c, 'instance');
    const descIndex = value.findIndex((e) => e.kind === 'address' && e.parts.length === 1 && e.parts[0]!.kind === 'name' && /^(desc|descr|description)$/.test(e.parts[0]!.text));
    const description = descIndex >= 0 ? value[descIndex + 1] : undefined;
    return {
      kind: 'cfgvar',
      group: first.image,
      instance: instance ? Number(instance.value) : undefined,
      name: memberToken.image,
      value: descIndex === 0 ? undefined : value[0],
      description: description?.kind === 'string' ? description.value : undefined,
      span,
    };
  }
  return { kind: 'global', name: first.image, nameSpan: first.span, value, span };
}

function buildGlobalElement(n: CstNode): A.GlobalElement | undefined {
  const span = spanOf(n);
  if (!span) return undefined;
  const minus = token(n.children, 'Minus');
  const parts = nodes(n.children, 'addressPart').map(buildAddressPart).filter((p): p is A.AddressPart => p !== undefined);
  if (parts.length === 1) {
    const only = parts[0]!;
    if (only.kind === 'number') return { kind: 'number', value: minus ? -only.value : only.value, image: minus ? `-${only.image}` : only.image, span };
    if (only.kind === 'string' && !minus) return { kind: 'string', value: only.value, span };
  }
  return parts.length > 0 ? { kind: 'address', parts, span } : undefined;
}

function buildAddressPart(n: CstNode): A.AddressPart | undefined {
  const c = n.children;
  const span = spanOf(n);
  if (!span) return undefined;
  const num = token(c, 'NumberLiteral');
  if (num) return { kind: 'number', value: Number(num.value), image: num.image, span };
  const str = token(c, 'StringLiteral');
  if (str) return { kind: 'string', value: String(str.value), span };
  const v4 = token(c, 'IPv4');
  if (v4) return { kind: 'ip', text: v4.image, version: 4, span };
  const v6 = token(c, 'IPv6');
  if (v6) return { kind: 'ip', text: v6.image, version: 6, span };
  if (token(c, 'Star')) return { kind: 'any', span };
  const list = nodes(c, 'addressPart');
  if (list.length > 0) return { kind: 'list', names: list.map(buildAddressPart).filter((p): p is A.AddressPart => p !== undefined), span };
  const host = node(c, 'hostName');
  return host ? { kind: 'name', text: hostText(host), span } : undefined;
}

function hostText(n: CstNode): string {
  return tokensIn(n).map((t) => t.image).join('');
}

function buildRoute(c: Children, span: Span): A.RouteBlock | undefined {
  const keyword = token(c, 'keyword');
  if (!keyword) return undefined;
  const nameNode = node(c, 'routeName');
  const nameToken = nameNode ? tokensIn(nameNode)[0] : undefined;
  const block = node(c, 'block');
  return {
    kind: 'route',
    route: ROUTE_KINDS.get(keyword.image)!,
    keyword: keyword.image,
    name: nameToken ? String(nameToken.value) : undefined,
    nameSpan: nameToken?.span,
    nameQuoted: nameToken?.tokenType === T.StringLiteral,
    body: block ? buildStatements(nodes(block.children, 'statement')) : [],
    span,
  };
}

// ---- statements -------------------------------------------------------------

function buildStatements(list: CstNode[]): A.Statement[] {
  const out: A.Statement[] = [];
  for (const n of list) {
    const s = buildStatement(n);
    if (s) out.push(s);
  }
  return out;
}

function buildBody(n: CstNode | undefined): A.Statement[] | undefined {
  if (!n) return undefined;
  const block = node(n.children, 'block');
  if (block) return buildStatements(nodes(block.children, 'statement'));
  const statement = node(n.children, 'statement');
  return statement ? buildStatements([statement]) : undefined;
}

function buildStatement(n: CstNode): A.Statement | undefined {
  const inner = Object.values(n.children).flat().find(isNode);
  if (!inner) return undefined;
  const span = spanOf(inner);
  if (!span) return undefined;
  const c = inner.children;
  switch (inner.name) {
    case 'ifStatement': {
      const condition = buildCondition(node(c, 'expression'));
      const then = buildBody(node(c, 'then'));
      if (!condition || !then) return undefined;
      return { kind: 'if', condition, then, else: buildBody(node(c, 'else')), span };
    }
    case 'whileStatement': {
      const condition = buildCondition(node(c, 'expression'));
      const body = buildBody(node(c, 'body'));
      return condition && body ? { kind: 'while', condition, body, span } : undefined;
    }
    case 'switchStatement': {
      const subject = buildCondition(node(c, 'expression'));
      if (!subject) return undefined;
      const cases: A.SwitchCase[] = [];
      for (const k of nodes(c, 'caseClause')) {
        const kspan = spanOf(k);
        if (!kspan) continue;
        const label = buildExprNode(node(k.children, 'expression'));
        const isDefault = token(k.children, 'Default') !== undefined;
        if (!isDefault && !label) continue;
        cases.push({
          label: isDefault ? undefined : label,
          regex: token(k.children, 'Slash') !== undefined,
          body: buildStatements(nodes(k.children, 'statement')),
          span: kspan,
        });
      }
      return { kind: 'switch', subject, cases, span };
    }
    case 'returnStatement': {
      const keyword = token(c, 'keyword');
      if (!keyword) return undefined;
      const kind = keyword.image as 'return' | 'exit' | 'drop';
      return { kind, value: buildExprNode(node(c, 'expression')), span };
    }
    case 'breakStatement':
      return { kind: 'break', span };
    case 'assignStatement': {
      const target = token(c, 'PseudoVariable');
      const value = buildExprNode(node(c, 'expression'));
      if (!target || !value) return undefined;
      return {
        kind: 'assign',
        target: { kind: 'pv', text: target.image, span: target.span },
        op: token(c, 'PlusAssign') ? '+=' : '=',
        value,
        span,
      };
    }
    case 'callStatement': {
      const call = buildCall(node(c, 'call'));
      return call && { kind: 'call', call, span };
    }
    default:
      return undefined;
  }
}

function buildCall(n: CstNode | undefined): A.Call | undefined {
  if (!n) return undefined;
  const span = spanOf(n);
  const name = token(n.children, 'name');
  if (!span || !name) return undefined;
  const argsNode = node(n.children, 'callArguments');
  const args: A.Expr[] = [];
  for (const arg of argsNode ? nodes(argsNode.children, 'argument') : []) {
    const parts = nodes(arg.children, 'expression').map(buildExpr);
    if (parts.some((p) => p === undefined)) return undefined;
    const aspan = spanOf(arg)!;
    args.push(parts.length === 1 ? parts[0]! : { kind: 'socket', parts: parts as A.Expr[], span: aspan });
  }
  return { name: name.image, nameSpan: name.span, args, parens: argsNode !== undefined, span };
}

// ---- expressions ------------------------------------------------------------

function buildExprNode(n: CstNode | undefined): A.Expr | undefined {
  return n ? buildExpr(n) : undefined;
}

/** What `if`, `while` and `switch` test: their parentheses are the statement's, so `if (uri)` is `uri` written bare. */
function buildCondition(n: CstNode | undefined): A.Expr | undefined {
  const expr = buildExprNode(n);
  if (expr?.kind !== 'word') return expr;
  const { parenthesized: _, ...bare } = expr;
  return bare;
}

/** Applies precedence climbing to the flat `unary (op unary)*` run. */
function buildExpr(n: CstNode): A.Expr | undefined {
  const operands = nodes(n.children, 'unaryExpr').map(buildUnary);
  const ops = tokens(n.children, 'BinaryOperator');
  if (operands.length === 0 || operands.some((o) => o === undefined) || ops.length !== operands.length - 1) return undefined;
  let index = 0;
  const next = (): A.Expr => operands[index]!;
  const climb = (minLevel: number): A.Expr => {
    let left = next();
    while (index < ops.length) {
      const op = ops[index]!;
      const level = T.PRECEDENCE.get(op.tokenType)!;
      if (level < minLevel) break;
      index++;
      const right = climb(level + 1);
      left = binaryNode(op, left, right, level);
    }
    return left;
  };
  return climb(0);
}

/** Comparison levels of PRECEDENCE (`==` ... `ne`, then `>` ... `<=`). */
const COMPARISON_LEVELS = new Set([8, 9]);

/** Prefixes that Kamailio applies to a whole keyword comparison (`defined` stays on the word, where it is an error). */
const COMPARISON_PREFIXES = new Set<A.UnaryOp>(['!', '~', '-', '(int)', '(str)']);

/** Expressions written inside parentheses: `(!uri) == myself` is not a keyword comparison. */
const parenthesized = new WeakSet<A.Expr>();

/** The prefixes written before a bare word (`!`, `!!`, `-`...), outermost first, or undefined when `e` is not such a run. */
function prefixesOfWord(e: A.Expr): A.UnaryExpr[] | undefined {
  const chain: A.UnaryExpr[] = [];
  let at = e;
  while (at.kind === 'unary' && COMPARISON_PREFIXES.has(at.op) && !parenthesized.has(at)) {
    chain.push(at);
    at = at.operand;
  }
  return chain.length > 0 && at.kind === 'word' && !at.parenthesized ? chain : undefined;
}

/**
 * Builds `left op right`. A core keyword comparison (`uri == myself`,
 * `method == "ACK"`) is one element in Kamailio's grammar, so the prefixes
 * written before its bare-word left side apply to the whole comparison:
 * `!uri == myself` is `!(uri == myself)`, `!!method == "ACK"` is
 * `!!(method == "ACK")`. Before anything else `!` binds tighter:
 * `!$var(a) == 1` is `(!$var(a)) == 1`.
 */
function binaryNode(op: Token, left: A.Expr, right: A.Expr, level: number): A.Expr {
  const prefixes = COMPARISON_LEVELS.has(level) ? prefixesOfWord(left) : undefined;
  const l = prefixes ? prefixes[prefixes.length - 1]!.operand : left;
  let built: A.Expr = {
    kind: 'binary',
    op: BINARY_OPS.get(op.tokenType.name)!,
    opSpan: op.span,
    left: l,
    right,
    span: joinSpans(l.span, right.span),
  };
  for (const p of (prefixes ?? []).reverse()) built = { kind: 'unary', op: p.op, operand: built, span: joinSpans(p.span, right.span) };
  return built;
}

function buildUnary(n: CstNode): A.Expr | undefined {
  const primary = node(n.children, 'primary');
  let expr = primary ? buildPrimary(primary) : undefined;
  if (!expr) return undefined;
  const prefixes = tokens(n.children, 'prefix');
  for (let i = prefixes.length - 1; i >= 0; i--) {
    const p = prefixes[i]!;
    expr = { kind: 'unary', op: PREFIX_OPS.get(p.tokenType.name)!, operand: expr, span: joinSpans(p.span, expr.span) };
  }
  return expr;
}

function buildPrimary(n: CstNode): A.Expr | undefined {
  const c = n.children;
  const span = spanOf(n);
  if (!span) return undefined;
  const num = token(c, 'NumberLiteral');
  if (num) return { kind: 'number', value: Number(num.value), image: num.image, span };
  const str = token(c, 'StringLiteral');
  if (str) return { kind: 'string', value: String(str.value), quote: str.quote ?? '"', span };
  const pv = token(c, 'PseudoVariable');
  if (pv) return { kind: 'pv', text: pv.image, span };
  const sel = token(c, 'Select');
  if (sel) return { kind: 'select', text: sel.image, span };
  const v4 = token(c, 'IPv4');
  if (v4) return { kind: 'address', text: v4.image, version: 4, span };
  const v6 = token(c, 'IPv6');
  if (v6) return { kind: 'address', text: v6.image, version: 6, span };
  const builtin = token(c, 'builtin');
  if (builtin) {
    const operand = buildExprNode(node(c, 'expression'));
    return operand && { kind: 'unary', op: builtin.tokenType === T.StrLen ? 'strlen' : 'strempty', operand, span };
  }
  const assigned = node(c, 'assigned');
  const inner = node(c, 'expression');
  if (inner && assigned) {
    const target = buildExpr(inner);
    const value = buildExpr(assigned);
    return target && value && { kind: 'assign', target, value, span };
  }
  if (inner) {
    const expr = buildExpr(inner);
    if (expr?.kind === 'word') return { ...expr, parenthesized: true };
    if (expr) parenthesized.add(expr);
    return expr;
  }
  const call = node(c, 'callExpression');
  if (call) {
    const built = buildCall(call);
    return built && { kind: 'call', call: built, span };
  }
  const host = node(c, 'hostName');
  if (host) return { kind: 'word', name: hostText(host), span };
  if (token(c, 'LBrace')) return { kind: 'block', body: buildStatements(nodes(c, 'statement')), span };
  return undefined;
}
