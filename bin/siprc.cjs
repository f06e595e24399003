#!/usr/bin/env node
// Launches the bundled command line, dist/siprc.cjs (built by `npm install`).
// It keeps V8's compiled code for the bundle in dist/siprc.v8cache, so later
// runs skip compiling it: `siprc check` starts in a few milliseconds.
'use strict';
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const vm = require('node:vm');

// Short-lived commands end before code optimized by V8's top compiler pays
// for compiling it (on a two-core machine that work competes with the run
// itself), so they go without it; a long-running server keeps it.
if (['check', 'dump-actions', 'preprocess', 'exec'].includes(process.argv[2])) {
  require('node:v8').setFlagsFromString('--no-opt');
}

const dist = join(__dirname, '..', 'dist');
const bundle = join(dist, 'siprc.cjs');
const cacheFile = join(dist, 'siprc.v8cache');

let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`siprc: ${bundle} is missing; build it with \`npm install\` (or \`npm run build\`)\n`);
  process.exit(70);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
if (cachedData === undefined || script.cachedDataRejected) {
  // Written at exit, so the cache also holds the functions this run compiled.
  process.once('exit', () => {
    try {
      const temporary = `${cacheFile}.${process.pid}`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      // A read-only installation simply runs without the cache.
    }
  });
}
// Code compiled by vm.Script cannot import(); the bundle loads the modules
// users write (loadmodule "x.mjs") through this launcher's own import().
globalThis[Symbol.for('siprc.import')] = (url) => import(url);
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, require, module_, bundle, dist);
