// corex.debug, corex.list_sockets and corex.list_aliases through the
// dispatcher of a served script, in the shapes Kamailio 5.6.3 answers
// (kamcmd on loopback with the same alias= lines).

import { runScript, type Running } from '../jsonrpcs/harness.js';

const SCRIPT = `
alias=example.com:5060
alias="other.org"
loadmodule "sl.so"
loadmodule "corex.so"
request_route {
  sl_send_reply("404", "Not Here");
}
`;

describe('corex control methods', () => {
  let run: Running;
  const call = (method: string, params: unknown[] = []) => run.prepared.linked.rpc.call(method, params);
  beforeAll(async () => {
    run = await runScript(SCRIPT);
  });
  afterAll(() => run.stop());

  it('corex.list_sockets: each listen socket with the port it got', async () => {
    expect(await call('corex.list_sockets')).toEqual([
      { PROTO: 'udp', NAME: '127.0.0.1', ADDRLIST: { ADDR: '127.0.0.1' }, PORT: run.port, MCAST: 'no', MHOMED: 'no', VIRTUAL: 'no', SOCKNAME: '-', ADVERTISE: '-' },
    ]);
  });

  it('corex.list_aliases: the alias= names newest first, * for any protocol and 0 for any port', async () => {
    expect(await call('corex.list_aliases')).toEqual([
      { PROTO: '*', ADDR: 'other.org', PORT: 0 },
      { PROTO: '*', ADDR: 'example.com', PORT: 5060 },
    ]);
  });

  it('corex.debug reads the level, sets it from an integer, and ignores anything else', async () => {
    const level = (await call('corex.debug')) as { debug: number };
    expect(level).toEqual({ debug: 3 });
    expect(await call('corex.debug', [4])).toEqual({ old: 3, new: 4 });
    expect(await call('corex.debug')).toEqual({ debug: 4 });
    expect(await call('corex.debug', ['x'])).toEqual({ debug: 4 });
    // The same setting cfg_rpc's cfg.get core debug reads.
    expect(await call('corex.debug', [3])).toEqual({ old: 4, new: 3 });
  });
});
