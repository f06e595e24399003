// The token vocabulary shared by the scanner (which produces tokens) and the
// Chevrotain parser (which consumes them). Patterns are Lexer.NA: siprc's
// scanner is hand-written because Kamailio's lexing is stateful (defines,
// #!ifdef skipping, pseudo-variables with nested parentheses, adjacent string
// concatenation); see docs/architecture.md.

import { createToken, Lexer, type TokenType } from 'chevrotain';

const NA = Lexer.NA;

function token(name: string, label: string, categories?: TokenType[]): TokenType {
  return createToken({ name, pattern: NA, label, ...(categories ? { categories } : {}) });
}

// Categories used by the parser for whole groups of tokens.
export const BinaryOperator = token('BinaryOperator', 'binary operator');

/** Precedence of each binary operator token, lowest first (Kamailio's cfg.y order). */
export const PRECEDENCE = new Map<TokenType, number>();

function binary(name: string, label: string, level: number): TokenType {
  const type = token(name, label, [BinaryOperator]);
  PRECEDENCE.set(type, level);
  return type;
}

// Literals and names.
export const Identifier = token('Identifier', 'identifier');
export const NumId = token('NumId', 'name');
export const NumberLiteral = token('NumberLiteral', 'number');
export const StringLiteral = token('StringLiteral', 'string');
export const PseudoVariable = token('PseudoVariable', 'pseudo-variable');
export const Select = token('Select', 'select');
export const IPv4 = token('IPv4', 'IPv4 address');
export const IPv6 = token('IPv6', 'IPv6 address');
export const EventRouteName = token('EventRouteName', 'event route name');

// Keywords.
export const If = token('If', '`if`');
export const Else = token('Else', '`else`');
export const Switch = token('Switch', '`switch`');
export const Case = token('Case', '`case`');
export const Default = token('Default', '`default`');
export const While = token('While', '`while`');
export const Break = token('Break', '`break`');
export const Return = token('Return', '`return`');
export const Exit = token('Exit', '`exit`');
export const Drop = token('Drop', '`drop`');
export const Route = token('Route', '`route`');
export const RequestRoute = token('RequestRoute', '`request_route`');
export const FailureRoute = token('FailureRoute', '`failure_route`');
export const OnReplyRoute = token('OnReplyRoute', '`onreply_route`');
export const ReplyRoute = token('ReplyRoute', '`reply_route`');
export const BranchRoute = token('BranchRoute', '`branch_route`');
export const OnSendRoute = token('OnSendRoute', '`onsend_route`');
export const EventRoute = token('EventRoute', '`event_route`');
export const LoadModule = token('LoadModule', '`loadmodule`');
export const LoadPath = token('LoadPath', '`loadpath`');
export const ModParam = token('ModParam', '`modparam`');
export const FlagsDecl = token('FlagsDecl', '`flags`');
export const AvpFlagsDecl = token('AvpFlagsDecl', '`avpflags`');
export const CfgEngine = token('CfgEngine', '`cfgengine`');
export const Defined = token('Defined', '`defined`');
export const StrLen = token('StrLen', '`strlen`');
export const StrEmpty = token('StrEmpty', '`strempty`');

// Punctuation.
export const LParen = token('LParen', '`(`');
export const RParen = token('RParen', '`)`');
export const LBrace = token('LBrace', '`{`');
export const RBrace = token('RBrace', '`}`');
export const LBracket = token('LBracket', '`[`');
export const RBracket = token('RBracket', '`]`');
export const Comma = token('Comma', '`,`');
export const Semicolon = token('Semicolon', '`;`');
export const Colon = token('Colon', '`:`');
export const Dot = token('Dot', '`.`');
export const Assign = token('Assign', '`=`');
export const PlusAssign = token('PlusAssign', '`+=`');

// Unary-only operators.
export const Not = token('Not', '`!`');
export const BitNot = token('BitNot', '`~`');
export const IntCast = token('IntCast', '`(int)`');
export const StrCast = token('StrCast', '`(str)`');

// Binary operators, lowest precedence first.
export const LogOr = binary('LogOr', '`||`', 1);
export const LogAnd = binary('LogAnd', '`&&`', 2);
export const BitOr = binary('BitOr', '`|`', 3);
export const BitAnd = binary('BitAnd', '`&`', 4);
export const BitXor = binary('BitXor', '`^`', 5);
export const ShiftLeft = binary('ShiftLeft', '`<<`', 6);
export const ShiftRight = binary('ShiftRight', '`>>`', 7);
export const Equal = binary('Equal', '`==`', 8);
export const NotEqual = binary('NotEqual', '`!=`', 8);
export const Match = binary('Match', '`=~`', 8);
export const IntEqual = binary('IntEqual', '`ieq`', 8);
export const IntNotEqual = binary('IntNotEqual', '`ine`', 8);
export const StrEqual = binary('StrEqual', '`eq`', 8);
export const StrNotEqual = binary('StrNotEqual', '`ne`', 8);
export const Greater = binary('Greater', '`>`', 9);
export const Less = binary('Less', '`<`', 9);
export const GreaterEqual = binary('GreaterEqual', '`>=`', 9);
export const LessEqual = binary('LessEqual', '`<=`', 9);
export const Plus = binary('Plus', '`+`', 10);
export const Minus = binary('Minus', '`-`', 10);
export const Star = binary('Star', '`*`', 11);
export const Slash = binary('Slash', '`/`', 11);
export const Modulo = binary('Modulo', '`mod`', 11);

/** Every token type, in the order the parser must know them. */
export const ALL_TOKENS: TokenType[] = [
  BinaryOperator,
  Identifier, NumId, NumberLiteral, StringLiteral, PseudoVariable, Select, IPv4, IPv6, EventRouteName,
  If, Else, Switch, Case, Default, While, Break, Return, Exit, Drop,
  Route, RequestRoute, FailureRoute, OnReplyRoute, ReplyRoute, BranchRoute, OnSendRoute, EventRoute,
  LoadModule, LoadPath, ModParam, FlagsDecl, AvpFlagsDecl, CfgEngine, Defined, StrLen, StrEmpty,
  LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, Semicolon, Colon, Dot, Assign, PlusAssign,
  Not, BitNot, IntCast, StrCast,
  LogOr, LogAnd, BitOr, BitAnd, BitXor, ShiftLeft, ShiftRight,
  Equal, NotEqual, Match, IntEqual, IntNotEqual, StrEqual, StrNotEqual,
  Greater, Less, GreaterEqual, LessEqual, Plus, Minus, Star, Slash, Modulo,
];

/** Reserved words and the token each becomes (Kamailio reserves these too). */
export const KEYWORDS = new Map<string, TokenType>([
  ['if', If], ['else', Else], ['switch', Switch], ['case', Case], ['default', Default],
  ['while', While], ['break', Break], ['return', Return], ['exit', Exit], ['drop', Drop],
  ['route', Route], ['request_route', RequestRoute], ['failure_route', FailureRoute],
  ['onreply_route', OnReplyRoute], ['reply_route', ReplyRoute], ['branch_route', BranchRoute],
  ['onsend_route', OnSendRoute], ['event_route', EventRoute],
  ['loadmodule', LoadModule], ['loadpath', LoadPath], ['mpath', LoadPath], ['modparam', ModParam], ['modparamx', ModParam],
  ['flags', FlagsDecl], ['bool', FlagsDecl], ['avpflags', AvpFlagsDecl], ['cfgengine', CfgEngine],
  ['defined', Defined], ['strlen', StrLen], ['strempty', StrEmpty],
  ['and', LogAnd], ['or', LogOr], ['not', Not], ['mod', Modulo],
  ['eq', StrEqual], ['ne', StrNotEqual], ['ieq', IntEqual], ['ine', IntNotEqual],
]);

/** Words Kamailio reads as numbers: booleans and address families. */
export const NUMERIC_WORDS = new Map<string, number>([
  ['yes', 1], ['true', 1], ['on', 1], ['enable', 1],
  ['no', 0], ['false', 0], ['off', 0], ['disable', 0],
  ['inet', 2], ['INET', 2], ['inet6', 10], ['INET6', 10],
]);
