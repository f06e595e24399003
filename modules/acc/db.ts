// acc's database writes: a record becomes a row of the acc or missed_calls
// table (Kamailio 5.6's columns, their names as the acc_*_column parameters
// say, then the db_extra columns), inserted without waiting, as Kamailio's
// acc writes from tm's callbacks; a failed insert is logged, naming the table.

import type { ExecContext } from '../api.js';
import type { DbConnection, DbRow } from '../db/api.js';
import type { AccRecord } from './record.js';
import type { AccSettings } from './settings.js';

export function rowOf(r: AccRecord, columns: AccSettings['columns']): DbRow {
  const row: Record<string, string | Date> = {
    [columns.method]: r.method,
    [columns.fromTag]: r.fromTag,
    [columns.toTag]: r.toTag,
    [columns.callId]: r.callId,
    [columns.code]: r.code,
    [columns.reason]: r.reason,
    [columns.time]: r.time,
  };
  for (const [name, value] of r.extras) row[name] = value;
  return row;
}

/**
 * Inserts the record into `table`; resolves when written or when the
 * failure has been logged (through the context's server, as a log line of
 * the acc module).
 */
export function insertRecord(db: DbConnection, table: string, r: AccRecord, columns: AccSettings['columns'], ctx: ExecContext): Promise<void> {
  return db.insert(table, rowOf(r, columns)).then(
    () => undefined,
    (e: Error) => {
      const out = ctx.derive(ctx.message, ctx.source, ctx.proto);
      out.log(-1, `acc: failed to insert into table ${table} (Call-ID ${r.callId}): ${e.message}`);
      ctx.worker.host.flush(out);
    },
  );
}
