import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { createStatements, createTableStatements, TABLES, tableSchema } from '../../../modules/db/schema.js';

const KAMAILIO_SQLITE = '/usr/share/kamailio/db_sqlite';
const KAMAILIO_FILES = ['standard', 'usrloc', 'auth_db', 'acc'].map((f) => `${KAMAILIO_SQLITE}/${f}-create.sql`);
const haveKamailio = KAMAILIO_FILES.every((f) => existsSync(f));

/** What SQLite knows of a table: its columns (type, NOT NULL, default, key) and indexes with their columns. */
function describe_(db: Database.Database, table: string): unknown {
  const columns = db.prepare(`PRAGMA table_info("${table}")`).all();
  const indexes = (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[])
    .map((i) => ({ name: i.name, unique: i.unique, columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { columns, indexes };
}

const names = TABLES.map((t) => t.name);

// Jest runs a skipped block's body too (to list its tests): the databases are made before its tests, not in it.
(haveKamailio ? describe : describe.skip)('the SQLite DDL, beside the one Kamailio 5.6 installs', () => {
  const kamailio = new Database(':memory:');
  const ours = new Database(':memory:');
  beforeAll(() => {
    // Kamailio's files also create tables siprc does not keep (acc_cdrs); only siprc's are compared.
    for (const f of KAMAILIO_FILES) kamailio.exec(readFileSync(f, 'utf8'));
    for (const s of createStatements('sqlite')) ours.exec(s);
  });

  it.each(names)('creates %s with the same columns, types, defaults and indexes', (table) => {
    expect(describe_(ours, table)).toEqual(describe_(kamailio, table));
  });

  it('writes the same table versions', () => {
    const versions = (db: Database.Database): unknown =>
      db.prepare(`SELECT table_name, table_version FROM version WHERE table_name IN (${names.map(() => '?').join(',')}) ORDER BY table_name`).all(...names);
    expect(versions(ours)).toEqual(versions(kamailio));
    expect(versions(ours)).toContainEqual({ table_name: 'location', table_version: 9 });
  });

  it('runs again on Kamailio’s database without changing it', () => {
    const before = names.map((t) => describe_(kamailio, t));
    for (const s of createStatements('sqlite')) kamailio.exec(s);
    expect(names.map((t) => describe_(kamailio, t))).toEqual(before);
    expect(kamailio.prepare("SELECT COUNT(*) AS n FROM version WHERE table_name = 'subscriber'").get()).toEqual({ n: 1 });
  });
});

describe('DDL per dialect', () => {
  it('MySQL: backquoted names (partition is reserved), Kamailio’s types, indexes inside CREATE TABLE, INSERT IGNORE', () => {
    const [create, version] = createTableStatements('mysql', tableSchema('location')!);
    expect(create).toContain('CREATE TABLE IF NOT EXISTS `location` (');
    expect(create).toContain('`id` INT(10) UNSIGNED AUTO_INCREMENT PRIMARY KEY NOT NULL');
    expect(create).toContain("`expires` DATETIME DEFAULT '2030-05-28 21:32:15' NOT NULL");
    expect(create).toContain('`q` FLOAT(10,2) DEFAULT 1.0 NOT NULL');
    expect(create).toContain('`partition` INT(11) DEFAULT 0 NOT NULL');
    expect(create).toContain('`methods` INT(11) DEFAULT NULL');
    expect(create).toContain('CONSTRAINT `ruid_idx` UNIQUE (`ruid`)');
    expect(create).toContain('INDEX `account_contact_idx` (`username`, `domain`, `contact`)');
    expect(version).toBe("INSERT IGNORE INTO `version` (`table_name`, `table_version`) VALUES ('location', 9)");
  });

  it('PostgreSQL: SERIAL ids, TIMESTAMP WITHOUT TIME ZONE, table-prefixed index names, ON CONFLICT DO NOTHING', () => {
    const statements = createTableStatements('postgres', tableSchema('subscriber')!);
    expect(statements[0]).toContain('"id" SERIAL PRIMARY KEY NOT NULL');
    expect(statements[0]).toContain('CONSTRAINT "subscriber_account_idx" UNIQUE ("username", "domain")');
    expect(statements[1]).toBe('CREATE INDEX IF NOT EXISTS "subscriber_username_idx" ON "subscriber" ("username")');
    expect(statements[2]).toBe('INSERT INTO "version" ("table_name", "table_version") VALUES (\'subscriber\', 7) ON CONFLICT ("table_name") DO NOTHING');
    expect(createTableStatements('postgres', tableSchema('acc')!)[0]).toContain('"time" TIMESTAMP WITHOUT TIME ZONE NOT NULL');
  });

  it('creates the version table first, whatever tables are asked for', () => {
    expect(createStatements('sqlite', [tableSchema('acc')!])[0]).toMatch(/^CREATE TABLE IF NOT EXISTS "version"/);
  });
});
