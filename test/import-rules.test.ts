// The layering of the source folders (docs/architecture.md), checked on every
// import: grammar uses only Chevrotain; the runtime never reaches up into the
// grammar, the compiler or the CLI; nothing but the CLI imports the CLI.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';

type Rule = (target: string) => boolean;

const local = (...folders: string[]): Rule => (t) => folders.some((f) => t === f || t.startsWith(`${f}/`));
const packages = (...names: string[]): Rule => (t) => names.includes(t);
const nodeBuiltins: Rule = (t) => t.startsWith('node:');

/** What each folder may import: local paths (relative to the repository root), packages, built-ins. */
const RULES: Record<string, Rule[]> = {
  grammar: [local('grammar'), packages('chevrotain')],
  runtime: [local('runtime'), nodeBuiltins],
  // modules/db's backends use their storage's client library.
  modules: [local('modules', 'runtime'), nodeBuiltins, packages('better-sqlite3', 'pg', 'mysql2', 'mysql2/promise', 'ioredis', 'node-unix-socket')],
  compiler: [local('compiler', 'grammar', 'modules/api.ts', 'runtime/route-type.ts', 'runtime/regex', 'runtime/bytecode', 'runtime/pv', 'runtime/vm/values.ts', 'runtime/exec', 'runtime/stats', 'runtime/rpc')],
  cli: [() => true],
};

function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(entry) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

/** A relative specifier as a repository path (`.js` named, `.ts` on disk); packages as they are. */
function target(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  return relative('.', normalize(join(file, '..', specifier))).replace(/\.js$/, '.ts');
}

const files = Object.keys(RULES).flatMap(sources);

describe('import rules', () => {
  it.each(files)('%s', (file) => {
    const folder = file.split('/')[0]!;
    const offending = imports(file)
      .map((s) => target(file, s))
      .filter((t) => !RULES[folder]!.some((allowed) => allowed(t)) || (folder !== 'cli' && t.startsWith('cli/')));
    expect(offending).toEqual([]);
  });

  it('finds the imports it checks', () => {
    expect(imports('cli/main.ts')).toContain('commander');
    expect(imports('grammar/tokens.ts')).toEqual(['chevrotain']);
  });
});
