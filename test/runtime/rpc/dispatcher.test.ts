// The RPC dispatcher: methods by name, faults with Kamailio's codes, the
// core's methods (core.*, system.*) and the stats.* methods over a registry.

import { controlDispatcher } from '../../../runtime/rpc/control.js';
import { ctime } from '../../../runtime/rpc/core-methods.js';
import { RpcDispatcher, RpcError } from '../../../runtime/rpc/dispatcher.js';
import { RpcParams } from '../../../runtime/rpc/params.js';
import { StatisticsRegistry } from '../../../runtime/stats/registry.js';

async function fault(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RpcError);
    return { code: (e as RpcError).code, message: (e as RpcError).message };
  }
  throw new Error('expected a fault');
}

function registry(): StatisticsRegistry {
  const r = new StatisticsRegistry();
  const core = r.group('core');
  core.declare({ name: 'rcv_requests', kind: 'counter', help: '' });
  core.declare({ name: 'fwd_requests', kind: 'counter', help: '' });
  const sl = r.group('sl');
  sl.declare({ name: '200_replies', kind: 'counter', help: '' });
  sl.declare({ name: 'sent_replies', kind: 'counter', help: '' });
  const ul = r.group('usrloc');
  ul.declare({ name: 'registered_users', kind: 'gauge', help: '' });
  core.add('rcv_requests', 7);
  sl.add('200_replies', 3);
  sl.add('sent_replies', 3);
  ul.set('registered_users', 2);
  return r;
}

describe('RpcDispatcher', () => {
  it('calls a method by name with its parameters, sync or async', async () => {
    const d = new RpcDispatcher();
    d.register({ name: 'x.sum', help: 'adds', run: (p) => (p as number[]).reduce((a, b) => a + b, 0) });
    d.register({ name: 'x.later', help: 'waits', run: async (p) => `got ${String(p[0])}` });
    await expect(d.call('x.sum', [1, 2, 3])).resolves.toBe(6);
    await expect(d.call('x.later', ['a'])).resolves.toBe('got a');
    // Named parameters are taken in order, names ignored (Kamailio's RPC).
    await expect(d.call('x.sum', { b: 4, a: 5 })).resolves.toBe(9);
    expect(d.names()).toEqual(['x.later', 'x.sum']);
    expect(d.help('x.sum')).toBe('adds');
  });

  it('answers 500 "Method Not Found" for an unknown method, as Kamailio does', async () => {
    await expect(fault(new RpcDispatcher().call('no.such'))).resolves.toEqual({ code: 500, message: 'Method Not Found' });
  });

  it("turns a method's error into a fault with its code (500 when it has none)", async () => {
    const d = new RpcDispatcher();
    d.register({ name: 'a.bad', help: '', run: () => { throw Object.assign(new Error('bad table'), { code: 400 }); } });
    d.register({ name: 'a.broken', help: '', run: () => Promise.reject(new Error('storage down')) });
    await expect(fault(d.call('a.bad'))).resolves.toEqual({ code: 400, message: 'bad table' });
    await expect(fault(d.call('a.broken'))).resolves.toEqual({ code: 500, message: 'storage down' });
  });

  it('refuses a method registered twice', () => {
    const d = new RpcDispatcher();
    d.register({ name: 'a.b', help: '', run: () => 1 });
    expect(() => d.register({ name: 'a.b', help: '', run: () => 2 })).toThrow('a.b is declared twice');
  });
});

describe('RpcParams', () => {
  it("reads by position with Kamailio's faults", () => {
    const p = new RpcParams(['location', 5, '12']);
    expect(p.str(0)).toBe('location');
    expect(p.int(1)).toBe(5);
    expect(p.intOrDigits(2)).toBe(12);
    expect(p.optStr(3)).toBeUndefined();
    expect(() => p.str(1)).toThrow("error at parameter 1: expected string type but record doesn't match type");
    expect(() => p.str(3)).toThrow('error at parameter 3: expected string type but end of packet encountered');
    expect(() => p.int(2)).toThrow('expected integer type');
  });
});

describe('core methods', () => {
  const { dispatcher, info } = controlDispatcher(registry(), { version: '9.9.9', startedAt: Date.now() - 5000 });

  it('core.version, core.info, core.uptime', async () => {
    expect(await dispatcher.call('core.version')).toMatch(/^siprc 9\.9\.9 \(\w+\/\w+\)$/);
    expect(await dispatcher.call('core.info')).toMatchObject({ version: 'siprc 9.9.9', compiler: `node ${process.version}` });
    const up = (await dispatcher.call('core.uptime')) as { now: string; up_since: string; uptime: number };
    expect(up.uptime).toBeGreaterThanOrEqual(5);
    expect(up.up_since).toBe(ctime(info.startedAt));
    expect(up.now).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
  });

  it('ctime writes the day padded with a space, as C does', () => {
    expect(ctime(new Date(2026, 11, 3, 5, 45, 53).getTime())).toBe('Thu Dec  3 05:45:53 2026');
  });

  it("core.psx lists this one process; core.shmmem reports Node's heap", async () => {
    expect(await dispatcher.call('core.psx')).toEqual([{ IDX: 0, PID: process.pid, DSC: expect.stringContaining('siprc') }]);
    const shm = (await dispatcher.call('core.shmmem')) as Record<string, number>;
    expect(Object.keys(shm)).toEqual(['total', 'free', 'used', 'real_used', 'max_used', 'fragments']);
    expect(shm.used).toBeGreaterThan(0);
    expect(shm.total).toBe(shm.free! + shm.used!);
    expect(shm.max_used).toBeGreaterThanOrEqual(shm.real_used!);
  });

  it('system.listMethods and system.methodHelp, with Kamailio faults', async () => {
    const names = (await dispatcher.call('system.listMethods')) as string[];
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['core.version', 'stats.get_statistics', 'system.methodHelp']));
    expect(await dispatcher.call('system.methodHelp', ['core.uptime'])).toBe('Returns uptime of the SIP server.');
    await expect(fault(dispatcher.call('system.methodHelp', ['nope']))).resolves.toEqual({ code: 400, message: 'command not found' });
    await expect(fault(dispatcher.call('system.methodHelp'))).resolves.toEqual({ code: 400, message: 'Method Name Expected' });
  });
});

describe('stats methods', () => {
  it('stats.get_statistics: all, group:, a name, group:name; several at once', async () => {
    const { dispatcher } = controlDispatcher(registry());
    const all = (await dispatcher.call('stats.get_statistics', ['all'])) as string[];
    expect(all.filter((l) => !l.startsWith('shmem:'))).toEqual([
      'core:fwd_requests = 0',
      'core:rcv_requests = 7',
      'sl:200_replies = 3',
      'sl:sent_replies = 3',
      'usrloc:registered_users = 2',
    ]);
    expect(all.filter((l) => l.startsWith('shmem:')).map((l) => l.split(' ')[0])).toEqual([
      'shmem:fragments',
      'shmem:free_size',
      'shmem:max_used_size',
      'shmem:real_used_size',
      'shmem:total_size',
      'shmem:used_size',
    ]);
    expect(await dispatcher.call('stats.get_statistics', ['sl:', 'rcv_requests', 'usrloc:registered_users', 'nosuch'])).toEqual([
      'sl:200_replies = 3',
      'sl:sent_replies = 3',
      'core:rcv_requests = 7',
      'usrloc:registered_users = 2',
    ]);
    expect(await dispatcher.call('stats.get_statistics', ['nosuch'])).toEqual([]);
    await expect(fault(dispatcher.call('stats.get_statistics', []))).resolves.toEqual({ code: 400, message: 'Please provide which stats to retrieve' });
  });

  it('stats.reset_statistics resets counters, not gauges; clear_statistics returns the old values', async () => {
    const { dispatcher } = controlDispatcher(registry());
    expect(await dispatcher.call('stats.reset_statistics', ['sl:', 'usrloc:'])).toEqual({});
    expect(await dispatcher.call('stats.get_statistics', ['sl:', 'usrloc:'])).toEqual(['sl:200_replies = 0', 'sl:sent_replies = 0', 'usrloc:registered_users = 2']);
    expect(await dispatcher.call('stats.clear_statistics', ['rcv_requests'])).toEqual(['core:rcv_requests = 0 (7)']);
    expect(await dispatcher.call('stats.get_statistics', ['rcv_requests'])).toEqual(['core:rcv_requests = 0']);
    await expect(fault(dispatcher.call('stats.reset_statistics'))).resolves.toEqual({ code: 400, message: 'Please provide stats name' });
  });

  it('stats.fetch and stats.fetchn: group.name keys, values as strings or numbers', async () => {
    const { dispatcher } = controlDispatcher(registry());
    expect(await dispatcher.call('stats.fetch', ['sl:'])).toEqual({ 'sl.200_replies': '3', 'sl.sent_replies': '3' });
    expect(await dispatcher.call('stats.fetchn', ['rcv_requests'])).toEqual({ 'core.rcv_requests': 7 });
  });
});
