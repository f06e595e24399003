// Where a loadmodule line's module lives: a JavaScript file (an absolute path,
// or one relative to the script's folder, then to each mpath/loadpath folder)
// or an npm package `siprc-mod-*` (from the script's folder, then the current
// directory, looked up through node_modules as Node's require.resolve does).

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join } from 'node:path';

/** The module's file, or why there is none. */
export type Location = { readonly file: string } | { readonly problem: string };

export interface SearchFolders {
  /** The folder of the script. */
  readonly script: string;
  /** The folders of the last mpath/loadpath setting before the loadmodule line. */
  readonly mpath: readonly string[];
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() === true;
}

function locateFile(path: string, folders: readonly string[]): Location {
  const candidates = isAbsolute(path) ? [path] : folders.map((folder) => join(folder, path));
  const file = candidates.find(isFile);
  if (file) return { file };
  return { problem: `cannot find \`${path}\`${isAbsolute(path) ? '' : ` (looked in ${folders.join(', ')})`}` };
}

function locatePackage(name: string, folders: readonly string[]): Location {
  for (const folder of folders) {
    try {
      return { file: createRequire(join(folder, 'loadmodule')).resolve(name) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') return { problem: `cannot load package \`${name}\`: ${(e as Error).message}` };
    }
  }
  return { problem: `cannot find package \`${name}\` in node_modules (looked from ${folders.join(' and ')}; install it with npm)` };
}

/** Finds the module a loadmodule path names (a path ending in .js, .mjs or .cjs is a file, anything else a package). */
export function locateModule(path: string, folders: SearchFolders): Location {
  return /\.[cm]?js$/.test(path) ? locateFile(path, [folders.script, ...folders.mpath]) : locatePackage(path, [...new Set([folders.script, process.cwd()])]);
}
