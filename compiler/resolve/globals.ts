// Checks the global section: core parameters and the shape of their values,
// custom cfg variables, cfgengine, and flag declarations.

import type { AddressPart, CfgEngine, CfgVar, FlagsDecl, GlobalElement, GlobalParam } from '../../grammar/ast.js';
import { CORE_PARAMS, FACILITIES, PROTOCOLS, TLS_METHODS, TOS_NAMES, type CoreParamKind } from '../core/params.js';
import { didYouMean } from '../suggest.js';
import type { CheckContext } from './context.js';
import { checkFormatString } from './pvs.js';

/** The highest message/branch flag number. */
export const MAX_FLAG = 31;

const KIND_WORDS: Record<CoreParamKind, string> = {
  int: 'a number',
  intno: 'a number',
  string: 'a string',
  name: 'a string or a name',
  sockets: 'one or more `[proto:]host[:port]` addresses',
  address: 'an IP address, a host name or a string',
  facility: 'a syslog facility such as LOG_LOCAL0',
  proto: 'udp, tcp, tls or sctp',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  tos: 'a number or IPTOS_LOWDELAY, IPTOS_THROUGHPUT, IPTOS_RELIABILITY, IPTOS_MINCOST, IPTOS_LOWCOST',
  'tls-method': 'SSLv23, SSLv2, SSLv3 or TLSv1',
};

/** The single bare name an element consists of, if it is one. */
function bareName(e: GlobalElement): string | undefined {
  return e.kind === 'address' && e.parts.length === 1 && e.parts[0]!.kind === 'name' ? e.parts[0]!.text : undefined;
}

function singleIp(e: GlobalElement): { text: string; version: 4 | 6 } | undefined {
  if (e.kind !== 'address' || e.parts.length !== 1) return undefined;
  const part = e.parts[0]!;
  return part.kind === 'ip' && !part.text.includes('/') ? part : undefined;
}

export function checkGlobalParam(item: GlobalParam, ctx: CheckContext): void {
  const kind = CORE_PARAMS.get(item.name);
  if (!kind) {
    ctx.report('E0401', item.nameSpan, `unknown core parameter \`${item.name}\`${didYouMean(item.name, CORE_PARAMS.keys())}`);
    return;
  }
  const bad = (detail?: string): void =>
    ctx.report('E0402', item.span, `\`${item.name}\` takes ${KIND_WORDS[kind]}${detail ? `; ${detail}` : ''}`);
  const value = item.value;
  if (kind === 'sockets') {
    checkSockets(item, ctx);
    return;
  }
  if (value.length !== 1) {
    bad(`\`${item.name}\` has ${value.length} values here (end the line with \`;\` if the next one was swallowed)`);
    return;
  }
  const e = value[0]!;
  switch (kind) {
    case 'int':
      if (e.kind !== 'number') bad();
      else if (e.value < 0) bad('it cannot be negative');
      return;
    case 'intno':
      if (e.kind !== 'number') bad();
      return;
    case 'string':
      if (e.kind !== 'string') bad(e.kind === 'number' ? 'put the value in double quotes' : undefined);
      // Its pseudo-variables come from modules loaded further down: checked once they are.
      else if (item.name === 'log_prefix') ctx.afterModules.push(() => checkFormatString(e.value, e.span, ctx));
      return;
    case 'name':
      if (e.kind !== 'string' && bareName(e) === undefined) bad();
      return;
    case 'address':
      if (e.kind !== 'string' && bareName(e) === undefined && !singleIp(e) && e.kind !== 'number') bad();
      return;
    case 'facility': {
      const name = bareName(e);
      if (!name || !FACILITIES.has(name)) bad(name ? `\`${name}\` is not one (see syslog(3))` : undefined);
      return;
    }
    case 'proto': {
      const name = bareName(e);
      if (!name || !PROTOCOLS.has(name) || /^wss?$/i.test(name)) bad();
      return;
    }
    case 'ipv4':
    case 'ipv6': {
      const ip = singleIp(e);
      if (!ip || ip.version !== (kind === 'ipv4' ? 4 : 6)) bad();
      return;
    }
    case 'tos': {
      const name = bareName(e);
      if (e.kind !== 'number' && (!name || !TOS_NAMES.has(name))) bad();
      return;
    }
    case 'tls-method': {
      const name = bareName(e);
      if (!name || !TLS_METHODS.has(name)) bad();
      return;
    }
  }
}

/** `listen=` / `alias=`: `[proto:]host[:port]` entries, and for listen `advertise host:port`, `name "x"`, `virtual`. */
function checkSockets(item: GlobalParam, ctx: CheckContext): void {
  const listen = item.name === 'listen';
  const elements = item.value;
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    const word = bareName(e);
    if (listen && word !== undefined && /^(advertise|ADVERTISE)$/.test(word)) {
      const target = elements[++i];
      if (!target || advertiseProblem(target)) {
        ctx.report('E0402', target?.span ?? e.span, '`advertise` needs an address and an optional port: `advertise 203.0.113.1:5060`');
      }
      continue;
    }
    if (listen && word === 'name') {
      const target = elements[++i];
      if (!target || target.kind !== 'string') ctx.report('E0402', target?.span ?? e.span, '`name` needs a string: `name "socket1"`');
      continue;
    }
    if (listen && word === 'virtual') continue;
    const problem = socketProblem(e, listen);
    if (problem) ctx.report('E0402', e.span, `bad \`${item.name}\` address: ${problem}`);
  }
}

/** `advertise host[:port]`: true when the target is not of that shape. */
function advertiseProblem(target: GlobalElement): boolean {
  if (target.kind === 'string') return false;
  if (target.kind !== 'address' || target.parts.length > 2 || !isHost(target.parts[0]!)) return true;
  const port = target.parts[1];
  return port !== undefined && (port.kind !== 'number' || port.value > 65535);
}

function isHost(part: AddressPart): boolean {
  return part.kind === 'name' || part.kind === 'ip' || part.kind === 'string';
}

function isProto(part: AddressPart): boolean {
  return part.kind === 'name' && PROTOCOLS.has(part.text);
}

/** What is wrong with one `[proto:]host[:port]` element, if anything. */
function socketProblem(e: GlobalElement, listen: boolean): string | undefined {
  if (e.kind === 'string') return undefined;
  if (e.kind === 'number') return 'a host or an IP address is expected, not a number';
  const parts = [...e.parts];
  if (parts.length > 1 && isProto(parts[0]!)) parts.shift();
  const host = parts[0];
  if (!host || !(isHost(host) || (listen && host.kind === 'list'))) return 'a host or an IP address is expected';
  if (host.kind === 'ip' && host.text.includes('/')) return 'a network mask is not allowed here';
  if (parts.length === 1) return undefined;
  if (parts.length > 2) return 'expected `[proto:]host[:port]`';
  const port = parts[1]!;
  if (port.kind === 'any') return undefined;
  if (port.kind !== 'number' || port.value > 65535) return 'the port must be a number from 0 to 65535 (or `*`)';
  return undefined;
}

export function checkCfgVar(item: CfgVar, ctx: CheckContext): void {
  ctx.cfgGroups.add(item.group);
  if (!item.value || (item.value.kind !== 'number' && item.value.kind !== 'string')) {
    ctx.report('E0402', item.span, `\`${item.group}.${item.name}\` takes a number or a string`);
  }
}

export function checkCfgEngine(item: CfgEngine, ctx: CheckContext): void {
  if (item.engine !== 'native') {
    ctx.report('E0403', item.span, `siprc runs scripts in the native language only; \`cfgengine "${item.engine}"\` selects another engine`);
  }
}

export function declareFlags(item: FlagsDecl, ctx: CheckContext): void {
  for (const flag of item.flags) {
    if (item.avp) {
      if (ctx.avpFlags.has(flag.name)) ctx.report('E0608', flag.span, `AVP flag \`${flag.name}\` is declared twice`);
      ctx.avpFlags.add(flag.name);
      continue;
    }
    if (ctx.flags.has(flag.name)) {
      ctx.report('E0608', flag.span, `flag \`${flag.name}\` is declared twice`);
      continue;
    }
    const used = new Set(ctx.flags.values());
    let bit = flag.bit;
    if (bit === undefined) {
      bit = 0;
      while (used.has(bit)) bit++;
    }
    if (bit > MAX_FLAG) {
      ctx.report('E0608', flag.span, `flag \`${flag.name}\` would be number ${bit}; flags go from 0 to ${MAX_FLAG}`);
      continue;
    }
    ctx.flags.set(flag.name, bit);
  }
}
