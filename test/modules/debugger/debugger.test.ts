// The debugger module besides cfgtrace: dbg_pv_dump (shaped as Kamailio
// 5.6.3 dumped $avp, $xavp and $var on loopback: AVPs newest first, an
// XAVP's items with their fields newest first; a mask choosing kinds), what it
// refuses at start, its control methods (answers and faults as Kamailio's
// kamcmd showed them), and the per-module levels the logger reads, changed
// by dbg.set_mod_level while serving.

import { compileFileWithModules } from '../../../cli/compile.js';
import { setUpLogging } from '../../../cli/log-setup.js';
import { prepare } from '../../../cli/prepare.js';
import { runScript, sipMessage } from '../run-script.js';
import { serveScript } from '../../runtime/server/serve-script.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPTIONS = sipMessage(['OPTIONS sip:nobody@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:32011;branch=z9hG4bK-1;rport', 'From: <sip:a@127.0.0.1>;tag=1', 'To: <sip:b@127.0.0.1>', 'Call-ID: c1', 'CSeq: 1 OPTIONS', 'Max-Forwards: 70', 'Content-Length: 0']);

const HEAD = 'debug=2\nloadmodule "debugger.so"\nloadmodule "pv.so"\n';

const dumps = (body: string): unknown[] =>
  runScript(`${HEAD}request_route {\n${body}\n exit;\n}\n`, OPTIONS)
    .logs.filter((l) => l.startsWith('dbg_pv_dump: '))
    .map((l) => JSON.parse(l.slice('dbg_pv_dump: '.length)));

describe('dbg_pv_dump', () => {
  const body = `$var(x) = 5; $avp(a) = "x"; $avp(q) = 1; $avp(q) = "two"; $xavp(x=>a) = 1; $xavp(x[0]=>b) = "s"; $var(s) = $si;`;

  it("dumps the script's variables as Kamailio does (AVPs and XAVP fields newest first)", () => {
    expect(dumps(`${body} dbg_pv_dump(31, "L_ERR");`)).toEqual([{ '$avp(a)': ['x'], '$avp(q)': ['two', 1], '$xavp(x)': [{ b: ['s'], a: [1] }], '$var(x)': 5, '$var(s)': '127.0.0.1', '$si': '127.0.0.1' }]);
  });

  it('keeps to the kinds the mask names, and shows empty ones only with mask bit 1', () => {
    expect(dumps(`${body} dbg_pv_dump(4, "L_ERR");`)).toEqual([{ '$var(x)': 5, '$var(s)': '127.0.0.1' }]);
    expect(dumps(`${body} dbg_pv_dump(10, "L_ERR");`)).toEqual([{ '$avp(a)': ['x'], '$avp(q)': ['two', 1], '$xavp(x)': [{ b: ['s'], a: [1] }] }]);
    expect(dumps(`dbg_pv_dump(2, "L_ERR"); $avp(q) = 1;`)).toEqual([{}]);
    expect(dumps(`dbg_pv_dump(3, "L_ERR"); $avp(q) = 1;`)).toEqual([{ '$avp(q)': [] }]);
  });

  it('logs at L_DBG by default: nothing at debug=2', () => {
    expect(dumps(`${body} dbg_pv_dump();`)).toEqual([]);
  });
});

describe('debugger start-up', () => {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-debugger-'));
  const start = async (params: string): Promise<string | undefined> => {
    const path = join(dir, `s${Math.random()}.cfg`);
    writeFileSync(path, `${HEAD}${params}\nrequest_route { exit; }\n`);
    const prepared = prepare(await compileFileWithModules(path, []), 'test', false);
    if ('error' in prepared) return prepared.error;
    return (await prepared.linked.ready) ?? undefined;
  };

  it('refuses what siprc does not provide, saying why, and malformed per-module settings', async () => {
    expect(await start('modparam("debugger", "breakpoint", 1)')).toMatch(/breakpoint: interactive breakpoints are not provided/);
    expect(await start('modparam("debugger", "reset_msgid", 1)')).toMatch(/reset_msgid: siprc has no message sequence number/);
    expect(await start('modparam("debugger", "mod_level", "tm")')).toMatch(/mod_level "tm": expected module=level/);
    expect(await start('modparam("debugger", "mod_facility", "tm=LOG_NOPE")')).toMatch(/mod_facility "tm=LOG_NOPE"/);
    expect(await start('modparam("debugger", "log_facility", "nope")')).toMatch(/log_facility "nope"/);
    expect(await start('modparam("debugger", "cfgtrace", 1)\nmodparam("debugger", "log_level_name", "exec")')).toBeUndefined();
  });
});

describe('debugger control methods', () => {
  const script = `${HEAD}loadmodule "xlog.so"
modparam("debugger", "cfgtrace", 1)
modparam("debugger", "mod_hash_size", 5)
modparam("debugger", "mod_level_mode", 1)
modparam("debugger", "mod_level", "core=3")
modparam("debugger", "mod_level", "sl=1")
modparam("debugger", "mod_facility_mode", 1)
modparam("debugger", "mod_facility", "core=LOG_LOCAL0")
request_route { exit; }
`;
  const faultOf = (p: Promise<unknown>): Promise<unknown> => p.then(() => 'no fault', (e: { code: number; message: string }) => [e.code, e.message]);

  it('answers dbg.ls, dbg.trace, dbg.get_mod_level/facility and dbg.set_mod_level/facility as Kamailio', async () => {
    const served = await serveScript(script);
    try {
      expect(await served.rpc('dbg.ls')).toEqual([{ entry: 0, pid: process.pid, set: 1, state: 0, 'in.pid': 0, 'in.cmd': 0 }]);
      expect(await served.rpc('dbg.trace', ['off'])).toBe('200 ok');
      expect(((await served.rpc('dbg.ls', [process.pid])) as Array<{ set: number }>)[0]!.set).toBe(0);
      expect(await faultOf(served.rpc('dbg.trace', ['on', 999999999]))).toEqual([500, 'No such pid']);
      expect(await faultOf(served.rpc('dbg.trace'))).toEqual([500, 'Config trace command missing']);
      expect(await faultOf(served.rpc('dbg.trace', ['foo']))).toEqual([500, 'Unknown trace command']);
      expect(await served.rpc('dbg.get_mod_level', ['core'])).toBe(3);
      expect(await served.rpc('dbg.get_mod_level', ['sl'])).toBe(1);
      expect(await served.rpc('dbg.get_mod_facility', ['core'])).toBe('LOG_LOCAL0');
      expect(await served.rpc('dbg.get_mod_facility', ['sl'])).toBe('LOG_DAEMON');
      expect(await served.rpc('dbg.set_mod_level', ['tm', 1])).toBe('200 ok');
      expect(await served.rpc('dbg.get_mod_level', ['tm'])).toBe(1);
      expect(await served.rpc('dbg.set_mod_facility', ['tm', 'LOG_LOCAL3'])).toBe('200 ok');
      expect(await served.rpc('dbg.get_mod_facility', ['tm'])).toBe('LOG_LOCAL3');
      expect(await faultOf(served.rpc('dbg.set_mod_facility', ['tm', 'BOGUS']))).toEqual([500, 'facility not found']);
      expect(await faultOf(served.rpc('dbg.set_mod_level', []))).toEqual([500, 'invalid parameters']);
      expect(await faultOf(served.rpc('dbg.set_mod_level', ['tm', 'x']))).toEqual([500, 'invalid parameters']);
      expect(await faultOf(served.rpc('dbg.bp', ['on']))).toEqual([500, 'Method Not Found']);
    } finally {
      await served.stop();
    }
  });

  it('gives the logger the mod_level table, which dbg.set_mod_level changes while serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siprc-debugger-log-'));
    const path = join(dir, 'log.cfg');
    writeFileSync(path, script);
    const checked = await compileFileWithModules(path, []);
    const prepared = prepare(checked, 'test', false);
    if ('error' in prepared) throw new Error(prepared.error);
    expect(await prepared.linked.ready).toBeUndefined();
    const setup = await setUpLogging(checked, prepared.linked.modules, { logStderror: true }, () => undefined);
    if ('error' in setup) throw new Error(setup.error);
    expect(setup.logger.levelOf('sl')).toBe(1);
    expect(setup.logger.levelOf('xlog')).toBe(2);
    await prepared.linked.rpc.call('dbg.set_mod_level', ['xlog', 3]);
    expect(setup.logger.levelOf('xlog')).toBe(3);
    expect(setup.logger.enabled(3, 'xlog')).toBe(true);
  });
});
