// The Chevrotain grammar of the native dialect. It builds a concrete syntax
// tree; build.ts turns that into the action tree. Operator precedence is not
// encoded in rules: an expression is read as a flat operand/operator run and
// build.ts applies Kamailio's precedence table (tokens.ts PRECEDENCE).

import { CstParser, EOF, type CstNode, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type { Token } from './token.js';
import * as T from './tokens.js';

const RULE_DESCRIPTIONS: Record<string, string> = {
  topItem: 'a global parameter, `loadmodule`, `modparam` or a route block',
  statement: 'a statement',
  body: 'a statement or a `{ ... }` block',
  primary: 'an expression',
  unaryExpr: 'an expression',
  expression: 'an expression',
  routeName: 'a route name',
  routeBlock: 'a route block',
  addressPart: 'a value',
  globalElement: 'a value',
  caseClause: '`case` or `default`',
  flagSpec: 'a flag name',
};

function label(type: TokenType): string {
  return type.LABEL ?? type.name;
}

function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return 'the end of the script';
  const image = token.image.length > 40 ? `${token.image.slice(0, 40)}...` : token.image;
  return `\`${image}\``;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    if (expected === T.Semicolon) return `missing \`;\` before ${describeToken(actual)}`;
    return `expected ${label(expected)} but found ${describeToken(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `unexpected ${describeToken(firstRedundant)}`;
  },
  buildNoViableAltMessage({ actual, ruleName }) {
    const what = RULE_DESCRIPTIONS[ruleName] ?? 'something else';
    return `expected ${what} but found ${describeToken(actual[0]!)}`;
  },
  buildEarlyExitMessage({ actual, ruleName }) {
    const what = RULE_DESCRIPTIONS[ruleName] ?? 'something else';
    return `expected ${what} but found ${describeToken(actual[0]!)}`;
  },
};

const ROUTE_KEYWORDS = [T.Route, T.RequestRoute, T.FailureRoute, T.OnReplyRoute, T.ReplyRoute, T.BranchRoute, T.OnSendRoute, T.EventRoute];

export class ScriptParser extends CstParser {
  constructor(options: { recovery: boolean; skipValidations: boolean }) {
    super(T.ALL_TOKENS, {
      recoveryEnabled: options.recovery,
      maxLookahead: 2,
      errorMessageProvider: messages,
      skipValidations: options.skipValidations,
    });
    this.performSelfAnalysis();
  }

  /** True when the two tokens touch (no white space between): `sip.example.com`, `my-host`. */
  private adjacent(offset: number): boolean {
    // Tokens from a #!define value are compared where the value was written.
    const a = (this.LA(offset - 1) as Token).definedAt ?? (this.LA(offset - 1) as Token).span;
    const b = (this.LA(offset) as Token).definedAt ?? (this.LA(offset) as Token).span;
    return a !== undefined && b !== undefined && a.file === b.file && a.end === b.start;
  }

  /** In a global value, does the next token continue it (rather than start the next statement)? */
  private continuesGlobalValue(): boolean {
    const next = this.LA(1).tokenType;
    if (next === T.Identifier || next === T.NumId || next === T.Default) {
      const after = this.LA(2).tokenType;
      if (after === T.Assign) return false;
      // `name[1].member = ...` starts a config variable; `advertise [2001:db8::1]` continues.
      if (after === T.LBracket && this.LA(3).tokenType === T.NumberLiteral) return false;
      if (after === T.Dot && this.LA(4).tokenType === T.Assign) return false;
      return true;
    }
    return [T.StringLiteral, T.NumberLiteral, T.IPv4, T.IPv6, T.LBracket, T.Star, T.LParen, T.Minus].includes(next);
  }

  readonly script = this.RULE('script', () => {
    this.MANY(() => this.SUBRULE(this.topItem));
  });

  readonly topItem = this.RULE('topItem', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.routeBlock) },
      { ALT: () => this.SUBRULE(this.loadModule) },
      { ALT: () => this.SUBRULE(this.loadPath) },
      { ALT: () => this.SUBRULE(this.modParam) },
      { ALT: () => this.SUBRULE(this.flagsDecl) },
      { ALT: () => this.SUBRULE(this.cfgEngine) },
      { ALT: () => this.SUBRULE(this.globalAssign) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  readonly routeBlock = this.RULE('routeBlock', () => {
    this.OR(ROUTE_KEYWORDS.map((type) => ({ ALT: () => this.CONSUME(type, { LABEL: 'keyword' }) })));
    this.OPTION(() => {
      this.CONSUME(T.LBracket);
      this.SUBRULE(this.routeName);
      this.CONSUME(T.RBracket);
    });
    this.SUBRULE(this.block);
  });

  readonly routeName = this.RULE('routeName', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.EventRouteName) },
    ]);
  });

  readonly loadModule = this.RULE('loadModule', () => {
    this.CONSUME(T.LoadModule);
    this.CONSUME(T.StringLiteral);
  });

  readonly loadPath = this.RULE('loadPath', () => {
    this.CONSUME(T.LoadPath);
    this.OPTION(() => this.CONSUME(T.Assign));
    this.CONSUME(T.StringLiteral);
  });

  readonly modParam = this.RULE('modParam', () => {
    this.CONSUME(T.ModParam);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Comma);
    this.SUBRULE2(this.expression);
    this.CONSUME2(T.Comma);
    this.SUBRULE3(this.expression);
    this.CONSUME(T.RParen);
  });

  readonly flagsDecl = this.RULE('flagsDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(T.FlagsDecl) }, { ALT: () => this.CONSUME(T.AvpFlagsDecl) }]);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.flagSpec) });
  });

  readonly flagSpec = this.RULE('flagSpec', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.StringLiteral) }]);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.CONSUME(T.NumberLiteral);
    });
  });

  readonly cfgEngine = this.RULE('cfgEngine', () => {
    this.CONSUME(T.CfgEngine);
    this.OPTION(() => this.CONSUME(T.Assign));
    this.CONSUME(T.StringLiteral);
  });

  readonly globalAssign = this.RULE('globalAssign', () => {
    this.SUBRULE(this.cfgName);
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Dot);
            this.SUBRULE2(this.cfgName, { LABEL: 'member' });
          },
        },
        {
          ALT: () => {
            this.CONSUME(T.LBracket);
            this.CONSUME(T.NumberLiteral, { LABEL: 'instance' });
            this.CONSUME(T.RBracket);
            this.CONSUME2(T.Dot);
            this.SUBRULE3(this.cfgName, { LABEL: 'member' });
          },
        },
      ]);
    });
    this.CONSUME(T.Assign);
    this.SUBRULE(this.globalElement);
    this.MANY({ GATE: () => this.continuesGlobalValue(), DEF: () => this.SUBRULE2(this.globalElement) });
  });

  readonly cfgName = this.RULE('cfgName', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.Default) }]);
  });

  readonly globalElement = this.RULE('globalElement', () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.SUBRULE(this.addressPart);
    this.MANY(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.addressPart);
    });
  });

  readonly addressPart = this.RULE('addressPart', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.IPv4) },
      { ALT: () => this.CONSUME(T.IPv6) },
      { ALT: () => this.CONSUME(T.Star) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.CONSUME2(T.IPv6);
          this.CONSUME(T.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.addressPart) });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.hostName) },
    ]);
  });

  /** `name`, `sip.example.com`, `my-host`: parts joined only when written without spaces. */
  readonly hostName = this.RULE('hostName', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.NumId) }]);
    this.MANY({
      GATE: () => this.adjacent(1) && this.adjacent(2),
      DEF: () => {
        this.OR2([{ ALT: () => this.CONSUME(T.Dot) }, { ALT: () => this.CONSUME(T.Minus) }]);
        this.OR3([
          { ALT: () => this.CONSUME2(T.Identifier) },
          { ALT: () => this.CONSUME2(T.NumId) },
          { ALT: () => this.CONSUME(T.NumberLiteral) },
        ]);
      },
    });
  });

  // ---- statements -----------------------------------------------------------

  readonly block = this.RULE('block', () => {
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RBrace);
  });

  readonly statement = this.RULE('statement', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.ifStatement) },
      { ALT: () => this.SUBRULE(this.switchStatement) },
      { ALT: () => this.SUBRULE(this.whileStatement) },
      { ALT: () => this.SUBRULE(this.returnStatement) },
      { ALT: () => this.SUBRULE(this.breakStatement) },
      { ALT: () => this.SUBRULE(this.assignStatement) },
      { ALT: () => this.SUBRULE(this.callStatement) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  readonly body = this.RULE('body', () => {
    this.OR([{ ALT: () => this.SUBRULE(this.block) }, { ALT: () => this.SUBRULE(this.statement) }]);
  });

  readonly ifStatement = this.RULE('ifStatement', () => {
    this.CONSUME(T.If);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.body, { LABEL: 'then' });
    this.OPTION(() => {
      this.CONSUME(T.Else);
      this.SUBRULE2(this.body, { LABEL: 'else' });
    });
  });

  readonly whileStatement = this.RULE('whileStatement', () => {
    this.CONSUME(T.While);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.body);
  });

  readonly switchStatement = this.RULE('switchStatement', () => {
    this.CONSUME(T.Switch);
    this.SUBRULE(this.expression);
    this.CONSUME(T.LBrace);
    this.MANY(() => this.SUBRULE(this.caseClause));
    this.CONSUME(T.RBrace);
  });

  readonly caseClause = this.RULE('caseClause', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Case);
          this.OPTION(() => this.CONSUME(T.Slash));
          this.SUBRULE(this.expression);
        },
      },
      { ALT: () => this.CONSUME(T.Default) },
    ]);
    this.CONSUME(T.Colon);
    this.MANY(() => this.SUBRULE(this.statement));
  });

  readonly returnStatement = this.RULE('returnStatement', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Return, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Exit, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(T.Drop, { LABEL: 'keyword' }) },
    ]);
    this.OPTION(() => {
      this.OR2([
        {
          GATE: () => this.LA(2).tokenType === T.RParen,
          ALT: () => {
            this.CONSUME(T.LParen);
            this.CONSUME(T.RParen);
          },
        },
        { ALT: () => this.SUBRULE(this.expression) },
      ]);
    });
    this.CONSUME(T.Semicolon);
  });

  readonly breakStatement = this.RULE('breakStatement', () => {
    this.CONSUME(T.Break);
    this.CONSUME(T.Semicolon);
  });

  readonly assignStatement = this.RULE('assignStatement', () => {
    this.CONSUME(T.PseudoVariable);
    this.OR([{ ALT: () => this.CONSUME(T.Assign) }, { ALT: () => this.CONSUME(T.PlusAssign) }]);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
  });

  readonly callStatement = this.RULE('callStatement', () => {
    this.SUBRULE(this.call);
    this.CONSUME(T.Semicolon);
  });

  /** A statement call: `name(args)`, `route(NAME)`, or a bare name (`force_rport;`). */
  readonly call = this.RULE('call', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Route, { LABEL: 'name' }) },
    ]);
    this.OPTION(() => this.SUBRULE(this.callArguments));
  });

  /** A call used as a value: the parentheses are required. */
  readonly callExpression = this.RULE('callExpression', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'name' }) },
      { ALT: () => this.CONSUME(T.Route, { LABEL: 'name' }) },
    ]);
    this.SUBRULE(this.callArguments);
  });

  readonly callArguments = this.RULE('callArguments', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.argument) });
    this.CONSUME(T.RParen);
  });

  /** A call argument: an expression, or a `proto:host:port` run of them. */
  readonly argument = this.RULE('argument', () => {
    this.SUBRULE(this.expression);
    this.MANY(() => {
      this.CONSUME(T.Colon);
      this.SUBRULE2(this.expression);
    });
  });

  // ---- expressions ----------------------------------------------------------

  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.unaryExpr);
    this.MANY(() => {
      this.CONSUME(T.BinaryOperator);
      this.SUBRULE2(this.unaryExpr);
    });
  });

  readonly unaryExpr = this.RULE('unaryExpr', () => {
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Not, { LABEL: 'prefix' }) },
        { ALT: () => this.CONSUME(T.BitNot, { LABEL: 'prefix' }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: 'prefix' }) },
        { ALT: () => this.CONSUME(T.Defined, { LABEL: 'prefix' }) },
        { ALT: () => this.CONSUME(T.IntCast, { LABEL: 'prefix' }) },
        { ALT: () => this.CONSUME(T.StrCast, { LABEL: 'prefix' }) },
      ]);
    });
    this.SUBRULE(this.primary);
  });

  readonly primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.PseudoVariable) },
      { ALT: () => this.CONSUME(T.Select) },
      { ALT: () => this.CONSUME(T.IPv4) },
      { ALT: () => this.CONSUME(T.IPv6) },
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.CONSUME2(T.IPv6);
          this.CONSUME(T.RBracket);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE(this.expression);
          // `($var(x) = 5)`: an assignment used as a value (Kamailio accepts it in parentheses).
          this.OPTION(() => {
            this.CONSUME(T.Assign);
            this.SUBRULE3(this.expression, { LABEL: 'assigned' });
          });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.OR2([
            { ALT: () => this.CONSUME(T.StrLen, { LABEL: 'builtin' }) },
            { ALT: () => this.CONSUME(T.StrEmpty, { LABEL: 'builtin' }) },
          ]);
          this.CONSUME2(T.LParen);
          this.SUBRULE2(this.expression);
          this.CONSUME2(T.RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.callExpression) },
      { ALT: () => this.SUBRULE(this.hostName) },
      {
        ALT: () => {
          this.CONSUME(T.LBrace);
          this.MANY(() => this.SUBRULE(this.statement));
          this.CONSUME(T.RBrace);
        },
      },
    ]);
  });
}

const shared: { fast?: ScriptParser; recovering?: ScriptParser } = {};

/**
 * The parser instances, built once each (building one analyses the grammar).
 * The fast one stops at the first error; the recovering one, built only when a
 * script has errors, resynchronises and reports them all. Only the recovering
 * one needs the follow sets whose computation dominates start-up.
 */
export function scriptParser(recovery: boolean, skipValidations = true): ScriptParser {
  const key = recovery ? 'recovering' : 'fast';
  shared[key] ??= new ScriptParser({ recovery, skipValidations });
  return shared[key]!;
}

export type { CstNode };
