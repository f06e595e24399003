// `siprc exec`: runs a script once on a message read from a file, with no
// network, and reports the route-flow trace, the log lines and every message
// the script would send, in wire form.

import { readFileSync } from 'node:fs';
import type { CheckedScript } from '../compiler/check.js';
import { lowerScript } from '../compiler/lower.js';
import { link } from '../compiler/link.js';
import type { GlobalElement } from '../grammar/ast.js';
import { verify } from '../runtime/bytecode/verify.js';
import { ExecContext, type Endpoint, type ListenSocket, type LocalIdentity, type Transport } from '../runtime/exec/context.js';
import { execute, routeNameAt, unsupported, type ExecOptions as RunOptions } from '../runtime/exec/run.js';
import { isSipError } from '../runtime/sip/errors.js';
import { SipMessage } from '../runtime/sip/message.js';
import { VmError } from '../runtime/vm/host.js';

export interface ExecOptions {
  readonly message: string;
  readonly route?: string;
  readonly source: string;
  readonly proto: string;
}

/** What a run printed, and whether it could run at all. */
export interface ExecOutput {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

const TRANSPORTS = new Set(['udp', 'tcp', 'tls', 'sctp', 'ws', 'wss']);

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

/** This server as the script describes it: its listen sockets and aliases (default 127.0.0.1:5060). */
function localIdentity(checked: CheckedScript): LocalIdentity {
  const names: Array<{ host: string; port: number | undefined; proto?: Transport }> = [];
  const sockets: ListenSocket[] = [];
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || (item.name !== 'listen' && item.name !== 'alias')) continue;
    const s = item.value[0] && socketOf(item.value[0]);
    if (!s) continue;
    names.push(s.proto ? s : { host: s.host, port: s.port });
    if (item.name === 'listen') sockets.push({ proto: s.proto, address: s.host, port: s.port ?? 5060, name: socketName(item.value) });
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
  };
}

/** A numeric core parameter as the script sets it (the last setting wins), or undefined. */
function numericSetting(checked: CheckedScript, name: string): number | undefined {
  let value: number | undefined;
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global' || item.name !== name) continue;
    const e = item.value[0];
    if (e?.kind === 'number') value = e.value;
  }
  return value;
}

/** max_while_loops and max_recursive_level, where the script sets them. */
function limits(checked: CheckedScript): RunOptions {
  return { maxWhileLoops: numericSetting(checked, 'max_while_loops'), maxRecursion: numericSetting(checked, 'max_recursive_level') };
}

function routeIndex(program: ReturnType<typeof lowerScript>, message: SipMessage, name?: string): number {
  if (name !== undefined) return program.routes.findIndex((r) => r.kind === 'request' && r.name === name);
  const kinds = message.isRequest ? ['request'] : ['reply', 'onreply'];
  return program.routes.findIndex((r) => kinds.includes(r.kind) && r.name === undefined);
}

export function runExec(checked: CheckedScript, options: ExecOptions): ExecOutput {
  const source = parseEndpoint(options.source);
  if (!source) return { ok: false, stdout: '', stderr: `--source ${options.source}: expected IP:PORT, as in 127.0.0.1:5070\n` };
  const proto = options.proto.toLowerCase();
  if (!TRANSPORTS.has(proto)) return { ok: false, stdout: '', stderr: `--proto ${options.proto}: expected udp, tcp, tls, sctp, ws or wss\n` };
  const program = lowerScript(checked);
  const problems = verify(program);
  if (problems.length > 0) throw new Error(`the compiled bytecode does not verify:\n${problems.join('\n')}`);
  const linked = link(checked);
  if ('error' in linked) return { ok: false, stdout: '', stderr: `${linked.error}\n` };
  const commands = linked.commands;
  const missing = unsupported(program, commands);
  if (missing.length > 0) return { ok: false, stdout: '', stderr: `siprc exec cannot run this script yet; it uses: ${missing.join(', ')}\n` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.message);
  } catch (e) {
    return { ok: false, stdout: '', stderr: `cannot read ${options.message}: ${(e as Error).message}\n` };
  }
  const message = SipMessage.parse(bytes);
  if (isSipError(message)) return { ok: false, stdout: '', stderr: `${options.message}: not a SIP message: ${message.reason}\n` };
  const index = routeIndex(program, message, options.route);
  if (index < 0 && (options.route || message.isRequest)) {
    return { ok: false, stdout: '', stderr: options.route ? `route ${options.route} is not defined\n` : 'the script has no route for this message\n' };
  }
  const identity = localIdentity(checked);
  const ctx = new ExecContext(message, source, proto as Transport, { ...identity, names: [...identity.names, ...linked.myselfNames] });
  ctx.debugLevel = numericSetting(checked, 'debug') ?? 0;
  ctx.maxBranches = numericSetting(checked, 'max_branches') ?? ctx.maxBranches;
  ctx.whereIs = (pc) => {
    const position = program.positions[pc];
    if (!position) return undefined;
    const file = checked.parse.sources.get(position.file);
    return { file: file.path, line: file.position(position.start).line, route: routeNameAt(program, pc), main: checked.parse.sources.get(0).path };
  };
  try {
    const { trace, errors } = execute(program, index < 0 ? undefined : index, ctx, commands, limits(checked));
    const out = [...trace];
    for (const e of errors) out.push(`error|${program.positions[e.pc] ? checked.parse.sources.describe(program.positions[e.pc]!) : '?'}|${e.message}`);
    for (const log of ctx.logs) out.push(`log|${log.level}|${log.text.replace(/\n$/, '')}`);
    for (const sent of ctx.sent) out.push(`send|${sent.proto}|${sent.to.address}:${sent.to.port}`, sent.data.toString('latin1'));
    return { ok: true, stdout: `${out.join('\n')}\n`, stderr: '' };
  } catch (e) {
    if (!(e instanceof VmError)) throw e;
    const where = e.pc >= 0 && program.positions[e.pc] ? ` at ${checked.parse.sources.describe(program.positions[e.pc]!)}` : '';
    return { ok: false, stdout: '', stderr: `run-time error${where}${e.routes.length ? ` (in ${e.routes.join(' > ')})` : ''}: ${e.message}\n` };
  }
}
