// Shared by the transformation tests: a run context whose message is an
// INVITE to sip:you@kamailio.org (the Request-URI of the message Kamailio
// runs event_route[core:worker-one-init] with, where the expected values
// were recorded), and helpers that compile transformations as the fixup
// pass does and apply them in turn.

import type { PvAccess, TransformParam, Value } from '../../modules/api.js';
import { sockTransformations } from '../../modules/corex/sock-transformation.js';
import { pvTransformations } from '../../modules/pv/transformations/index.js';
import { reTransformation } from '../../modules/textops/transformation.js';
import { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SipMessage } from '../../runtime/sip/message.js';

const CLASSES = [...pvTransformations, reTransformation, sockTransformations];

export function context(): ExecContext {
  const message = SipMessage.parse(
    Buffer.from('INVITE sip:you@kamailio.org SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;rport;branch=z9hG4bK1\r\nFrom: <sip:a@x>;tag=1\r\nTo: <sip:b@y>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\n\r\n', 'latin1'),
  );
  if (isSipError(message)) throw new Error(message.reason);
  return new ExecContext(message, { address: '127.0.0.1', port: 5060 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [] });
}

/** A parameter: constant text, or a pseudo-variable giving `value`. */
export type Param = string | { readonly pv: Value };

function param(p: Param): TransformParam {
  if (typeof p === 'string') return { text: p };
  const access: PvAccess = { get: () => p.pv };
  return { text: '$var(p)', dynamic: access };
}

/** Compiles `class.method` with its parameters (throws the FixupError a bad use gives). */
export function compile(name: string, params: readonly Param[] = []): (value: Value) => Value {
  const dot = name.indexOf('.');
  const decl = CLASSES.find((c) => c.name === name.slice(0, dot));
  if (!decl?.compile) throw new Error(`no class for ${name}`);
  const transform = decl.compile(name.slice(dot + 1), params.map(param));
  const ctx = context();
  return (value) => transform(value, ctx);
}

/** Applies transformations in turn, as `$(x{a}{b})` does. */
export function chain(value: Value, steps: ReadonlyArray<readonly [string, readonly Param[]]>): Value {
  return steps.reduce<Value>((v, [name, params]) => compile(name, params)(v), value);
}

/** One recorded row: input, transformation (or chain of them) and parameters, Kamailio's result. */
export type Row = readonly [Value, string, readonly string[], Value] | readonly [Value, ReadonlyArray<readonly [string, readonly string[]]>, Value];

export function runRow(row: Row): { actual: Value; expected: Value } {
  if (typeof row[1] === 'string') return { actual: compile(row[1], row[2] as readonly string[])(row[0]), expected: row[3] as Value };
  return { actual: chain(row[0], row[1]), expected: row[2] as Value };
}

export const describeRow = (row: Row): string => `${JSON.stringify(row[0])} ${typeof row[1] === 'string' ? `${row[1]}${(row[2] as string[]).map((p) => `,${p}`).join('')}` : row[1].map(([n, p]) => [n, ...p].join(',')).join(' ')}`;
