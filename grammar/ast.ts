// The action tree: what the parser builds from a script, before any name is
// resolved. Every node carries the span of the text it came from.

import type { Span } from './source.js';

export type RouteKind = 'request' | 'failure' | 'onreply' | 'reply' | 'branch' | 'onsend' | 'event';

export interface Script {
  readonly items: readonly TopItem[];
}

export type TopItem =
  | GlobalParam
  | CfgVar
  | LoadModule
  | LoadPath
  | ModParam
  | FlagsDecl
  | CfgEngine
  | RouteBlock;

/** `name = value ...` in the global section. */
export interface GlobalParam {
  readonly kind: 'global';
  readonly name: string;
  readonly nameSpan: Span;
  /** The value as written: one or more elements (`listen=udp:a:5060 advertise b:5060`). */
  readonly value: readonly GlobalElement[];
  readonly span: Span;
}

/** One element of a global value: a number, a string, or an address-like `a:b:c` run. */
export type GlobalElement =
  | { readonly kind: 'number'; readonly value: number; readonly image: string; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'address'; readonly parts: readonly AddressPart[]; readonly span: Span };

/** One `:`-separated part of an address: `udp`, `10.0.0.1`, `[::1]`, `5060`, `*`, `(eth0, eth1)`. */
export type AddressPart =
  | { readonly kind: 'name'; readonly text: string; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly image: string; readonly span: Span }
  | { readonly kind: 'ip'; readonly text: string; readonly version: 4 | 6; readonly span: Span }
  | { readonly kind: 'any'; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'list'; readonly names: readonly AddressPart[]; readonly span: Span };

/** `group.name = value [desc "text"]`: a custom configuration variable. */
export interface CfgVar {
  readonly kind: 'cfgvar';
  readonly group: string;
  readonly instance: number | undefined;
  readonly name: string;
  readonly value: GlobalElement | undefined;
  readonly description: string | undefined;
  readonly span: Span;
}

export interface LoadModule {
  readonly kind: 'loadmodule';
  readonly path: string;
  readonly pathSpan: Span;
  readonly span: Span;
}

export interface LoadPath {
  readonly kind: 'loadpath';
  readonly path: string;
  readonly span: Span;
}

export interface ModParam {
  readonly kind: 'modparam';
  /** `modparamx`: pseudo-variables in the three strings are evaluated at start-up. */
  readonly evaluated: boolean;
  readonly module: Expr;
  readonly param: Expr;
  readonly value: Expr;
  readonly span: Span;
}

export interface FlagsDecl {
  readonly kind: 'flags';
  /** `flags` declares message flags, `avpflags` AVP flags. */
  readonly avp: boolean;
  readonly flags: ReadonlyArray<{ readonly name: string; readonly bit: number | undefined; readonly span: Span }>;
  readonly span: Span;
}

export interface CfgEngine {
  readonly kind: 'cfgengine';
  readonly engine: string;
  readonly span: Span;
}

export interface RouteBlock {
  readonly kind: 'route';
  readonly route: RouteKind;
  /** The name inside `[...]`; undefined for the unnamed block of its kind. */
  readonly name: string | undefined;
  readonly nameSpan: Span | undefined;
  /** True when the name is written as a string (`route["udp"]`), where a keyword may name a route. */
  readonly nameQuoted: boolean;
  /** The keyword as written (`route`, `request_route`, `onreply_route`, ...). */
  readonly keyword: string;
  readonly body: readonly Statement[];
  readonly span: Span;
}

// ---- statements -------------------------------------------------------------

export type Statement =
  | CallStatement
  | IfStatement
  | SwitchStatement
  | WhileStatement
  | ReturnStatement
  | BreakStatement
  | AssignStatement;

export interface CallStatement {
  readonly kind: 'call';
  readonly call: Call;
  readonly span: Span;
}

export interface IfStatement {
  readonly kind: 'if';
  readonly condition: Expr;
  readonly then: readonly Statement[];
  readonly else: readonly Statement[] | undefined;
  readonly span: Span;
}

export interface SwitchStatement {
  readonly kind: 'switch';
  readonly subject: Expr;
  readonly cases: readonly SwitchCase[];
  readonly span: Span;
}

export interface SwitchCase {
  /** undefined for `default:`. */
  readonly label: Expr | undefined;
  /** `case /"regex":` */
  readonly regex: boolean;
  readonly body: readonly Statement[];
  readonly span: Span;
}

export interface WhileStatement {
  readonly kind: 'while';
  readonly condition: Expr;
  readonly body: readonly Statement[];
  readonly span: Span;
}

/** `return`, `exit` and `drop`, with an optional value. */
export interface ReturnStatement {
  readonly kind: 'return' | 'exit' | 'drop';
  readonly value: Expr | undefined;
  readonly span: Span;
}

export interface BreakStatement {
  readonly kind: 'break';
  readonly span: Span;
}

export interface AssignStatement {
  readonly kind: 'assign';
  readonly target: PvRef;
  readonly op: '=' | '+=';
  readonly value: Expr;
  readonly span: Span;
}

// ---- expressions ------------------------------------------------------------

export type BinaryOp =
  | '||' | '&&' | '|' | '&' | '^' | '<<' | '>>'
  | '==' | '!=' | '=~' | 'ieq' | 'ine' | 'eq' | 'ne'
  | '>' | '<' | '>=' | '<='
  | '+' | '-' | '*' | '/' | 'mod';

export type UnaryOp = '!' | '~' | '-' | 'defined' | '(int)' | '(str)' | 'strlen' | 'strempty';

export type Expr =
  | NumberExpr
  | StringExpr
  | PvRef
  | SelectExpr
  | WordExpr
  | AddressExpr
  | SocketExpr
  | UnaryExpr
  | BinaryExpr
  | CallExpr
  | BlockExpr
  | AssignExpr;

export interface NumberExpr {
  readonly kind: 'number';
  readonly value: number;
  /** The text as written (`0x10`, `yes`). */
  readonly image: string;
  readonly span: Span;
}

export interface StringExpr {
  readonly kind: 'string';
  readonly value: string;
  readonly quote: '"' | "'";
  readonly span: Span;
}

/** A pseudo-variable as written, e.g. `$ru`, `$(hdr(Via)[1])`; its inner syntax is parsed by pv/. */
export interface PvRef {
  readonly kind: 'pv';
  readonly text: string;
  readonly span: Span;
}

export interface SelectExpr {
  readonly kind: 'select';
  readonly text: string;
  readonly span: Span;
}

/** A bare name: a core keyword (`method`, `uri`, `myself`, `udp`, ...), a flag name, or a host name. */
export interface WordExpr {
  readonly kind: 'word';
  readonly name: string;
  /** Written as `(name)`: never the keyword side of a comparison, as in Kamailio. */
  readonly parenthesized?: boolean;
  readonly span: Span;
}

/** An IP address literal, optionally with a mask (`10.0.0.0/8`). */
export interface AddressExpr {
  readonly kind: 'address';
  readonly text: string;
  readonly version: 4 | 6;
  readonly span: Span;
}

/** A `proto:host:port` argument (`force_send_socket(udp:10.0.0.1:5060)`). */
export interface SocketExpr {
  readonly kind: 'socket';
  readonly parts: readonly Expr[];
  readonly span: Span;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** A function call: a core function, a module command, or `route(NAME)`. */
export interface Call {
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Expr[];
  /** False for the bare form (`force_rport;`), which only some core functions allow. */
  readonly parens: boolean;
  readonly span: Span;
}

export interface CallExpr {
  readonly kind: 'call';
  readonly call: Call;
  readonly span: Span;
}

/** `($var(x) = value)`: an assignment whose value is the value assigned (the checker requires a pseudo-variable target). */
export interface AssignExpr {
  readonly kind: 'assign';
  readonly target: Expr;
  readonly value: Expr;
  readonly span: Span;
}

/** `{ actions }` used as a value. */
export interface BlockExpr {
  readonly kind: 'block';
  readonly body: readonly Statement[];
  readonly span: Span;
}
