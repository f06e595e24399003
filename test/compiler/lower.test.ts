// Lowering never produces bytecode the verifier rejects: not for the example,
// the golden inputs, the stock script, nor any of the broken scripts of the
// corpus (whose trees error recovery left partial).

import { existsSync, readdirSync } from 'node:fs';
import { compileFile } from '../../cli/compile.js';
import { lowerScript } from '../../compiler/lower.js';
import { verify } from '../../runtime/bytecode/verify.js';

const scripts = [
  'examples/stateless-proxy.cfg',
  ...readdirSync('test/golden/inputs').map((f) => `test/golden/inputs/${f}`),
  ...readdirSync('test/corpus/broken').map((f) => `test/corpus/broken/${f}`),
  ...(existsSync('/etc/kamailio/kamailio.cfg') ? ['/etc/kamailio/kamailio.cfg'] : []),
].filter((f) => f.endsWith('.cfg'));

describe('lowering', () => {
  it.each(scripts)('%s lowers to verified bytecode', (file) => {
    const program = lowerScript(compileFile(file, []));
    expect(verify(program)).toEqual([]);
    expect(program.routes.every((r) => r.entry >= 0 && r.entry < program.code.length)).toBe(true);
  });
});
