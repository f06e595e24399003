// `siprc exec`: runs a script once on a message read from a file, with no
// network, and reports the route-flow trace, the log lines and every message
// the script would send, in wire form.

import { readFileSync } from 'node:fs';
import type { CheckedScript } from '../compiler/check.js';
import { lowerScript } from '../compiler/lower.js';
import { ExecContext, type Transport } from '../runtime/exec/context.js';
import { isSipError } from '../runtime/sip/errors.js';
import { SipMessage } from '../runtime/sip/message.js';
import type { ExecResult } from '../runtime/exec/run.js';
import { VmError } from '../runtime/vm/host.js';
import { prepare, stopModules } from './prepare.js';
import { localIdentity, numericSetting, parseEndpoint, TRANSPORTS } from './script-settings.js';

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

function routeIndex(program: ReturnType<typeof lowerScript>, message: SipMessage, name?: string): number {
  if (name !== undefined) return program.routes.findIndex((r) => r.kind === 'request' && r.name === name);
  const kinds = message.isRequest ? ['request'] : ['reply', 'onreply'];
  return program.routes.findIndex((r) => kinds.includes(r.kind) && r.name === undefined);
}

/**
 * Runs the script once on the message. The output is a Promise when a
 * module starts by connecting to storage or a command of the request's route
 * waits; the modules are stopped (destroy) once the run has ended.
 */
export function runExec(checked: CheckedScript, options: ExecOptions): ExecOutput | Promise<ExecOutput> {
  const source = parseEndpoint(options.source);
  if (!source) return { ok: false, stdout: '', stderr: `--source ${options.source}: expected IP:PORT, as in 127.0.0.1:5070\n` };
  const proto = options.proto.toLowerCase();
  if (!TRANSPORTS.has(proto)) return { ok: false, stdout: '', stderr: `--proto ${options.proto}: expected udp, tcp, tls, sctp, ws or wss\n` };
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.message);
  } catch (e) {
    return { ok: false, stdout: '', stderr: `cannot read ${options.message}: ${(e as Error).message}\n` };
  }
  const message = SipMessage.parse(bytes);
  if (isSipError(message)) return { ok: false, stdout: '', stderr: `${options.message}: not a SIP message: ${message.reason}\n` };
  const prepared = prepare(checked, 'siprc exec');
  if ('error' in prepared) return { ok: false, stdout: '', stderr: `${prepared.error}\n` };
  const index = routeIndex(prepared.program, message, options.route);
  if (index < 0 && (options.route || message.isRequest)) {
    return { ok: false, stdout: '', stderr: options.route ? `route ${options.route} is not defined\n` : 'the script has no route for this message\n' };
  }
  const identity = localIdentity(checked);
  const ctx = new ExecContext(message, source, proto as Transport, { ...identity, names: [...identity.names, ...prepared.linked.myselfNames] });
  ctx.debugLevel = numericSetting(checked, 'debug') ?? 0;
  ctx.maxBranches = numericSetting(checked, 'max_branches') ?? ctx.maxBranches;
  ctx.whereIs = prepared.whereIs;
  const run = (): ExecOutput | Promise<ExecOutput> => {
    const failed = (e: unknown): ExecOutput => {
      if (!(e instanceof VmError)) throw e;
      const where = e.pc >= 0 && prepared.describe(e.pc) ? ` at ${prepared.describe(e.pc)}` : '';
      return { ok: false, stdout: '', stderr: `run-time error${where}${e.routes.length ? ` (in ${e.routes.join(' > ')})` : ''}: ${e.message}\n` };
    };
    try {
      const result = prepared.runner.start(index < 0 ? undefined : index, ctx);
      return result instanceof Promise ? result.then((r) => report(r, ctx, prepared.describe), failed) : report(result, ctx, prepared.describe);
    } catch (e) {
      return failed(e);
    }
  };
  const ready = prepared.linked.ready;
  const output = ready ? ready.then((refused) => (refused ? { ok: false, stdout: '', stderr: `${refused}\n` } : run())) : run();
  return output instanceof Promise ? output.finally(() => stopModules(prepared.linked.modules)) : (void stopModules(prepared.linked.modules), output);
}

/** What a run printed: its route-flow trace, errors it went on after, log lines and what it would send. */
function report({ trace, errors }: ExecResult, ctx: ExecContext, describe: (pc: number) => string | undefined): ExecOutput {
  const out = [...trace];
  for (const e of errors) out.push(`error|${describe(e.pc) ?? '?'}|${e.message}`);
  for (const log of ctx.logs) out.push(`log|${log.level}|${log.text.replace(/\n$/, '')}`);
  for (const sent of ctx.sent) out.push(`send|${sent.proto}|${sent.to.address}:${sent.to.port}`, sent.data.toString('latin1'));
  return { ok: true, stdout: `${out.join('\n')}\n`, stderr: '' };
}
