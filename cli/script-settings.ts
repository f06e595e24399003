// What a script says about the server running it, read from its core
// parameters: the listen sockets and names (`myself`), the Server header,
// server_id, the configuration group instances, debug and the run-time limits. `siprc exec` and `siprc run` share it.

import type { CheckedScript } from '../compiler/check.js';
import type { GlobalElement } from '../grammar/ast.js';
import type { Endpoint, ListenSocket, LocalIdentity, Transport } from '../runtime/exec/context.js';
import { advertisedName } from '../runtime/exec/local-sockets.js';
import type { ExecOptions as RunOptions } from '../runtime/exec/run.js';

export const TRANSPORTS = new Set(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss']);

export function parseEndpoint(text: string): Endpoint | undefined {
  const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) return undefined;
  return { address: m[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(m[2]) };
}

/** The protocol, host and port of a `[proto:]host[:port]` element of listen= or alias=. */
function socketOf(e: GlobalElement): { host: string; port: number | undefined; proto: Transport | undefined } | undefined {
  if (e.kind === 'string') return { host: e.value, port: undefined, proto: undefined };
  if (e.kind !== 'address') return undefined;
  const first = e.parts[0];
  const proto = first?.kind === 'name' && TRANSPORTS.has(first.text.toLowerCase()) && e.parts.length > 1 ? (first.text.toLowerCase() as Transport) : undefined;
  const parts = proto ? e.parts.slice(1) : e.parts;
  const host = parts[0];
  const port = parts[1];
  const hostText = host?.kind === 'name' || host?.kind === 'ip' ? host.text : host?.kind === 'string' ? host.value : undefined;
  return hostText === undefined ? undefined : { host: hostText.replace(/^\[(.*)\]$/, '$1'), port: port?.kind === 'number' ? port.value : undefined, proto };
}

/** The name a listen= line gives its socket (`listen=udp:10.0.0.1:5060 name "s1"`). */
function socketName(value: readonly GlobalElement[]): string | undefined {
  const at = value.findIndex((e) => e.kind === 'address' && e.parts.length === 1 && e.parts[0]!.kind === 'name' && e.parts[0]!.text === 'name');
  const name = at >= 0 ? value[at + 1] : undefined;
  return name?.kind === 'string' ? name.value : undefined;
}

/** What a listen= line advertises (`advertise 203.0.113.1:5080`; without a port, the socket's own). */
function socketAdvertise(value: readonly GlobalElement[]): ListenSocket['advertise'] {
  const at = value.findIndex((e) => e.kind === 'address' && e.parts.length === 1 && e.parts[0]!.kind === 'name' && e.parts[0]!.text.toLowerCase() === 'advertise');
  const target = at >= 0 ? value[at + 1] : undefined;
  if (target?.kind === 'string') {
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(target.value);
    return m ? { address: m[1]!.replace(/^\[(.*)\]$/, '$1'), port: m[2] === undefined ? undefined : Number(m[2]) } : undefined;
  }
  const s = target && socketOf(target);
  return s && { address: s.host, port: s.port };
}

/** The Server header line of local replies: server_header, unless server_signature is off. */
function serverHeader(checked: CheckedScript): string | null | undefined {
  let signature = true;
  let header: string | undefined;
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global') continue;
    const e = item.value[0];
    if (item.name === 'server_header' && e?.kind === 'string') header = e.value;
    if (item.name === 'server_signature' && e) {
      const word = e.kind === 'address' && e.parts[0]?.kind === 'name' ? e.parts[0].text.toLowerCase() : undefined;
      signature = e.kind === 'number' ? e.value !== 0 : !['no', 'off', 'false', 'disable'].includes(word ?? '');
    }
  }
  return signature ? header : null;
}

/** This server as the script describes it: its listen sockets and aliases (default 127.0.0.1:5060); what a socket advertises is `myself` too. */
export function localIdentity(checked: CheckedScript, extra: readonly ListenSocket[] = []): LocalIdentity {
  const names: Array<{ host: string; port: number | undefined; proto?: Transport }> = [];
  const sockets: ListenSocket[] = [];
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || (item.name !== 'listen' && item.name !== 'alias')) continue;
    const s = item.value[0] && socketOf(item.value[0]);
    if (!s) continue;
    names.push(s.proto ? s : { host: s.host, port: s.port });
    if (item.name !== 'listen') continue;
    const socket: ListenSocket = { proto: s.proto, address: s.host, port: s.port ?? 5060, name: socketName(item.value), advertise: socketAdvertise(item.value) };
    sockets.push(socket);
    const advertised = advertisedName(socket);
    if (advertised) names.push(advertised);
  }
  for (const s of extra) {
    sockets.push(s);
    names.push(s.proto ? { host: s.address, port: s.port, proto: s.proto } : { host: s.address, port: s.port });
  }
  const socket: Endpoint = sockets[0] ? { address: sockets[0].address, port: sockets[0].port } : { address: '127.0.0.1', port: 5060 };
  if (!names.some((n) => n.host === socket.address)) names.push({ host: socket.address, port: socket.port });
  const header = serverHeader(checked);
  return {
    socket,
    names,
    sockets: sockets.length > 0 ? sockets : [{ proto: undefined, ...socket }],
    ...(header === undefined ? {} : { serverHeader: header }),
    serverId: numericSetting(checked, 'server_id') ?? 0,
    logStderror: flagSetting(checked, 'log_stderror') ?? false,
    xavpViaParams: xavpViaParams(checked),
    cfgInstances: new Set(checked.parse.script.items.flatMap((i) => (i.kind === 'cfgvar' && i.instance !== undefined ? [`${i.group}[${i.instance}]`] : []))),
  };
}

/**
 * The XAVP name via_add_xavp_params reads, as Kamailio 5.6.3 takes it:
 * xavp_via_params sets the name and its length; xavp_via_fields sets the
 * name's text only (never its own), so the name is that text cut to the
 * length. Undefined when that text is shorter (Kamailio then reads past it
 * and finds no XAVP) or xavp_via_params is not set.
 */
function xavpViaParams(checked: CheckedScript): string | undefined {
  let text: string | undefined;
  let length: number | undefined;
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || (item.name !== 'xavp_via_params' && item.name !== 'xavp_via_fields')) continue;
    const e = item.value[0];
    if (e?.kind !== 'string') continue;
    text = e.value;
    if (item.name === 'xavp_via_params') length = e.value.length;
  }
  return text === undefined || length === undefined || length === 0 || text.length < length ? undefined : text.slice(0, length);
}

/** A numeric core parameter as the script sets it (the last setting wins), or undefined. */
export function numericSetting(checked: CheckedScript, name: string): number | undefined {
  let value: number | undefined;
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || item.name !== name) continue;
    const e = item.value[0];
    if (e?.kind === 'number') value = e.value;
  }
  return value;
}

/** A yes/no core parameter (a number, or yes/no, on/off, true/false, enable/disable) as the script sets it, or undefined. */
export function flagSetting(checked: CheckedScript, name: string): boolean | undefined {
  let value: boolean | undefined;
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || item.name !== name) continue;
    const e = item.value[0];
    const word = e?.kind === 'address' && e.parts[0]?.kind === 'name' ? e.parts[0].text.toLowerCase() : undefined;
    if (e?.kind === 'number') value = e.value !== 0;
    else if (word !== undefined && ['yes', 'on', 'true', 'enable'].includes(word)) value = true;
    else if (word !== undefined && ['no', 'off', 'false', 'disable'].includes(word)) value = false;
  }
  return value;
}

/** max_while_loops and max_recursive_level, where the script sets them. */
export function limits(checked: CheckedScript): RunOptions {
  return { maxWhileLoops: numericSetting(checked, 'max_while_loops'), maxRecursion: numericSetting(checked, 'max_recursive_level') };
}


/** A listen socket written `[proto:]address[:port]` (kamailio -l); undefined when it does not read as one. */
export function parseListen(text: string): ListenSocket | undefined {
  const m = /^(?:(udp|tcp|tls|sctp|ws|wss):)?(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(text);
  if (!m || (m[3] !== undefined && Number(m[3]) > 65535)) return undefined;
  return { proto: m[1]?.toLowerCase() as Transport | undefined, address: m[2]!.replace(/^\[(.*)\]$/, '$1'), port: m[3] === undefined ? 5060 : Number(m[3]) };
}

/** A text core parameter as the script sets it (a string, or a bare word such as LOG_LOCAL0; the last setting wins), or undefined. */
export function textSetting(checked: CheckedScript, name: string): string | undefined {
  let value: string | undefined;
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || item.name !== name) continue;
    const e = item.value[0];
    if (e?.kind === 'string') value = e.value;
    else if (e?.kind === 'address' && e.parts.length === 1 && e.parts[0]!.kind === 'name') value = e.parts[0]!.text;
  }
  return value;
}
