// The executable's entry point (bundled into dist/siprc.mjs by build.mjs).

import { main } from './main.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
