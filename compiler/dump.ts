// `siprc dump-actions`: prints what a script resolved to, route by route,
// each action with its arguments, what it resolved to, and its file:line:col.
// Expressions are printed fully parenthesised, so precedence is visible.

import type { AddressPart, Call, Expr, GlobalElement, RouteBlock, Statement } from '../grammar/ast.js';
import type { SourceSet, Span } from '../grammar/source.js';
import { ROUTE_TYPE_NAMES } from '../runtime/route-type.js';
import type { CheckedScript } from './check.js';
import { routeLabel } from './resolve/routes.js';

const POSITION_COLUMN = 64;

class Printer {
  private readonly lines: string[] = [];

  constructor(
    private readonly checked: CheckedScript,
    private readonly sources: SourceSet,
  ) {}

  line(depth: number, text: string, span?: Span): void {
    const body = `${'  '.repeat(depth)}${text}`;
    if (!span) {
      this.lines.push(body);
      return;
    }
    const pad = Math.max(1, POSITION_COLUMN - body.length);
    this.lines.push(`${body}${' '.repeat(pad)}@ ${this.sources.describe(span)}`);
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }

  script(): void {
    const { parse, modules } = this.checked;
    const globals = parse.script.items.filter((i) => i.kind === 'global' || i.kind === 'cfgvar');
    if (globals.length > 0) {
      this.line(0, 'globals');
      for (const g of globals) {
        if (g.kind === 'global') this.line(1, `${g.name} = ${g.value.map(element).join(' ')}`, g.span);
        else if (g.kind === 'cfgvar') this.line(1, `${g.group}${g.instance === undefined ? '' : `[${g.instance}]`}.${g.name} = ${g.value ? element(g.value) : '?'}`, g.span);
      }
    }
    if (this.checked.flags.size > 0) {
      this.line(0, 'flags');
      for (const [name, bit] of this.checked.flags) this.line(1, `${name} = ${bit}`);
    }
    if (modules.length > 0) {
      this.line(0, 'modules');
      for (const m of modules) this.line(1, `${m.name}${m.decl ? '' : ' [not available]'}`, m.span);
    }
    for (const block of this.checked.routes.blocks) this.route(block);
  }

  route(block: RouteBlock): void {
    this.line(0, '');
    this.line(0, routeLabel(block), block.span);
    const types = this.checked.routeTypes.get(block) ?? [];
    this.line(1, `runs in: ${types.map((t) => ROUTE_TYPE_NAMES[t]).join(', ') || 'nothing (never called)'}`);
    this.statements(block.body, 1);
  }

  statements(list: readonly Statement[], depth: number): void {
    for (const s of list) this.statement(s, depth);
  }

  statement(s: Statement, depth: number): void {
    switch (s.kind) {
      case 'call':
        this.line(depth, this.call(s.call), s.span);
        return;
      case 'assign':
        this.line(depth, `assign ${s.target.text} ${s.op} ${this.expr(s.value)}`, s.span);
        return;
      case 'if':
        this.line(depth, `if ${this.expr(s.condition)}`, s.span);
        this.line(depth + 1, 'then:');
        this.statements(s.then, depth + 2);
        if (s.else) {
          this.line(depth + 1, 'else:');
          this.statements(s.else, depth + 2);
        }
        return;
      case 'while':
        this.line(depth, `while ${this.expr(s.condition)}`, s.span);
        this.statements(s.body, depth + 1);
        return;
      case 'switch':
        this.line(depth, `switch ${this.expr(s.subject)}`, s.span);
        for (const c of s.cases) {
          this.line(depth + 1, c.label ? `case ${c.regex ? '/' : ''}${this.expr(c.label)}:` : 'default:', c.span);
          this.statements(c.body, depth + 2);
        }
        return;
      case 'return':
      case 'exit':
      case 'drop':
        this.line(depth, s.value ? `${s.kind} ${this.expr(s.value)}` : s.kind, s.span);
        return;
      case 'break':
        this.line(depth, 'break', s.span);
        return;
    }
  }

  call(call: Call): string {
    const args = call.args.map((a) => this.expr(a)).join(', ');
    const written = `${call.name}(${args})`;
    const target = this.checked.calls.get(call);
    if (!target) return `${written} [unresolved]`;
    switch (target.kind) {
      case 'core':
        return `${written} [core]`;
      case 'route':
        return target.route ? `${written} -> ${routeLabel(target.route)}` : `${written} -> (chosen at run time)`;
      case 'module':
        return `${written} [${target.module}]`;
      case 'unavailable':
        return `${written} [${target.module}: not available]`;
    }
  }

  expr(e: Expr): string {
    switch (e.kind) {
      case 'number':
        return e.image;
      case 'string':
        return JSON.stringify(e.value);
      case 'pv':
      case 'select':
        return e.text;
      case 'word':
        return e.name;
      case 'address':
        return e.text;
      case 'socket':
        return e.parts.map((p) => this.expr(p)).join(':');
      case 'unary':
        return e.op === 'strlen' || e.op === 'strempty' ? `${e.op}(${this.expr(e.operand)})` : `(${e.op}${/^[a-z]/.test(e.op) ? ' ' : ''}${this.expr(e.operand)})`;
      case 'binary':
        return `(${this.expr(e.left)} ${e.op} ${this.expr(e.right)})`;
      case 'call':
        return this.call(e.call);
      case 'block':
        return `{ ${e.body.length} statement${e.body.length === 1 ? '' : 's'} }`;
      case 'assign':
        return `(${this.expr(e.target)} = ${this.expr(e.value)})`;
    }
  }
}

/** A global setting's value element as the script wrote it (without its position). */
export function element(e: GlobalElement | AddressPart): string {
  switch (e.kind) {
    case 'number':
      return e.image;
    case 'string':
      return JSON.stringify(e.value);
    case 'address':
      return e.parts.map(element).join(':');
    case 'list':
      return `(${e.names.map(element).join(', ')})`;
    case 'any':
      return '*';
    default:
      return e.text;
  }
}

export function dumpActions(checked: CheckedScript): string {
  const printer = new Printer(checked, checked.parse.sources);
  printer.script();
  return printer.text();
}
