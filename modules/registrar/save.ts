// save(table[, flags[, uri]]): a REGISTER (or, in a reply route, the 200 to
// one) applied to the AOR's record in usrloc, then answered: 200 with the
// current contacts, or the error with its reason. A storage failure (a
// DbError from the database) is logged and answered 500 naming the step that
// failed as Kamailio does (usrloc_contact_insert failed, ...), listing the
// stored contacts when they were read; what was stored before stays as it was. Counts accepted_regs and rejected_regs.

import type { ExecContext } from '../api.js';
import { guard, then, type Maybe } from '../kit/maybe.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { SAVE_NO_REPLY, SAVE_REPLY_HEADERS } from './contact-values.js';
import { E, type RegError } from './errors.js';
import { planSave } from './plan.js';
import { errorReply, keepReply, okReply, sendPrepared, type PreparedReply } from './reply.js';
import { readRegister, type RegisterRequest } from './request.js';
import { aorFor, type Registrar } from './state.js';
import { ChangeFailed, type Contact } from '../usrloc/api.js';

function answer(ctx: ExecContext, r: Registrar, reply: PreparedReply, flags: number): void {
  if (!ctx.message.isRequest) return;
  if (flags & SAVE_NO_REPLY) keepReply(ctx, reply, (flags & SAVE_REPLY_HEADERS) !== 0);
  else sendPrepared(ctx, r.tm, reply);
}

function reject(ctx: ExecContext, r: Registrar, e: RegError, req: RegisterRequest | undefined, contacts: readonly Contact[] | undefined, flags: number): number {
  r.stats.add('rejected_regs');
  answer(ctx, r, errorReply(r, e, req, contacts, r.ul.now()), flags);
  return e.rc;
}

export function save(ctx: ExecContext, r: Registrar, table: string, flags: number, uri?: string): Maybe<number> {
  const now = r.ul.now();
  const req = readRegister(ctx, r.s);
  if ('code' in req) return reject(ctx, r, req, undefined, undefined, flags);
  const to = ctx.message.to();
  const aorUri = uri !== undefined && uri !== '' ? uri : to && !isSipError(to) ? to.uriText : '';
  const aor = aorFor(r, aorUri);
  if (aor === 'parse') return reject(ctx, r, E.aorParse, req, undefined, flags);
  const domain = r.ul.domain(table);
  /** The contacts stored for the AOR, once read: listed in a 500 too. */
  let stored: readonly Contact[] | undefined;
  const run = (): Maybe<number> =>
    then(domain.get(aor), (record) => {
      stored = record?.contacts ?? [];
      const plan = planSave(ctx, r, req, aor, record, flags, now);
      if ('code' in plan) return reject(ctx, r, plan, req, record?.contacts, flags);
      return then(domain.apply(aor, plan.changes), () => {
        r.stats.add('accepted_regs');
        answer(ctx, r, okReply(r, req, plan.after, now, aorUri), flags);
        return plan.rc;
      });
    });
  return guard(
    () => domain.exclusive(aor, run),
    (e) => {
      ctx.log(-1, `registrar: save("${table}") for ${aor}: storage failed: ${(e as Error).message}`);
      const step = e instanceof ChangeFailed ? e.op : 'get';
      return reject(ctx, r, E.storage(step, r.s.retryAfter), req, stored, flags);
    },
  );
}
