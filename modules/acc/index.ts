// acc: transaction accounting as Kamailio 5.6's module does it, to the log and
// to a database. A transaction whose request had log_flag (db_flag) set is
// accounted when its first final reply goes upstream, a negative one only
// with failed_transaction_flag too ("transaction answered"); one whose
// branches all ended negatively is accounted as a missed call when
// log_missed_flag (db_missed_flag) is set then, before failure_route, which
// clears the flag (set it again there to account the next serial attempt).
// CANCEL transactions only with report_cancels. acc_log_request and
// acc_db_request account the request being run. It hears transactions
// through tm's API (tm must be loaded); database rows go to the acc and
// missed_calls tables through the storage interface, written without
// waiting, a failure logged. The parameters of what is not provided (CDRs,
// multi-leg, early media, e2e ACKs, direction detection, other time modes)
// are refused unless left at their defaults (settings.ts).

import { ANY_ROUTE, command, defineModule, type ExecContext, type ModuleInstance } from '../api.js';
import type { DbConnection } from '../db/api.js';
import { connectDb } from '../db/connect.js';
import type { FinalReply, TmApi, Transaction } from '../tm/api.js';
import { insertRecord } from './db.js';
import { logText, makeRecord, parseExtras, splitComment, type AccRecord, type Extra } from './record.js';
import { accParams, hasFlag, settingsOf, type AccSettings } from './settings.js';

/** A running acc. */
interface State {
  readonly s: AccSettings;
  readonly logExtras: readonly Extra[];
  readonly dbExtras: readonly Extra[];
  readonly tm: TmApi;
  db: DbConnection | undefined;
  unlisten: (() => void) | undefined;
}

const states = new WeakMap<ModuleInstance, State>();

function stateOf(module: ModuleInstance): State {
  const st = states.get(module);
  if (!st) throw new Error('acc is not running');
  return st;
}

function logRecord(ctx: ExecContext, st: State, what: string, r: AccRecord): void {
  ctx.log(st.s.level, `ACC: ${what}: ${logText(r)}`, st.s.facility);
}

/**
 * The transaction's record with its final reply, for the log (log_extra) or
 * the database (db_extra): read from its request (the Request-URI as
 * relayed), as Kamailio reads the transaction's copy of it.
 */
function txRecord(st: State, tx: Transaction, reply: FinalReply, extras: readonly Extra[]): AccRecord {
  const request = st.tm.requestOf(tx);
  request.edits.requestUri = tx.ruri;
  return makeRecord(request, tx.method, String(reply.code), reply.reason, reply.toTag, extras);
}

function accountable(st: State, tx: Transaction): boolean {
  return tx.method !== 'CANCEL' || st.s.reportCancels;
}

/** tm's events: completed (the first final reply upstream) and failed (all branches negative). */
function listener(st: State) {
  const { flags } = st.s;
  return {
    completed(ctx: ExecContext, tx: Transaction, reply: FinalReply): void {
      if (!accountable(st, tx)) return;
      if (reply.code >= 300 && !hasFlag(tx.flags, flags.failed)) return;
      if (hasFlag(tx.flags, flags.log)) logRecord(ctx, st, 'transaction answered', txRecord(st, tx, reply, st.logExtras));
      if (st.db && hasFlag(tx.flags, flags.db)) void insertRecord(st.db, st.s.tables.acc, txRecord(st, tx, reply, st.dbExtras), st.s.columns, ctx);
    },
    failed(ctx: ExecContext, tx: Transaction, reply: FinalReply): void {
      // Missed calls are INVITEs only (Kamailio's acc hears failures of INVITE transactions).
      if (tx.method !== 'INVITE') return;
      if (hasFlag(tx.flags, flags.missed)) {
        logRecord(ctx, st, 'call missed', txRecord(st, tx, reply, st.logExtras));
        tx.flags &= ~(1 << flags.missed);
      }
      if (st.db && hasFlag(tx.flags, flags.dbMissed)) {
        void insertRecord(st.db, st.s.tables.missed, txRecord(st, tx, reply, st.dbExtras), st.s.columns, ctx);
        tx.flags &= ~(1 << flags.dbMissed);
      }
    },
  };
}

/** The record acc_*_request makes of the request being run, the comment giving the code and reason. */
function requestRecord(ctx: ExecContext, comment: string, extras: readonly Extra[]): AccRecord {
  const { code, reason } = splitComment(comment);
  return makeRecord(ctx, ctx.message.isRequest ? ctx.message.method : '', code, reason, undefined, extras);
}

export const acc = defineModule({
  name: 'acc',
  params: accParams,
  commands: [
    command({
      name: 'acc_log_request',
      args: [{ name: 'comment', type: 'spve' }],
      routes: ANY_ROUTE,
      run: (ctx, [comment], _p, module) => {
        const st = stateOf(module);
        if (!ctx.message.isRequest) return -1;
        logRecord(ctx, st, 'request accounted', requestRecord(ctx, comment, st.logExtras));
        return 1;
      },
    }),
    command({
      name: 'acc_db_request',
      args: [
        { name: 'comment', type: 'spve' },
        { name: 'table', type: 'spve' },
      ],
      routes: ANY_ROUTE,
      run: (ctx, [comment, table], _p, module) => {
        const st = stateOf(module);
        if (!st.db) {
          ctx.log(-1, 'acc: acc_db_request: no db_url is set');
          return -1;
        }
        if (!ctx.message.isRequest || table === '') return -1;
        void insertRecord(st.db, table, requestRecord(ctx, comment, st.dbExtras), st.s.columns, ctx);
        return 1;
      },
    }),
  ],
  init(module) {
    const s = settingsOf(module.params);
    if (typeof s === 'string') return s;
    const tm = module.bind<TmApi>('tm');
    if (!tm) return 'cannot bind to the TM API: load module tm before acc';
    const logExtras = parseExtras('log_extra', module.params.get('log_extra') as string, module);
    if (typeof logExtras === 'string') return logExtras;
    const dbExtras = parseExtras('db_extra', module.params.get('db_extra') as string, module);
    if (typeof dbExtras === 'string') return dbExtras;
    const st: State = { s, logExtras, dbExtras, tm, db: undefined, unlisten: undefined };
    states.set(module, st);
    st.unlisten = tm.listen(listener(st));
    if (s.dbUrl === '') return undefined;
    return connectDb(s.dbUrl).then(
      (db) => void (st.db = db),
      (e: Error) => `db_url: ${e.message}`,
    );
  },
  destroy(module) {
    const st = states.get(module);
    if (!st) return undefined;
    st.unlisten?.();
    states.delete(module);
    return st.db?.close();
  },
});
