// What a db_* module registers in its init: its backend made with the
// module's parameters, whose client library is imported by the first
// connection rather than when the module loads; and its destroy forgets it.

import type { DbBackend, DbConnection, DbUrl } from './api.js';
import { registerBackend, unregisterBackend } from './connect.js';

/** Registers the backend `load` makes (with the module's options) for the schemes; returns what unregisters it. */
export function registerModuleBackend(module: string, schemes: readonly string[], load: () => Promise<DbBackend>): () => void {
  const backend: DbBackend = {
    module,
    schemes,
    connect: async (url: DbUrl): Promise<DbConnection> => (await load()).connect(url),
  };
  registerBackend(backend);
  return () => unregisterBackend(backend);
}
