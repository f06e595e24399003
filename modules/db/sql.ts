// The SQL text of the storage operations (modules/db/api.ts), shared by the
// SQL backends: SELECT, INSERT, UPDATE, DELETE and Kamailio's replace (insert,
// or overwrite the row with the same unique key) for one dialect, with the
// values as bound parameters (`?`, or `$1`... for PostgreSQL). Table and
// column names are checked to be plain identifiers and quoted.

import type { DbCondition, DbQuery, DbRow, DbValue } from './api.js';
import { quoteIdentifier, tableSchema, uniqueKey, type SqlDialect } from './schema.js';

export interface SqlStatement {
  readonly text: string;
  readonly values: DbValue[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

class Builder {
  readonly values: DbValue[] = [];
  constructor(readonly dialect: SqlDialect) {}

  name(identifier: string): string {
    if (!IDENTIFIER.test(identifier)) throw new Error(`"${identifier}" is not a table or column name`);
    return quoteIdentifier(this.dialect, identifier);
  }

  param(value: DbValue): string {
    this.values.push(value);
    return this.dialect === 'postgres' ? `$${this.values.length}` : '?';
  }

  /** ` WHERE a = ? AND b IS NULL`, or nothing for no conditions. A NULL compares with IS (NOT) NULL. */
  where(conditions: readonly DbCondition[] | undefined): string {
    if (!conditions || conditions.length === 0) return '';
    const terms = conditions.map((c) => {
      const op = c.op ?? '=';
      if (c.value === null) {
        if (op !== '=' && op !== '!=') throw new Error(`${c.column} ${op} NULL: only = and != compare with NULL`);
        return `${this.name(c.column)} IS ${op === '=' ? '' : 'NOT '}NULL`;
      }
      return `${this.name(c.column)} ${op === '!=' ? '<>' : op} ${this.param(c.value)}`;
    });
    return ` WHERE ${terms.join(' AND ')}`;
  }

  statement(text: string): SqlStatement {
    return { text, values: this.values };
  }
}

function columnsOf(row: DbRow, table: string): string[] {
  const columns = Object.keys(row);
  if (columns.length === 0) throw new Error(`no column given for ${table}`);
  return columns;
}

export function selectSql(dialect: SqlDialect, query: DbQuery): SqlStatement {
  const b = new Builder(dialect);
  const columns = query.columns && query.columns.length > 0 ? query.columns.map((c) => b.name(c)).join(', ') : '*';
  let text = `SELECT ${columns} FROM ${b.name(query.table)}${b.where(query.where)}`;
  if (query.orderBy !== undefined) text += ` ORDER BY ${b.name(query.orderBy)}`;
  if (query.limit !== undefined) {
    if (!Number.isInteger(query.limit) || query.limit < 0) throw new Error(`bad limit ${query.limit}`);
    text += ` LIMIT ${query.limit}`;
  }
  return b.statement(text);
}

export function insertSql(dialect: SqlDialect, table: string, row: DbRow): SqlStatement {
  const b = new Builder(dialect);
  const columns = columnsOf(row, table);
  const names = columns.map((c) => b.name(c)).join(', ');
  const params = columns.map((c) => b.param(row[c]!)).join(', ');
  return b.statement(`INSERT INTO ${b.name(table)} (${names}) VALUES (${params})`);
}

export function updateSql(dialect: SqlDialect, table: string, where: readonly DbCondition[], values: DbRow): SqlStatement {
  const b = new Builder(dialect);
  const sets = columnsOf(values, table)
    .map((c) => `${b.name(c)} = ${b.param(values[c]!)}`)
    .join(', ');
  return b.statement(`UPDATE ${b.name(table)} SET ${sets}${b.where(where)}`);
}

export function deleteSql(dialect: SqlDialect, table: string, where: readonly DbCondition[]): SqlStatement {
  const b = new Builder(dialect);
  return b.statement(`DELETE FROM ${b.name(table)}${b.where(where)}`);
}

/**
 * Kamailio's replace: SQLite's INSERT OR REPLACE, MySQL's REPLACE, and for
 * PostgreSQL an INSERT that updates the row with the same unique key (the
 * table's first unique key in schema.ts).
 */
export function replaceSql(dialect: SqlDialect, table: string, row: DbRow): SqlStatement {
  if (dialect !== 'postgres') {
    const insert = insertSql(dialect, table, row);
    return { text: insert.text.replace(/^INSERT/, dialect === 'sqlite' ? 'INSERT OR REPLACE' : 'REPLACE'), values: insert.values };
  }
  const schema = tableSchema(table);
  if (!schema) throw new Error(`replace on ${table}: siprc does not know the table's unique key`);
  const key = uniqueKey(schema);
  const b = new Builder(dialect);
  const insert = insertSql(dialect, table, row);
  const updates = Object.keys(row).filter((c) => !key.includes(c));
  const action = updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.map((c) => `${b.name(c)} = EXCLUDED.${b.name(c)}`).join(', ')}`;
  return { text: `${insert.text} ON CONFLICT (${key.map((c) => b.name(c)).join(', ')}) ${action}`, values: insert.values };
}
