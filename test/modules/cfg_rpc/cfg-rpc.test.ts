// cfg_rpc's methods over the run-time settings: tm's (defined by tm's init
// from its parameters) and a test group. Answers and faults are those
// Kamailio 5.6.3 gave to the same kamcmd calls (cfg.get, cfg.seti with a
// string, a missing parameter, an unknown variable, a value out of range,
// cfg.diff's struct), and a change reaches what tm reads.

import { jest } from '@jest/globals';
import type { ModuleInstance, ParamValues } from '../../../modules/api.js';
import { cfgRpc } from '../../../modules/cfg_rpc/index.js';
import { configOf } from '../../../modules/tm/config.js';
import { defineTmCfgVars } from '../../../modules/tm/cfg-vars.js';
import { tm } from '../../../modules/tm/index.js';
import { cfgVars } from '../../../runtime/cfg-vars.js';

const module = {} as ModuleInstance;
const call = (method: string, ...params: unknown[]): unknown => {
  const decl = cfgRpc.rpc.find((r) => r.name === method);
  if (!decl) throw new Error(`no ${method}`);
  return decl.run(module, params);
};
const fault = (method: string, ...params: unknown[]): { code: unknown; message: string } => {
  try {
    call(method, ...params);
  } catch (e) {
    return { code: (e as { code?: unknown }).code, message: (e as Error).message };
  }
  throw new Error(`${method} did not fail`);
};

const tmParams: ParamValues = new Map(tm.params.map((p) => [p.name, p.default!] as const));
let level = 2;

beforeAll(() => {
  defineTmCfgVars(tmParams);
  cfgVars.define({ group: 'test', name: 'level', type: 'int', help: 'a test level', get: () => level, set: (v) => void (level = v as number) });
  jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(() => jest.restoreAllMocks());

describe('reading', () => {
  it('cfg.get: one value, or a group as a struct', () => {
    expect(call('cfg.get', 'tm', 'fr_timer')).toBe(30000);
    expect(call('cfg.get', 'tm', 'auto_inv_100_reason')).toBe('trying -- your call is important to us');
    expect(call('cfg.get', 'test')).toEqual({ level: 2 });
    expect(fault('cfg.get', 'nosuch', 'debug')).toEqual({ code: 400, message: 'Failed to get the variable' });
    expect(fault('cfg.get', 'tm[1]', 'fr_timer')).toEqual({ code: 400, message: 'Failed to get the variable' });
  });

  it('cfg.list: "group: name" lines, of one group when named', () => {
    expect(call('cfg.list', 'test')).toEqual(['test: level']);
    expect(call('cfg.list')).toEqual(expect.arrayContaining(['tm: fr_timer', 'tm: fr_inv_timer', 'tm: wt_timer', 'tm: auto_inv_100', 'test: level']));
    expect(call('cfg.list', 'nosuch')).toEqual([]);
  });

  it('cfg.help: the description and the type', () => {
    expect(call('cfg.help', 'test', 'level')).toEqual(['a test level', '(parameter type is integer)']);
    expect((call('cfg.help', 'tm', 'auto_inv_100_reason') as string[])[1]).toBe('(parameter type is string)');
    expect(fault('cfg.help', 'tm', 'nosuch')).toEqual({ code: 400, message: 'Failed to get the variable description' });
    expect(fault('cfg.help', 'nosuch')).toEqual({ code: 400, message: 'error at parameter 1: expected string type but end of packet encountered' });
  });
});

describe('setting at once', () => {
  it('cfg.seti changes what tm reads', () => {
    expect(call('cfg.seti', 'tm', 'fr_timer', 4000)).toBeNull();
    expect(configOf(tmParams).timing.fr).toBe(4000);
    expect(call('cfg.get', 'tm', 'fr_timer')).toBe(4000);
    call('cfg.set_now_int', 'tm', 'auto_inv_100', 0);
    expect(configOf(tmParams).auto100).toBe(false);
  });

  it('cfg.sets and cfg.set by the type of the value', () => {
    call('cfg.sets', 'tm', 'auto_inv_100_reason', 'Trying');
    expect(configOf(tmParams).reason100).toBe('Trying');
    call('cfg.set', 'tm', 'retr_timer1', 250);
    expect(configOf(tmParams).timing.t1).toBe(250);
    call('cfg.set_now_string', 'tm', 'auto_inv_100_reason', 'x');
    expect(configOf(tmParams).reason100).toBe('x');
  });

  it('refuses as Kamailio does', () => {
    expect(fault('cfg.seti', 'test', 'level', 'abc')).toEqual({ code: 400, message: "error at parameter 2: expected integer type but record doesn't match type" });
    expect(fault('cfg.seti', 'test')).toEqual({ code: 400, message: 'error at parameter 1: expected string type but end of packet encountered' });
    expect(fault('cfg.sets', 'test', 'level', 2)).toEqual({ code: 400, message: "error at parameter 2: expected string type but record doesn't match type" });
    expect(fault('cfg.seti', 'test', 'nosuch', 1)).toEqual({ code: 400, message: 'Failed to set the variable' });
    expect(fault('cfg.seti', 'tm', 'auto_inv_100', 3)).toEqual({ code: 400, message: 'Failed to set the variable' });
    expect(fault('cfg.set', 'tm', 'fr_timer', 'abc')).toEqual({ code: 400, message: 'Failed to set the variable' });
    expect(fault('cfg.seti', 'test', 'level', 2.5)).toEqual({ code: 400, message: "error at parameter 2: expected integer type but record doesn't match type" });
  });
});

describe('delayed changes', () => {
  it('cfg.set_delayed_* wait for cfg.commit; cfg.diff lists them', () => {
    level = 99;
    call('cfg.set_delayed_int', 'test', 'level', 1);
    call('cfg.set_delayed', 'tm', 'fr_inv_timer', 20000);
    expect(level).toBe(99);
    expect(call('cfg.diff')).toEqual([
      { 'group name': 'test', 'variable name': 'level', 'old value': 99, 'new value': 1 },
      { 'group name': 'tm', 'variable name': 'fr_inv_timer', 'old value': 120000, 'new value': 20000 },
    ]);
    call('cfg.commit');
    expect(level).toBe(1);
    expect(configOf(tmParams).timing.frInv).toBe(20000);
    expect(call('cfg.diff')).toEqual([]);
  });

  it('cfg.rollback drops them', () => {
    call('cfg.set_delayed_string', 'tm', 'auto_inv_100_reason', 'later');
    call('cfg.rollback');
    expect(call('cfg.diff')).toEqual([]);
    expect(configOf(tmParams).reason100).not.toBe('later');
  });
});

it('cfg.reset puts a group back to its values at start', () => {
  call('cfg.seti', 'tm', 'wt_timer', 100);
  call('cfg.reset', 'tm');
  expect(call('cfg.get', 'tm', 'wt_timer')).toBe(5000);
  expect(call('cfg.get', 'tm', 'fr_timer')).toBe(30000);
  expect(fault('cfg.reset', 'nosuch')).toEqual({ code: 500, message: 'Reset failed' });
});
