// db_sqlite: serves sqlite:// db_urls (modules/db/sqlite.ts) with the
// module's parameters: db_set_readonly (a file opened read-only) and
// db_set_journal_mode (`/path/to/file.db=WAL;`), each repeatable, one file a
// line. It exports no command, as in Kamailio. A script that uses a sqlite://
// db_url without loading it gets the same backend with the defaults
// (read-write, WAL). better-sqlite3 is loaded by the first connection, not by
// loading the module.

import { defineModule, type ModuleInstance } from '../api.js';
import type { DbBackend, DbConnection, DbUrl } from '../db/api.js';
import { registerBackend, unregisterBackend } from '../db/connect.js';
import type { SqliteOptions } from '../db/sqlite.js';

const JOURNAL_MODES = ['DELETE', 'TRUNCATE', 'PERSIST', 'MEMORY', 'WAL', 'OFF'];

function texts(module: ModuleInstance, name: string): string[] {
  const value = module.params.get(name);
  return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map(String);
}

/** A file as the URL parser names it: one leading slash (sqlite:////x and sqlite:///x are the same file). */
const normalPath = (path: string): string => path.trim().replace(/^\/+/, '/');

/** db_sqlite's parameters as backend options; a string saying what is wrong with a bad one. */
export function sqliteOptions(readonly: readonly string[], journalModes: readonly string[]): SqliteOptions | string {
  const modes = new Map<string, string>();
  for (const text of journalModes) {
    const m = /^(.+)=([A-Za-z]+);?$/.exec(text.trim());
    if (!m) return `db_set_journal_mode "${text}": expected /path/to/file.db=MODE`;
    const mode = m[2]!.toUpperCase();
    if (!JOURNAL_MODES.includes(mode)) return `db_set_journal_mode "${text}": unknown journal mode ${m[2]} (${JOURNAL_MODES.join(', ')})`;
    modes.set(normalPath(m[1]!), mode);
  }
  return { readonly: readonly.map(normalPath), journalModes: modes };
}

let registered: DbBackend | undefined;

export const dbSqlite = defineModule({
  name: 'db_sqlite',
  params: [
    { name: 'db_set_readonly', type: 'str', repeatable: true },
    { name: 'db_set_journal_mode', type: 'str', repeatable: true },
  ],
  init(module) {
    const options = sqliteOptions(texts(module, 'db_set_readonly'), texts(module, 'db_set_journal_mode'));
    if (typeof options === 'string') return options;
    registered = {
      module: 'db_sqlite',
      schemes: ['sqlite'],
      connect: async (url: DbUrl): Promise<DbConnection> => (await import('../db/sqlite.js')).sqliteBackend(options).connect(url),
    };
    registerBackend(registered);
    return undefined;
  },
  destroy() {
    if (registered) unregisterBackend(registered);
    registered = undefined;
  },
});
