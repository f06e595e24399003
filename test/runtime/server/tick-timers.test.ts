// The server's timers: each runs once, at or after its delay and at most one
// tick later; timers of one tick run in one wake-up, in the order set;
// cancelled ones never run; one that throws is reported and the others run.

import { TICK_MS, TickTimers } from '../../../runtime/server/tick-timers.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('TickTimers', () => {
  it('runs each timer once, not before its delay and within a tick of it', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const start = performance.now();
    const ran: Array<{ name: string; at: number }> = [];
    timers.after(45, () => ran.push({ name: 'b', at: performance.now() - start }));
    timers.after(5, () => ran.push({ name: 'a', at: performance.now() - start }));
    expect(timers.size).toBe(2);
    await sleep(45 + 3 * TICK_MS);
    expect(ran.map((r) => r.name)).toEqual(['a', 'b']);
    expect(ran[0]!.at).toBeGreaterThanOrEqual(4);
    expect(ran[1]!.at).toBeGreaterThanOrEqual(44);
    expect(timers.size).toBe(0);
  });

  it('runs the timers that fall on one tick together, in the order they were set', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const ran: string[] = [];
    const at: number[] = [];
    for (const name of ['x', 'y', 'z']) timers.after(1, () => (ran.push(name), at.push(performance.now())));
    await sleep(3 * TICK_MS);
    expect(ran).toEqual(['x', 'y', 'z']);
    expect(at[2]! - at[0]!).toBeLessThan(TICK_MS);
  });

  it('never runs a cancelled timer, and does not count it as pending', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const ran: string[] = [];
    const handle = timers.after(5, () => ran.push('cancelled'));
    timers.after(5, () => ran.push('kept'));
    handle.cancel();
    handle.cancel();
    expect(timers.size).toBe(1);
    await sleep(3 * TICK_MS);
    expect(ran).toEqual(['kept']);
  });

  it('runs a timer set on a tick whose other timers were all cancelled', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const ran: string[] = [];
    timers.after(30, () => ran.push('cancelled')).cancel();
    timers.after(30, () => ran.push('set after'));
    await sleep(30 + 3 * TICK_MS);
    expect(ran).toEqual(['set after']);
  });

  it('runs a timer set from another one, and an earlier one set while a later one was armed', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const ran: string[] = [];
    timers.after(200, () => ran.push('late'));
    timers.after(5, () => {
      ran.push('first');
      timers.after(1, () => ran.push('chained'));
    });
    await sleep(5 * TICK_MS);
    expect(ran).toEqual(['first', 'chained']);
    timers.clear();
    expect(timers.size).toBe(0);
  });

  it('runs a timer of no delay on the next turn of the event loop, not inside the caller', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const ran: string[] = [];
    timers.after(0, () => ran.push('soon'));
    ran.push('caller');
    await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['caller', 'soon']);
  });

  it('reports a timer that throws and still runs the others', async () => {
    const errors: unknown[] = [];
    const timers = new TickTimers((e) => errors.push(e));
    const ran: string[] = [];
    timers.after(1, () => {
      throw new Error('broken timer');
    });
    timers.after(1, () => ran.push('after it'));
    await sleep(3 * TICK_MS);
    expect((errors[0] as Error).message).toBe('broken timer');
    expect(ran).toEqual(['after it']);
  });

  it('cancels everything pending on clear', async () => {
    const timers = new TickTimers((e) => { throw e; });
    const ran: string[] = [];
    timers.after(5, () => ran.push('a'));
    timers.after(0, () => ran.push('b'));
    timers.clear();
    await sleep(3 * TICK_MS);
    expect(ran).toEqual([]);
    expect(timers.size).toBe(0);
  });
});
