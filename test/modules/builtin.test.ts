// The modules siprc ships: every command declared has a handler (a command
// is declared only when it runs; a module without commands, as usrloc or
// db_sqlite, serves other modules from its init or API, or serves control
// methods, as cfg_rpc), and every
// parameter default is in range.

import { builtinModules } from '../../modules/index.js';
import { codesOf } from '../helpers.js';
import { runScript, sipMessage } from './run-script.js';

describe('built-in modules', () => {
  it.each(builtinModules.map((m) => [m.name, m] as const))('%s: every command runs', (_, m) => {
    if (m.commands.length === 0) expect(m.api !== undefined || m.init !== undefined || m.rpc.length > 0).toBe(true);
    for (const c of m.commands) expect(typeof c.run).toBe('function');
  });

  it.each(builtinModules.map((m) => [m.name, m] as const))('%s: parameter defaults fit their declarations', (_, m) => {
    for (const p of m.params) {
      if (p.default === undefined) continue;
      expect(typeof p.default).toBe(p.type === 'int' ? 'number' : 'string');
      if (typeof p.default === 'number') {
        if (p.min !== undefined) expect(p.default).toBeGreaterThanOrEqual(p.min);
        if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
      }
    }
  });
});

describe('functions of a provided module that siprc does not run yet', () => {
  it('are accepted by the check (Kamailio knows them) and named by siprc exec before it runs', () => {
    const script = 'loadmodule "tm.so"\nrequest_route {\n if (t_replicate("sip:127.0.0.1:5090")) drop;\n drop;\n}\n';
    expect(codesOf(script, { modules: builtinModules })).toEqual([]);
    const run = runScript(script, sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: u1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']));
    expect(run.stderr).toBe('siprc exec cannot run this script yet; it uses: command t_replicate of module tm\n');
  });
});
