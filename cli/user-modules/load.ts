// Loads the modules a parsed script names by file or npm package, before the
// check: each found (locate.ts), imported, and its export validated
// (validate.ts). What cannot be loaded is kept as a diagnostic for the
// checker to report at the loadmodule line.

import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { UserModule } from '../../compiler/registry.js';
import { isUserModule } from '../../compiler/resolve/modules.js';
import type { ParseResult } from '../../grammar/index.js';
import { locateModule, type SearchFolders } from './locate.js';
import { checkUserModule } from './validate.js';

type Namespace = Readonly<Record<string, unknown>>;

/**
 * bin/siprc.cjs runs the bundled CLI through vm.Script, and Node gives code
 * compiled that way no import(): the launcher lends its own under this key.
 */
const LENT_IMPORT = Symbol.for('siprc.import');

function importFile(file: string): Promise<Namespace> {
  const url = pathToFileURL(file).href;
  const lent = (globalThis as { [LENT_IMPORT]?: (url: string) => Promise<Namespace> })[LENT_IMPORT];
  return lent ? lent(url) : import(url);
}

/** The line of the module's file with a syntax error, as `node --check` finds it (Node's import() error does not say). */
function syntaxErrorLine(file: string): string | undefined {
  const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
  return /^.*:(\d+)$/m.exec(checked.stderr ?? '')?.[1];
}

function importProblem(path: string, file: string, e: unknown): string {
  const error = typeof e === 'object' && e !== null && 'message' in e ? (e as Error) : new Error(String(e));
  const line = error.name === 'SyntaxError' ? syntaxErrorLine(file) : undefined;
  if (line) return `cannot load \`${path}\`: it has a syntax error at line ${line}: ${error.message}`;
  return `cannot load \`${path}\`: ${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`;
}

async function loadUserModule(path: string, folders: SearchFolders): Promise<UserModule> {
  const where = locateModule(path, folders);
  if ('problem' in where) return { error: { code: 'E0507', message: where.problem } };
  let exports: Namespace;
  try {
    exports = await importFile(where.file);
  } catch (e) {
    return { error: { code: 'E0507', message: importProblem(path, where.file, e) } };
  }
  return checkUserModule(path, exports.default ?? exports.module);
}

/** The user's modules a script loads, by the path its loadmodule line writes, in script order. */
export async function loadUserModules(parse: ParseResult, scriptPath: string): Promise<Map<string, UserModule>> {
  const script = dirname(resolve(scriptPath));
  let mpath: string[] = [];
  const loaded = new Map<string, UserModule>();
  for (const item of parse.script.items) {
    if (item.kind === 'loadpath') mpath = item.path.split(':').filter((d) => d !== '').map((d) => resolve(script, d));
    if (item.kind === 'loadmodule' && isUserModule(item.path) && !loaded.has(item.path)) {
      loaded.set(item.path, await loadUserModule(item.path, { script, mpath }));
    }
  }
  return loaded;
}
