// Runs a TypeScript benchmark: bundles it with esbuild (as the CLI is
// bundled) into a temporary module and imports it.
//
//   node bench/run.mjs bench/sip-parse.ts [args...]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node bench/run.mjs BENCH.ts [args...]');
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'siprc-bench-'));
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
    nodePaths: [resolve('node_modules')],
  });
  process.argv = [process.argv[0], entry, ...rest];
  await import(pathToFileURL(outfile).href);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
