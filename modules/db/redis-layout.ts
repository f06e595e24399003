// How the Redis backend lays Kamailio's tables out in Redis keys (described
// in docs/storage.md): a hash per row named by the table's entry key, a set
// of every row per table, and an index set per named group of columns, as
// db_redis's `keys` parameter declares them
// (`location=entry:ruid&usrdom:username,domain`). Also the columns' types,
// from schema.ts or, for other tables, from a db_redis schema file
// (`id/int,ruid/string,...`), and the conversion of values to and from the
// strings a hash holds.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbRow, DbValue } from './api.js';
import { tableSchema, uniqueKey, type ColumnType } from './schema.js';

/** A table as the backend sees it: its columns' types, defaults, entry key and indexes. */
export interface RedisTable {
  readonly name: string;
  readonly types: ReadonlyMap<string, ColumnType>;
  /** Values of columns an insert leaves out (schema.ts's defaults). */
  readonly defaults: DbRow;
  /** The columns naming a row's hash: `location:entry::<ruid>`. */
  readonly entry: readonly string[];
  /** Index sets by name: `location:usrdom::<username>:<domain>` holds the entry keys of those rows. */
  readonly indexes: ReadonlyMap<string, readonly string[]>;
}

/** A table's key declaration: the entry key's columns and the indexes'. */
export interface KeySpec {
  readonly entry?: readonly string[];
  readonly indexes: ReadonlyMap<string, readonly string[]>;
}

/**
 * The keys siprc uses for the tables it keeps when the `keys` parameter does
 * not name them: the entries and indexes db_redis's documentation suggests,
 * for the columns usrloc, auth_db and acc look rows up by.
 */
export const DEFAULT_KEYS: Readonly<Record<string, string>> = {
  version: 'entry:table_name',
  location: 'entry:ruid&usrdom:username,domain&timer:partition,keepalive',
  location_attrs: 'entry:id&usrdom:username,domain&ruid:ruid',
  subscriber: 'entry:username,domain&user:username',
  acc: 'entry:id&cid:callid',
  missed_calls: 'entry:id&cid:callid',
};

/** Where db_redis's schema files are installed (Debian's kamailio-redis-modules). */
export const DEFAULT_SCHEMA_PATH = '/usr/share/kamailio/db_redis/kamailio';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses one `keys` value (`table=entry:a,b&name:c`); a string saying what is wrong with a bad one. */
export function parseKeys(text: string): { table: string; spec: KeySpec } | string {
  const eq = text.indexOf('=');
  const table = text.slice(0, eq).trim();
  if (eq <= 0 || !NAME.test(table)) return `keys "${text}": expected table=entry:column,...&name:column,...`;
  const spec = parseKeySpec(text.slice(eq + 1));
  return typeof spec === 'string' ? `keys "${text}": ${spec}` : { table, spec };
}

function parseKeySpec(text: string): KeySpec | string {
  let entry: string[] | undefined;
  const indexes = new Map<string, string[]>();
  for (const part of text.split('&')) {
    const colon = part.indexOf(':');
    const name = part.slice(0, colon).trim();
    const columns = part.slice(colon + 1).split(',').map((c) => c.trim());
    if (colon <= 0 || !NAME.test(name)) return `"${part}" is not name:column,...`;
    const bad = columns.find((c) => !NAME.test(c));
    if (bad !== undefined) return `"${bad}" in "${part}" is not a column name`;
    if (name === 'entry') entry = columns;
    else if (indexes.has(name)) return `the key "${name}" is declared twice`;
    else indexes.set(name, columns);
  }
  return entry ? { entry, indexes } : { indexes };
}

const SCHEMA_TYPES: Readonly<Record<string, ColumnType>> = { int: 'int', string: 'string', str: 'string', time: 'datetime', timestamp: 'datetime', double: 'float', float: 'float', uint: 'uint' };

/** A table's column types from a db_redis schema file (`id/int,name/string,...` then the version); undefined when there is none. */
function schemaFileTypes(schemaPath: string, table: string): Map<string, ColumnType> | undefined {
  let text: string;
  try {
    text = readFileSync(join(schemaPath, table), 'utf8');
  } catch {
    return undefined;
  }
  const types = new Map<string, ColumnType>();
  for (const field of (text.split('\n')[0] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '')) {
    const [column, type] = field.split('/');
    if (!column || !NAME.test(column)) throw new Error(`${join(schemaPath, table)}: "${field}" is not column/type`);
    types.set(column, SCHEMA_TYPES[type ?? ''] ?? 'string');
  }
  return types;
}

const DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A schema default as a value: DATETIME texts are local times, as the SQL servers read them. */
function defaultValue(type: ColumnType, value: string | number | null): DbValue {
  const m = type === 'datetime' && typeof value === 'string' ? DATETIME_TEXT.exec(value) : null;
  return m ? new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : value;
}

/** The table's layout: schema.ts's columns (else the schema file's) and the declared keys (else the defaults). */
export function describeTable(name: string, keys: ReadonlyMap<string, KeySpec>, schemaPath: string): RedisTable {
  const schema = tableSchema(name);
  const types = schema ? new Map(schema.columns.map((c) => [c.name, c.type] as const)) : schemaFileTypes(schemaPath, name);
  if (!types) throw new Error(`siprc does not know the table ${name} (not one of its own, and no db_redis schema file ${join(schemaPath, name)})`);
  const defaults: Record<string, DbValue> = {};
  for (const c of schema?.columns ?? []) if (c.default !== undefined && c.default !== null) defaults[c.name] = defaultValue(c.type, c.default);
  const declared: KeySpec = keys.get(name) ?? (DEFAULT_KEYS[name] ? (parseKeySpec(DEFAULT_KEYS[name]!) as KeySpec) : { indexes: new Map() });
  const entry = declared.entry ?? (schema ? uniqueKey(schema) : ['id']);
  for (const column of [...entry, ...[...declared.indexes.values()].flat()]) {
    if (!types.has(column)) throw new Error(`the Redis keys of ${name} name the column ${column}, which the table does not have`);
  }
  return { name, types, defaults, entry, indexes: declared.indexes };
}

/** One value as part of a key: `%` and `:` escaped so that parts never run together; NULL as `%00`. */
function keyPart(value: DbValue | undefined): string {
  if (value === null || value === undefined) return '%00';
  return encodeValue(value).replace(/%/g, '%25').replace(/:/g, '%3A');
}

/** `table:name::v1:v2` for the row's values of the columns. */
export function keyOf(table: string, name: string, columns: readonly string[], row: DbRow): string {
  return `${table}:${name}::${columns.map((c) => keyPart(row[c])).join(':')}`;
}

/** The set of every row's entry key. */
export const allRowsKey = (table: string): string => `${table}::entries`;

/** The counter `id` values are taken from. */
export const idCounterKey = (table: string): string => `${table}::id`;

/** A value as a hash holds it: numbers as decimal text, a DATETIME as Unix seconds (with the milliseconds as a fraction). */
export function encodeValue(value: Exclude<DbValue, null>): string {
  return value instanceof Date ? String(value.getTime() / 1000) : String(value);
}

/** A hash's text as the column's value. */
export function decodeValue(type: ColumnType | undefined, text: string): DbValue {
  switch (type) {
    case 'id':
    case 'int':
    case 'uint':
    case 'float':
      return Number(text);
    case 'datetime':
      return new Date(Math.round(Number(text) * 1000));
    default:
      return text;
  }
}

/** A stored hash as a row: every column of the table, absent fields as NULL. */
export function decodeRow(table: RedisTable, hash: Readonly<Record<string, string>>): Record<string, DbValue> {
  const row: Record<string, DbValue> = {};
  for (const [column, type] of table.types) row[column] = hash[column] === undefined ? null : decodeValue(type, hash[column]!);
  for (const [field, text] of Object.entries(hash)) if (!table.types.has(field)) row[field] = text;
  return row;
}
