// What the debugger module's cfgtrace says of each action (TRACE
// instructions, lowered only for scripts that load debugger): the action
// type number and name Kamailio 5.6 prints (`a=63 n=assign`), read from its
// cfgtrace on loopback, and the line it gives: where the action ends, except
// that an `if` with no `else` (or ending in an `else if` with none) is given
// the line of the next token (Kamailio's parser only ends it there).

import type { Statement } from '../grammar/ast.js';
import type { SourceSet, Span } from '../grammar/source.js';

export interface TracedAction {
  readonly type: number;
  readonly name: string;
}

/** Core functions by siprc's name (aliases resolved): Kamailio's action type and the name its trace prints. */
const CORE: Readonly<Record<string, TracedAction>> = {
  forward: { type: 1, name: 'forward' },
  log: { type: 3, name: 'log' },
  error: { type: 4, name: 'error' },
  rewritehost: { type: 7, name: 'sethost' },
  rewritehostport: { type: 8, name: 'sethostport' },
  rewriteuser: { type: 9, name: 'setuser' },
  rewriteuserpass: { type: 10, name: 'setuserpass' },
  rewriteport: { type: 11, name: 'setport' },
  rewriteuri: { type: 12, name: 'seturi' },
  rewritehostporttrans: { type: 13, name: 'sethostporttrans' },
  userphone: { type: 15, name: 'setuserphone' },
  setflag: { type: 39, name: 'setflag' },
  resetflag: { type: 40, name: 'resetflag' },
  isflagset: { type: 41, name: 'isflagset' },
  setavpflag: { type: 42, name: 'avpflag' },
  resetavpflag: { type: 42, name: 'avpflag' },
  isavpflagset: { type: 42, name: 'avpflag' },
  prefix: { type: 44, name: 'prefix' },
  strip: { type: 45, name: 'strip' },
  strip_tail: { type: 46, name: 'striptail' },
  remove_branch: { type: 48, name: 'unknown' },
  clear_branches: { type: 49, name: 'unknown' },
  revert_uri: { type: 50, name: 'reverturi' },
  forward_tcp: { type: 51, name: 'forward_tcp' },
  forward_udp: { type: 52, name: 'forward_udp' },
  forward_tls: { type: 53, name: 'forward_tls' },
  forward_sctp: { type: 54, name: 'forward_sctp' },
  force_rport: { type: 55, name: 'force_rport' },
  add_local_rport: { type: 56, name: 'add_local_rport' },
  set_advertised_address: { type: 57, name: 'set_adv_addr' },
  set_advertised_port: { type: 58, name: 'set_adv_port' },
  force_tcp_alias: { type: 59, name: 'force_tcp_alias' },
  add_tcp_alias: { type: 59, name: 'force_tcp_alias' },
  force_send_socket: { type: 62, name: 'force_send_socket' },
  set_forward_no_connect: { type: 66, name: 'set_fwd_no_connect' },
  set_reply_no_connect: { type: 67, name: 'set_rpl_no_connect' },
  set_forward_close: { type: 68, name: 'set_fwd_close' },
  set_reply_close: { type: 69, name: 'set_rpl_close' },
  cfg_select: { type: 70, name: 'unknown' },
  cfg_reset: { type: 71, name: 'unknown' },
};

/** The other names of core functions (the runtime's aliases). */
const ALIASES: Readonly<Record<string, string>> = {
  add_rport: 'force_rport', setuserpass: 'rewriteuserpass', setup: 'rewriteuserpass', sethost: 'rewritehost', seth: 'rewritehost',
  sethostport: 'rewritehostport', sethp: 'rewritehostport', setuser: 'rewriteuser', setu: 'rewriteuser', setport: 'rewriteport',
  setp: 'rewriteport', seturi: 'rewriteuri', sethostporttrans: 'rewritehostporttrans', sethpt: 'rewritehostporttrans',
};

/** A core function's action (one this table misses is named as Kamailio names unknown types). */
export function coreAction(name: string): TracedAction {
  return CORE[ALIASES[name] ?? name] ?? { type: 0, name: 'unknown' };
}

/** A module command with argc arguments (Kamailio's MODULE0_T ... MODULE6_T, then MODULEX_T). */
export function commandAction(name: string, argc: number): TracedAction {
  return { type: 24 + Math.min(argc, 7), name };
}

export const ROUTE_ACTION: TracedAction = { type: 5, name: 'route' };

/** A statement's action; undefined for a call statement (its call is traced) and a switch's own cases. */
export function statementAction(s: Statement): TracedAction | undefined {
  switch (s.kind) {
    case 'assign':
      return { type: 63, name: 'assign' };
    case 'if':
      return { type: 16, name: 'if' };
    case 'while':
      return { type: 23, name: 'while' };
    case 'switch':
      // A switch on integers is Kamailio's SWITCH_T; on strings or regexes its string switch, printed as `case`.
      return s.cases.some((c) => c.label !== undefined && (c.regex || c.label.kind !== 'number')) ? { type: 22, name: 'case' } : { type: 21, name: 'switch' };
    case 'break':
    case 'exit':
      return { type: 2, name: 'exit' };
    case 'return':
      return { type: 2, name: 'return' };
    case 'drop':
      return { type: 2, name: 'drop' };
    case 'call':
      return undefined;
  }
}

/** Whether an if statement ends with no else (its own, or an `else if` chain's last): Kamailio's parser ends it at the next token. */
function endsOpen(s: Statement): boolean {
  if (s.kind !== 'if') return false;
  if (s.else === undefined) return true;
  const tail = s.else.length === 1 ? s.else[0]! : undefined;
  return tail !== undefined && tail.span.end === s.span.end && endsOpen(tail);
}

/** The offset of the first token after `offset`: white space and comments skipped. */
function nextToken(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] === '#' || text.startsWith('//', i)) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else return i;
  }
}

/** The file and line cfgtrace gives an action written at `span` (a statement, or a call inside one). */
export function traceLine(span: Span, sources: SourceSet, statement?: Statement): { readonly file: string; readonly line: number } {
  const file = sources.get(span.file);
  const end = statement && endsOpen(statement) ? nextToken(file.text, span.end) : Math.max(span.start, span.end - 1);
  return { file: file.path, line: file.position(Math.min(end, Math.max(file.text.length - 1, 0))).line };
}
