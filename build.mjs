// Bundles the command line into one file, dist/siprc.cjs, which
// bin/siprc.cjs runs with V8's code cache. One pre-resolved, cached script is
// what lets `siprc check` start fast: Chevrotain alone spans hundreds of ES
// modules when loaded unbundled. A first run on the bundled example warms the
// cache.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['cli/siprc.ts'],
  outfile: 'dist/siprc.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
execFileSync(process.execPath, ['bin/siprc.cjs', 'check', 'examples/stateless-proxy.cfg'], { stdio: 'ignore' });
