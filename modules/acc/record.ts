// One accounting record as Kamailio's acc makes it: the request's method,
// From tag, To tag (of the final reply, or the request's own), Call-ID, the
// status code and reason, the time, and the extra values (log_extra /
// db_extra: `name=$pv;...`), and its forms for the log line and the table row.

import type { ExecContext, Formatted, ModuleInstance } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import type { SipMessage } from '../../runtime/sip/message.js';

export interface Extra {
  readonly name: string;
  readonly value: Formatted;
}

export interface AccRecord {
  readonly method: string;
  readonly fromTag: string;
  readonly toTag: string;
  readonly callId: string;
  readonly code: string;
  readonly reason: string;
  readonly time: Date;
  readonly extras: ReadonlyArray<readonly [string, string]>;
}

/** log_extra / db_extra: `name=$pv;name=$pv...`; a string saying what is wrong when it is bad. */
export function parseExtras(param: string, text: string, module: ModuleInstance): Extra[] | string {
  const out: Extra[] = [];
  for (const item of text.split(';')) {
    if (item.trim() === '') continue;
    const eq = item.indexOf('=');
    const name = eq > 0 ? item.slice(0, eq).trim() : '';
    const spec = eq > 0 ? item.slice(eq + 1).trim() : '';
    if (name === '' || !spec.startsWith('$')) return `${param} "${item.trim()}": expected name=$pseudo-variable`;
    const value = module.compileFormat(spec);
    if (!value) return `${param} "${item.trim()}": ${spec} is not a pseudo-variable siprc can read`;
    out.push({ name, value });
  }
  return out;
}

function tagOf(m: SipMessage, header: 'from' | 'to'): string {
  const h = header === 'from' ? m.from() : m.to();
  if (!h || isSipError(h)) return '';
  return h.params.find((p) => p.name.toLowerCase() === 'tag')?.value ?? '';
}

/** A value of an extra: a missing one ($null) is the empty string, as Kamailio accounts it. */
function extraValue(ctx: ExecContext, e: Extra): string {
  const v = e.value.evaluate(ctx);
  return v === '<null>' ? '' : v;
}

/** The record of the request `ctx` runs on, with a final reply's code, reason and To tag (the request's To tag when undefined). */
export function makeRecord(ctx: ExecContext, method: string, code: string, reason: string, toTag: string | undefined, extras: readonly Extra[]): AccRecord {
  const m = ctx.message;
  return {
    method,
    fromTag: tagOf(m, 'from'),
    toTag: toTag ?? tagOf(m, 'to'),
    callId: m.header('call-id') ?? '',
    code,
    reason,
    time: new Date(),
    extras: extras.map((e) => [e.name, extraValue(ctx, e)] as const),
  };
}

/** acc_*_request's comment: a leading three-digit code and space give the code, the rest the reason. */
export function splitComment(comment: string): { code: string; reason: string } {
  const m = /^([0-9]{3})(?: (.*))?$/s.exec(comment);
  return m ? { code: m[1]!, reason: m[2] ?? '' } : { code: '', reason: comment };
}

/** The log line's text after `ACC: <what>: `. */
export function logText(r: AccRecord): string {
  const fields = [
    `timestamp=${Math.floor(r.time.getTime() / 1000)}`,
    `method=${r.method}`,
    `from_tag=${r.fromTag}`,
    `to_tag=${r.toTag}`,
    `call_id=${r.callId}`,
    `code=${r.code}`,
    `reason=${r.reason}`,
    ...r.extras.map(([n, v]) => `${n}=${v}`),
  ];
  return fields.join(';');
}
