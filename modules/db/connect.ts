// The storage backends by db_url scheme: `connectDb(url)` connects through
// the backend a loaded db_* module registered for the scheme (with that
// module's parameters), else through the backend's default, imported only
// then (Kamailio loads db_<scheme> for a db_url whose module the script did
// not load). A backend's client library is therefore only loaded by a script
// that uses it.

import { DbError, type DbBackend, type DbConnection, type DbUrl } from './api.js';
import { DbUrlError, parseDbUrl, SCHEME_MODULES } from './url.js';

/**
 * The default backend of each scheme, imported on first use. Each backend
 * file exports it as `backend`.
 */
const DEFAULT_BACKENDS: Readonly<Record<string, () => Promise<DbBackend>>> = {
  sqlite: async () => (await import('./sqlite.js')).backend,
  mysql: async () => (await import('./mysql.js')).backend,
  postgres: async () => (await import('./postgres.js')).backend,
  postgresql: async () => (await import('./postgres.js')).backend,
  redis: async () => (await import('./redis.js')).backend,
};

const registered = new Map<string, DbBackend>();

/** Serves the backend's schemes with it (a db_* module's init, with the module's parameters). */
export function registerBackend(backend: DbBackend): void {
  for (const scheme of backend.schemes) registered.set(scheme, backend);
}

/** Forgets a registered backend (a db_* module's destroy); its schemes go back to their defaults. */
export function unregisterBackend(backend: DbBackend): void {
  for (const scheme of backend.schemes) if (registered.get(scheme) === backend) registered.delete(scheme);
}

/** The backend serving a scheme: the registered one, else the default, loaded now. */
export async function backendFor(scheme: string): Promise<DbBackend> {
  const known = registered.get(scheme);
  if (known) return known;
  const load = DEFAULT_BACKENDS[scheme];
  const module = SCHEME_MODULES[scheme] ?? `db_${scheme}`;
  if (!load) throw new DbError(`no storage backend for "${scheme}://" URLs (${module} is not available in siprc)`, module);
  let backend: DbBackend;
  try {
    backend = await load();
  } catch (e) {
    throw new DbError(`${module} cannot be loaded: ${(e as Error).message}`, module);
  }
  return backend;
}

/**
 * Connects to the storage a db_url names. Rejects with a DbUrlError for a
 * bad URL, with a DbError naming the URL (password hidden) when the backend
 * is missing or the storage cannot be reached.
 */
export async function connectDb(url: string | DbUrl): Promise<DbConnection> {
  const parsed = typeof url === 'string' ? parseDbUrl(url) : url;
  const backend = await backendFor(parsed.scheme);
  try {
    return await backend.connect(parsed);
  } catch (e) {
    if (e instanceof DbError && e.message.includes(parsed.redacted)) throw e;
    const cause = (e as Error).message;
    throw new DbError(`cannot connect to ${parsed.redacted}: ${cause}`, backend.module, e instanceof DbError ? e.connectionLost : true);
  }
}

export { DbUrlError };
