// Golden files for `siprc dump-actions` and its `--bytecode` listing (which
// also verifies the bytecode). Refresh them with `UPDATE_GOLDEN=1 npm test`
// and review the diff.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { compileFile } from '../../cli/compile.js';
import { checkScript } from '../../compiler/check.js';
import { dumpActions } from '../../compiler/dump.js';
import { dumpBytecode } from '../../compiler/dump-bytecode.js';
import { ModuleRegistry } from '../../compiler/registry.js';
import { parseScript } from '../../grammar/index.js';
import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import { fileLoader } from '../../cli/compile.js';
import { fixtureModules } from '../fixtures/modules.js';

function compare(actual: string, golden: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, actual);
  expect(actual).toBe(readFileSync(golden, 'utf8'));
}

describe('dump-actions golden files', () => {
  const inputs = readdirSync('test/golden/inputs').filter((f) => f.endsWith('.cfg'));

  it.each(inputs)('%s (with the test modules)', (file) => {
    const parse = parseScript(`test/golden/inputs/${file}`, { loader: fileLoader, compileRegex: compilePosixEre });
    const checked = checkScript(parse, { registry: new ModuleRegistry(fixtureModules), compileRegex: compilePosixEre });
    expect(checked.diagnostics.map((d) => d.message)).toEqual([]);
    compare(dumpActions(checked), `test/golden/${file.replace(/\.cfg$/, '.dump')}`);
    compare(`${dumpBytecode(checked)}\n`, `test/golden/${file.replace(/\.cfg$/, '.bytecode')}`);
  });

  it('examples/stateless-proxy.cfg', () => {
    const checked = compileFile('examples/stateless-proxy.cfg', []);
    compare(dumpActions(checked), 'test/golden/stateless-proxy.dump');
    compare(`${dumpBytecode(checked)}\n`, 'test/golden/stateless-proxy.bytecode');
  });

  (existsSync('/etc/kamailio/kamailio.cfg') ? it : it.skip)('the stock kamailio.cfg', () => {
    const checked = compileFile('/etc/kamailio/kamailio.cfg', []);
    compare(dumpActions(checked), 'test/golden/stock-kamailio.dump');
    compare(`${dumpBytecode(checked)}\n`, 'test/golden/stock-kamailio.bytecode');
  });
});
