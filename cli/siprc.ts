// The executable's entry point (bundled into dist/siprc.mjs by build.mjs).

import { main } from './main.js';

process.exitCode = main(process.argv.slice(2));
