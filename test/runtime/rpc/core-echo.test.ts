// core.echo, core.printi, core.prints and core.arg: the parameters (or the
// command line) back, with the fault and the stop Kamailio 5.6.3 gives
// (kamcmd on loopback: `core.printi s:a` faults, `core.printi 1 s:a` answers 1).

import { controlDispatcher } from '../../../runtime/rpc/control.js';
import { StatisticsRegistry } from '../../../runtime/stats/registry.js';

describe('core.echo, core.printi, core.prints, core.arg', () => {
  const { dispatcher } = controlDispatcher(new StatisticsRegistry());

  it('core.echo answers its parameters, whatever their types', async () => {
    expect(await dispatcher.call('core.echo', [1, 'a', 0.5])).toEqual([1, 'a', 0.5]);
    expect(await dispatcher.call('core.echo', [])).toEqual([]);
  });

  it('core.printi and core.prints answer the leading parameters of their type; the first of another type is a fault', async () => {
    expect(await dispatcher.call('core.printi', [1, 2])).toEqual([1, 2]);
    expect(await dispatcher.call('core.printi', [1, 'a', 3])).toEqual([1]);
    await expect(dispatcher.call('core.printi', ['a'])).rejects.toMatchObject({ code: 400, message: "error at parameter 0: expected integer type but record doesn't match type" });
    expect(await dispatcher.call('core.prints', ['a', 'b'])).toEqual(['a', 'b']);
    expect(await dispatcher.call('core.prints', ['a', 1])).toEqual(['a']);
    await expect(dispatcher.call('core.prints', [1])).rejects.toMatchObject({ code: 400, message: "error at parameter 0: expected string type but record doesn't match type" });
  });

  it("core.arg answers the process's command line", async () => {
    expect(await dispatcher.call('core.arg')).toEqual(process.argv);
  });
});
