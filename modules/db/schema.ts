// Kamailio 5.6's tables that siprc keeps (version, location, location_attrs,
// subscriber, acc, missed_calls) as data: columns with their types, defaults
// and nullability, unique keys, indexes and each table's version, as
// kamdbctl creates them, so that siprc and Kamailio can share a database. And
// the DDL that creates them per SQL dialect, idempotent: a table or index
// that exists is left alone, a version row is inserted only when missing.

/** A column's kind, as Kamailio's schema types them. */
export type ColumnType = 'id' | 'int' | 'uint' | 'float' | 'string' | 'datetime';

export interface ColumnSchema {
  readonly name: string;
  readonly type: ColumnType;
  /** For strings: VARCHAR's length. */
  readonly size?: number;
  readonly nullable: boolean;
  /** The DEFAULT clause's value; left out when the column has none. */
  readonly default?: string | number | null;
}

export interface KeySchema {
  /** The key's name in MySQL; SQLite and PostgreSQL prefix it with `table_`. */
  readonly name: string;
  readonly columns: readonly string[];
}

export interface TableSchema {
  readonly name: string;
  /** The table's row in `version`. */
  readonly version: number;
  /** In order; the first is `id`, the row id. */
  readonly columns: readonly ColumnSchema[];
  readonly unique: readonly KeySchema[];
  readonly indexes: readonly KeySchema[];
}

export type SqlDialect = 'sqlite' | 'mysql' | 'postgres';

const id: ColumnSchema = { name: 'id', type: 'id', nullable: false };
const str = (name: string, size: number, def: string | null = '', nullable = def === null): ColumnSchema => ({ name, type: 'string', size, nullable, default: def });
const int = (name: string, def: number | null = 0): ColumnSchema => ({ name, type: 'int', nullable: def === null, default: def });
const datetime = (name: string, def?: string): ColumnSchema => ({ name, type: 'datetime', nullable: false, ...(def !== undefined ? { default: def } : {}) });

/** acc and missed_calls: the same columns (acc's core fields; extra ones are added by the operator). */
const accColumns: readonly ColumnSchema[] = [
  id,
  str('method', 16),
  str('from_tag', 128),
  str('to_tag', 128),
  str('callid', 255),
  str('sip_code', 3),
  str('sip_reason', 128),
  datetime('time'),
];

export const TABLES: readonly TableSchema[] = [
  {
    name: 'version',
    version: 1,
    columns: [id, { name: 'table_name', type: 'string', size: 32, nullable: false }, { name: 'table_version', type: 'uint', nullable: false, default: 0 }],
    unique: [{ name: 'table_name_idx', columns: ['table_name'] }],
    indexes: [],
  },
  {
    name: 'location',
    version: 9,
    columns: [
      id,
      str('ruid', 64),
      str('username', 64),
      str('domain', 64, null),
      str('contact', 512),
      str('received', 128, null),
      str('path', 512, null),
      datetime('expires', '2030-05-28 21:32:15'),
      { name: 'q', type: 'float', nullable: false, default: 1.0 },
      str('callid', 255, 'Default-Call-ID'),
      int('cseq', 1),
      datetime('last_modified', '2000-01-01 00:00:01'),
      int('flags'),
      int('cflags'),
      str('user_agent', 255),
      str('socket', 64, null),
      int('methods', null),
      str('instance', 255, null),
      int('reg_id'),
      int('server_id'),
      int('connection_id'),
      int('keepalive'),
      int('partition'),
    ],
    unique: [{ name: 'ruid_idx', columns: ['ruid'] }],
    indexes: [
      { name: 'account_contact_idx', columns: ['username', 'domain', 'contact'] },
      { name: 'expires_idx', columns: ['expires'] },
      { name: 'tcpcon_idx', columns: ['connection_id'] },
      { name: 'connection_idx', columns: ['server_id', 'connection_id'] },
    ],
  },
  {
    name: 'location_attrs',
    version: 1,
    columns: [
      id,
      str('ruid', 64),
      str('username', 64),
      str('domain', 64, null),
      str('aname', 64),
      int('atype'),
      str('avalue', 512),
      datetime('last_modified', '2000-01-01 00:00:01'),
    ],
    unique: [],
    indexes: [
      { name: 'account_record_idx', columns: ['username', 'domain', 'ruid'] },
      { name: 'last_modified_idx', columns: ['last_modified'] },
    ],
  },
  {
    name: 'subscriber',
    version: 7,
    columns: [id, str('username', 64), str('domain', 64), str('password', 64), str('ha1', 128), str('ha1b', 128)],
    unique: [{ name: 'account_idx', columns: ['username', 'domain'] }],
    indexes: [{ name: 'username_idx', columns: ['username'] }],
  },
  { name: 'acc', version: 5, columns: accColumns, unique: [], indexes: [{ name: 'callid_idx', columns: ['callid'] }] },
  { name: 'missed_calls', version: 4, columns: accColumns, unique: [], indexes: [{ name: 'callid_idx', columns: ['callid'] }] },
];

/** A table's schema by name; undefined for a table siprc does not know. */
export function tableSchema(name: string): TableSchema | undefined {
  return TABLES.find((t) => t.name === name);
}

/** A table's unique key (the columns a replace matches on): its first unique key, else `id`. */
export function uniqueKey(table: TableSchema): readonly string[] {
  return table.unique[0]?.columns ?? ['id'];
}

/** Identifiers as each dialect quotes them (MySQL needs it: `partition` is a reserved word there). */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  return dialect === 'mysql' ? `\`${name}\`` : `"${name}"`;
}

/**
 * The column types, as kamdbctl writes them for each dialect. SQLite keeps
 * the declared type and Kamailio's db_sqlite reads a column's kind from it,
 * so the SQLite names are Kamailio's exactly.
 */
function columnType(dialect: SqlDialect, column: ColumnSchema): string {
  switch (column.type) {
    case 'id':
      return dialect === 'mysql' ? 'INT(10) UNSIGNED AUTO_INCREMENT PRIMARY KEY' : dialect === 'postgres' ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY';
    case 'int':
      return dialect === 'mysql' ? 'INT(11)' : 'INTEGER';
    case 'uint':
      return dialect === 'mysql' ? 'INT UNSIGNED' : 'INTEGER';
    case 'float':
      return dialect === 'mysql' ? 'FLOAT(10,2)' : 'REAL';
    case 'string':
      return `VARCHAR(${column.size})`;
    case 'datetime':
      return dialect === 'mysql' ? 'DATETIME' : 'TIMESTAMP WITHOUT TIME ZONE';
  }
}

function literal(value: string | number | null, type?: ColumnType): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return type === 'float' ? value.toFixed(1) : String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function columnDefinition(dialect: SqlDialect, column: ColumnSchema): string {
  const parts = [quoteIdentifier(dialect, column.name), columnType(dialect, column)];
  if (column.default !== undefined) parts.push(`DEFAULT ${literal(column.default, column.type)}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

/** A key's name in the dialect: MySQL's are per table, the others' share one namespace and carry the table's name. */
function keyName(dialect: SqlDialect, table: TableSchema, key: KeySchema): string {
  return dialect === 'mysql' ? key.name : `${table.name}_${key.name}`;
}

function keyColumns(dialect: SqlDialect, key: KeySchema): string {
  return key.columns.map((c) => quoteIdentifier(dialect, c)).join(', ');
}

/** The statements creating one table, its indexes and its version row; each may run again harmlessly. */
export function createTableStatements(dialect: SqlDialect, table: TableSchema): string[] {
  const q = (name: string): string => quoteIdentifier(dialect, name);
  const lines = table.columns.map((c) => columnDefinition(dialect, c));
  for (const key of table.unique) lines.push(`CONSTRAINT ${q(keyName(dialect, table, key))} UNIQUE (${keyColumns(dialect, key)})`);
  // MySQL has no CREATE INDEX IF NOT EXISTS: its indexes are declared with the table.
  if (dialect === 'mysql') for (const key of table.indexes) lines.push(`INDEX ${q(key.name)} (${keyColumns(dialect, key)})`);
  const statements = [`CREATE TABLE IF NOT EXISTS ${q(table.name)} (\n    ${lines.join(',\n    ')}\n)`];
  if (dialect !== 'mysql') {
    for (const key of table.indexes) statements.push(`CREATE INDEX IF NOT EXISTS ${q(keyName(dialect, table, key))} ON ${q(table.name)} (${keyColumns(dialect, key)})`);
  }
  const row = `${q('version')} (${q('table_name')}, ${q('table_version')}) VALUES (${literal(table.name)}, ${table.version})`;
  statements.push(
    dialect === 'sqlite' ? `INSERT OR IGNORE INTO ${row}` : dialect === 'mysql' ? `INSERT IGNORE INTO ${row}` : `INSERT INTO ${row} ON CONFLICT (${q('table_name')}) DO NOTHING`,
  );
  return statements;
}

/** Every statement creating the tables (the `version` table first). */
export function createStatements(dialect: SqlDialect, tables: readonly TableSchema[] = TABLES): string[] {
  const ordered = [...tables.filter((t) => t.name === 'version'), ...tables.filter((t) => t.name !== 'version')];
  if (ordered[0]?.name !== 'version') ordered.unshift(tableSchema('version')!);
  return ordered.flatMap((t) => createTableStatements(dialect, t));
}
