// Runs a TypeScript benchmark: bundles it with esbuild (as the CLI is
// bundled) into a temporary module inside node_modules/.cache and imports it.
//
//   node bench/run.mjs bench/sip-parse.ts [args...]
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bench/run.mjs BENCH.ts [args...]');
  process.exit(2);
}
// Bundled inside the repository, so that the packages left outside the bundle resolve from node_modules.
mkdirSync(resolve('node_modules/.cache'), { recursive: true });
const dir = mkdtempSync(resolve('node_modules/.cache/siprc-bench-'));
const outfile = join(dir, 'bench.mjs');
try {
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    // Only the native addons stay outside. In an ES module bundle an outside package is imported
    // at start, where the CLI's bundle requires its clients (ioredis, pg, ...) only when used:
    // bundled here they stay as lazy (and loading ioredis alone was seen to slow the VM by ~1 µs a run).
    external: ['better-sqlite3', 'node-unix-socket'],
    nodePaths: [resolve('node_modules')],
  });
  process.argv = [process.argv[0], entry, ...rest];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
