// The MySQL and PostgreSQL DDL of modules/db/schema.ts on real servers,
// beside Kamailio 5.6's own (the files kamdbctl runs): the same columns,
// types, nullability, defaults, keys and indexes, and running it twice
// changes nothing.

import { existsSync, readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { createStatements, TABLES } from '../../../modules/db/schema.js';
import { parseDbUrl } from '../../../modules/db/url.js';
import { describeWithServer, startServer, type DbServer } from './servers.js';

const FILES = ['standard', 'usrloc', 'auth_db', 'acc'];
const kamailioSql = (dialect: string): string | undefined => {
  const paths = FILES.map((f) => `/usr/share/kamailio/${dialect}/${f}-create.sql`);
  return paths.every((p) => existsSync(p)) ? paths.map((p) => readFileSync(p, 'utf8')).join('\n') : undefined;
};
const names = TABLES.map((t) => t.name);

const pgSql = kamailioSql('postgres');
(pgSql ? describeWithServer('postgres') : describe.skip)('PostgreSQL', () => {
  let server: DbServer;
  let client: pg.Client;
  beforeAll(async () => {
    server = await startServer('postgres', 25532);
    const url = parseDbUrl(server.url);
    client = new pg.Client({ host: url.host, port: url.port, user: url.user, password: url.password, database: url.database });
    await client.connect();
  }, 120_000);
  afterAll(async () => {
    await client?.end();
    await server?.destroy();
  }, 60_000);

  async function describeSchema(schema: string): Promise<unknown> {
    const columns = await client.query(
      `SELECT table_name, column_name, ordinal_position, data_type, character_maximum_length, is_nullable, replace(column_default, '${schema}.', '') AS column_default
         FROM information_schema.columns WHERE table_schema = $1 AND table_name = ANY($2) ORDER BY table_name, ordinal_position`,
      [schema, names],
    );
    const indexes = await client.query(`SELECT tablename, indexname, replace(indexdef, '${schema}.', '') AS def FROM pg_indexes WHERE schemaname = $1 AND tablename = ANY($2) ORDER BY indexname`, [schema, names]);
    const versions = await client.query(`SELECT table_name, table_version FROM ${schema}.version WHERE table_name = ANY($1) ORDER BY table_name`, [names]);
    return { columns: columns.rows, indexes: indexes.rows, versions: versions.rows };
  }

  it('creates the tables as Kamailio’s DDL does, and again without change', async () => {
    await client.query('CREATE SCHEMA kam; SET search_path TO kam');
    await client.query(pgSql!);
    await client.query('CREATE SCHEMA ours; SET search_path TO ours');
    for (const s of createStatements('postgres')) await client.query(s);
    const first = await describeSchema('ours');
    expect((first as { columns: unknown[] }).columns).toHaveLength(TABLES.reduce((n, t) => n + t.columns.length, 0));
    expect(first).toEqual(await describeSchema('kam'));
    for (const s of createStatements('postgres')) await client.query(s);
    expect(await describeSchema('ours')).toEqual(first);
  });
});

const mysqlSql = kamailioSql('mysql');
(mysqlSql ? describeWithServer('mariadb') : describe.skip)('MariaDB', () => {
  let server: DbServer;
  let conn: mysql.Connection;
  beforeAll(async () => {
    server = await startServer('mariadb', 23406);
    const url = parseDbUrl(server.url);
    conn = await mysql.createConnection({ host: url.host, port: url.port, user: url.user, password: url.password, multipleStatements: true });
  }, 120_000);
  afterAll(async () => {
    await conn?.end();
    await server?.destroy();
  }, 60_000);

  async function describeDb(db: string): Promise<unknown> {
    const [columns] = await conn.query(
      `SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_KEY
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      [db, names],
    );
    const [indexes] = await conn.query(
      `SELECT TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?) ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
      [db, names],
    );
    const [versions] = await conn.query(`SELECT table_name, table_version FROM \`${db}\`.version WHERE table_name IN (?) ORDER BY table_name`, [names]);
    return { columns, indexes, versions };
  }

  it('creates the tables as Kamailio’s DDL does, and again without change', async () => {
    await conn.query('CREATE DATABASE kam; USE kam');
    await conn.query(mysqlSql!);
    await conn.query('CREATE DATABASE ours; USE ours');
    for (const s of createStatements('mysql')) await conn.query(s);
    const first = await describeDb('ours');
    expect((first as { columns: unknown[] }).columns).toHaveLength(TABLES.reduce((n, t) => n + t.columns.length, 0));
    expect(first).toEqual(await describeDb('kam'));
    for (const s of createStatements('mysql')) await conn.query(s);
    expect(await describeDb('ours')).toEqual(first);
  });
});
