// The core keyword tests of conditions: `method == "INVITE"`, `uri ==
// myself`, `src_ip == 10.0.0.0/8`, `src_port == 5060`, `proto == udp`,
// `msg:len > 4096`, `status =~ "^2"`, ... against one run's context.

import { BlockList, isIP } from 'node:net';
import { compilePosixEre } from '../regex/posix-ere.js';
import { isSipError, type SipError } from '../sip/errors.js';
import { isSipUri, parseUri, type Uri } from '../sip/uri.js';
import type { KeywordTest } from '../vm/host.js';
import { toInt, toStr, type Value } from '../vm/values.js';
import type { ExecContext } from './context.js';
import { AF_INET, AF_INET6, addressFamily } from './kamailio-numbers.js';

function compare(op: string, a: number, b: number): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return a > b;
    case '<':
      return a < b;
    case '>=':
      return a >= b;
    case '<=':
      return a <= b;
    default:
      return false;
  }
}

function negated(op: string, result: boolean): boolean {
  return op === '!=' ? !result : result;
}

/** `==`/`!=` as string equality (case-insensitive when asked), `=~` as a case-insensitive POSIX regex. */
function matchText(op: string, text: string, operand: string, ignoreCase: boolean): boolean {
  if (op === '=~') {
    const re = compilePosixEre(operand, { icase: true, newline: false });
    return re instanceof RegExp && re.test(text);
  }
  const equal = ignoreCase ? text.toLowerCase() === operand.toLowerCase() : text === operand;
  return negated(op, equal);
}

/** `uri == myself` for a parsed URI. */
function uriIsMyself(ctx: ExecContext, uri: Uri | SipError): boolean {
  return !isSipError(uri) && isSipUri(uri) && ctx.isMyself(uri.host, uri.port ?? (uri.scheme === 'sips' ? 5061 : 5060));
}

function ipMatches(ctx: ExecContext, ip: string, operand: string): boolean {
  if (operand === 'myself') return ctx.isMyself(ip, undefined);
  let test = SUBNETS.get(operand);
  if (!test) {
    test = ipTest(operand);
    if (SUBNETS.size >= 1024) SUBNETS.clear();
    SUBNETS.set(operand, test);
  }
  return test(ip);
}

/** The test an operand stands for: a host name, an address, or a subnet. */
function ipTest(operand: string): (ip: string) => boolean {
  const [network, bits] = operand.split('/');
  const family = isIP(network!);
  if (family === 0) return (ip) => ip.toLowerCase() === operand.toLowerCase();
  if (bits === undefined) return (ip) => ip === network;
  return subnet(network!, Number(bits), family);
}

/** IPv4 addresses as numbers, by their text (a few sources send most messages; emptied when full). */
const IPV4 = new Map<string, number | null>();

/** An IPv4 address as a 32-bit number, or undefined. */
function ipv4(text: string): number | undefined {
  let n = IPV4.get(text);
  if (n === undefined) {
    n = parseIpv4(text) ?? null;
    if (IPV4.size >= 4096) IPV4.clear();
    IPV4.set(text, n);
  }
  return n ?? undefined;
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (p === '' || !(v >= 0 && v <= 255)) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Address tests by the operand written, each made once (script operands are few and constant). */
const SUBNETS = new Map<string, (ip: string) => boolean>();

function subnet(network: string, bits: number, family: number): (ip: string) => boolean {
  if (family === 4) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    const base = (ipv4(network)! & mask) >>> 0;
    return (ip) => {
      const n = ipv4(ip);
      return n !== undefined && ((n & mask) >>> 0) === base;
    };
  }
  const list = new BlockList();
  list.addSubnet(network, bits, 'ipv6');
  return (ip) => isIP(ip) === 6 && list.check(ip, 'ipv6');
}

/** The INET and INET6 keywords stand for the C address family numbers. */
function familyOperand(operand: string, value: Value): number {
  return /^INET6$/i.test(operand) ? AF_INET6 : /^INET$/i.test(operand) ? AF_INET : toInt(value);
}

/** A keyword test made for one test of the script: the switch on the keyword done once. */
export type KeywordTester = (ctx: ExecContext, value: Value) => boolean;

/** `==`/`!=`/`=~` of text against the operand value. */
function textTester(op: string, ignoreCase: boolean, textOf: (ctx: ExecContext) => string): KeywordTester {
  return (ctx, value) => matchText(op, textOf(ctx), toStr(value), ignoreCase);
}

/** A test of a number of the context against the operand's integer. */
function numberTester(op: string, numberOf: (ctx: ExecContext) => number): KeywordTester {
  return (ctx, value) => compare(op, numberOf(ctx), toInt(value));
}

/** A test of an address of the context against the operand (an address, a subnet, a name or myself). */
function addressTester(op: string, addressOf: (ctx: ExecContext) => string): KeywordTester {
  return (ctx, value) => negated(op, ipMatches(ctx, addressOf(ctx), toStr(value)));
}

/** `uri`, `from_uri`, `to_uri`: compared as text, or with `myself` as the host and port of the parsed URI. */
function uriTester(op: string, which: 'uri' | 'from_uri' | 'to_uri'): KeywordTester {
  const textOf = (ctx: ExecContext): string => (which === 'uri' ? ctx.edits.currentRequestUri : nameAddrUri(ctx, which === 'from_uri' ? 'from' : 'to'));
  return (ctx, value) => {
    const operand = toStr(value);
    if (operand === 'myself' && op !== '=~') return negated(op, uriIsMyself(ctx, which === 'uri' ? ctx.edits.parsedRequestUri : parseUri(textOf(ctx))));
    return matchText(op, textOf(ctx), operand, false);
  };
}

/** The tester of a keyword test, the operand given to it when it runs. */
export function keywordTester(test: KeywordTest): KeywordTester {
  const { keyword, op } = test;
  switch (keyword) {
    case 'method':
      return textTester(op, true, (ctx) => (ctx.message.isRequest ? ctx.message.method : (cseqMethod(ctx) ?? '')));
    case 'status':
      return textTester(op, false, (ctx) => (ctx.message.isRequest ? '' : String(ctx.message.status)));
    case 'uri':
    case 'from_uri':
    case 'to_uri':
      return uriTester(op, keyword);
    case 'src_ip':
      return addressTester(op, (ctx) => ctx.source.address);
    case 'dst_ip':
      return addressTester(op, (ctx) => ctx.local.socket.address);
    case 'src_port':
      return numberTester(op, (ctx) => ctx.source.port);
    case 'dst_port':
      return numberTester(op, (ctx) => ctx.local.socket.port);
    case 'af':
      return (ctx, value) => compare(op, addressFamily(ctx.source.address), familyOperand(toStr(value), value));
    case 'snd_ip':
    case 'to_ip': {
      const side = sendingSide(keyword);
      return addressTester(op, (ctx) => sending(ctx, keyword)[side].address);
    }
    case 'snd_port':
    case 'to_port': {
      const side = sendingSide(keyword);
      return numberTester(op, (ctx) => sending(ctx, keyword)[side].port);
    }
    case 'snd_proto':
    case 'to_proto':
      return (ctx, value) => negated(op, sending(ctx, keyword).proto === toStr(value).toLowerCase());
    case 'snd_af':
    case 'to_af': {
      const side = sendingSide(keyword);
      return (ctx, value) => compare(op, addressFamily(sending(ctx, keyword)[side].address), familyOperand(toStr(value), value));
    }
    case 'msg:len':
      return numberTester(op, (ctx) => ctx.message.text.length);
    case 'proto':
      return (ctx, value) => negated(op, ctx.proto === toStr(value).toLowerCase());
    case 'myself': {
      // `myself == uri`: the same test written the other way round; the keyword, the operand, is known when it runs.
      const byKeyword = new Map<string, KeywordTester>();
      return (ctx, value) => {
        const name = toStr(value);
        let tester = byKeyword.get(name);
        if (!tester) byKeyword.set(name, (tester = keywordTester({ keyword: name, op, operand: 'myself' })));
        return tester(ctx, 'myself');
      };
    }
    default:
      return () => {
        throw new Error(`siprc exec cannot test \`${keyword}\` yet`);
      };
  }
}

/** Testers by test, for the interpreter (a compiled route keeps its own). */
const TESTERS = new WeakMap<KeywordTest, KeywordTester>();

export function testKeyword(ctx: ExecContext, test: KeywordTest, value: Value): boolean {
  let tester = TESTERS.get(test);
  if (!tester) TESTERS.set(test, (tester = keywordTester(test)));
  return tester(ctx, value);
}

/** The end of what is being sent that a keyword names: the sender for snd_*, the receiver for to_*. */
function sendingSide(keyword: string): 'from' | 'to' {
  return keyword.startsWith('snd_') ? 'from' : 'to';
}

/** What is being sent: only known inside onsend_route. */
function sending(ctx: ExecContext, keyword: string): NonNullable<ExecContext['sending']> {
  if (!ctx.sending) throw new Error(`\`${keyword}\` is only known in onsend_route`);
  return ctx.sending;
}

function cseqMethod(ctx: ExecContext): string | undefined {
  const cseq = ctx.message.cseq();
  return cseq && !isSipError(cseq) ? cseq.method : undefined;
}

function nameAddrUri(ctx: ExecContext, which: 'from' | 'to'): string {
  const v = which === 'from' ? ctx.message.from() : ctx.message.to();
  return v && !isSipError(v) ? v.uriText : '';
}
