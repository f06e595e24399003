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

export function testKeyword(ctx: ExecContext, test: KeywordTest, value: Value): boolean {
  const m = ctx.message;
  const operand = toStr(value);
  const { keyword, op } = test;
  switch (keyword) {
    case 'method':
      return matchText(op, m.isRequest ? m.method : (cseqMethod(ctx) ?? ''), operand, true);
    case 'status':
      return matchText(op, m.isRequest ? '' : String(m.status), operand, false);
    case 'uri':
    case 'from_uri':
    case 'to_uri': {
      const text = keyword === 'uri' ? ctx.edits.currentRequestUri : nameAddrUri(ctx, keyword === 'from_uri' ? 'from' : 'to');
      if (operand === 'myself' && op !== '=~') return negated(op, uriIsMyself(ctx, keyword === 'uri' ? ctx.edits.parsedRequestUri : parseUri(text)));
      return matchText(op, text, operand, false);
    }
    case 'src_ip':
      return negated(op, ipMatches(ctx, ctx.source.address, operand));
    case 'dst_ip':
      return negated(op, ipMatches(ctx, ctx.local.socket.address, operand));
    case 'src_port':
      return compare(op, ctx.source.port, toInt(value));
    case 'dst_port':
      return compare(op, ctx.local.socket.port, toInt(value));
    case 'af':
      return compare(op, addressFamily(ctx.source.address), familyOperand(operand, value));
    case 'snd_ip':
    case 'to_ip': {
      const s = sending(ctx, keyword);
      return negated(op, ipMatches(ctx, keyword === 'snd_ip' ? s.from.address : s.to.address, operand));
    }
    case 'snd_port':
    case 'to_port': {
      const s = sending(ctx, keyword);
      return compare(op, keyword === 'snd_port' ? s.from.port : s.to.port, toInt(value));
    }
    case 'snd_proto':
    case 'to_proto':
      return negated(op, sending(ctx, keyword).proto === operand.toLowerCase());
    case 'snd_af':
    case 'to_af': {
      const s = sending(ctx, keyword);
      return compare(op, addressFamily(keyword === 'snd_af' ? s.from.address : s.to.address), familyOperand(operand, value));
    }
    case 'msg:len':
      return compare(op, m.text.length, toInt(value));
    case 'proto':
      return negated(op, ctx.proto === operand.toLowerCase());
    case 'myself':
      // `myself == uri`: the same test written the other way round.
      return testKeyword(ctx, { keyword: operand, op, operand: 'myself' }, 'myself');
    default:
      throw new Error(`siprc exec cannot test \`${keyword}\` yet`);
  }
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
