// The counters module's cnt.* control methods through the dispatcher, on a
// served script after one request: answers, their shapes and the faults as
// Kamailio 5.6.3 gave them through jsonrpcs on loopback for the same
// declarations (cnt.list_groups ["script", "sl", "test", ...], cnt.get
// script foo 0, cnt.get script -> {baz, foo}, cnt.help with the default
// "custom script counter.", 400 "non-existent counter script.nope\n", an
// unknown group listed as [] and {}).

import { createSocket } from 'node:dgram';
import { serveScript, type Served } from '../../runtime/server/serve-script.js';

const SCRIPT = `
loadmodule "counters.so"
loadmodule "sl.so"
modparam("counters", "script_counter", "foo")
modparam("counters", "script_counter", "test.bar")
modparam("counters", "script_counter", "baz example counter")
request_route { cnt_inc("foo"); cnt_add("test.bar", 5); sl_send_reply("200", "OK"); exit; }
`;

const OPTIONS = 'OPTIONS sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:32110;branch=z9hG4bKc1;rport\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n';

async function sendOne(served: Served): Promise<void> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(32110, '127.0.0.1', () => r()));
  const answered = new Promise<void>((r) => s.once('message', () => r()));
  s.send(Buffer.from(OPTIONS), served.port, '127.0.0.1');
  await answered;
  s.close();
}

const faultOf = (p: Promise<unknown>): Promise<{ code: number; message: string }> =>
  p.then(
    () => ({ code: 0, message: 'no fault' }),
    (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('counters control methods', () => {
  let served: Served;
  beforeAll(async () => {
    served = await serveScript(SCRIPT);
    await sendOne(served);
  });
  afterAll(() => served.stop());

  it('cnt.get gives a counter, or the whole group without a name; cnt.get_raw the same', async () => {
    expect(await served.rpc('cnt.get', ['script', 'foo'])).toBe(1);
    expect(await served.rpc('cnt.get_raw', ['test', 'bar'])).toBe(5);
    expect(await served.rpc('cnt.get', ['script'])).toEqual({ baz: 0, foo: 1 });
  });

  it('lists the groups holding statistics (sorted), and the counters of a group', async () => {
    const groups = (await served.rpc('cnt.list_groups')) as string[];
    expect(groups).toEqual([...groups].sort());
    expect(groups).toEqual(expect.arrayContaining(['script', 'sl', 'test']));
    expect(await served.rpc('cnt.grps_list')).toEqual(groups);
    expect(await served.rpc('cnt.list_vars', ['script'])).toEqual(['baz', 'foo']);
    expect(await served.rpc('cnt.var_list', ['test'])).toEqual(['bar']);
    expect(await served.rpc('cnt.list_vars', ['nogroup'])).toEqual([]);
  });

  it('cnt.get_vars / cnt.grp_get_all give a group with its values (sl counted the reply)', async () => {
    expect(await served.rpc('cnt.get_vars', ['script'])).toEqual({ baz: 0, foo: 1 });
    expect(await served.rpc('cnt.grp_get_all', ['test'])).toEqual({ bar: 5 });
    const sl = (await served.rpc('cnt.get_vars', ['sl'])) as Record<string, number>;
    expect(sl['200_replies']).toBe(1);
    expect(await served.rpc('cnt.get_vars', ['nogroup'])).toEqual({});
  });

  it('cnt.help gives the description, the default one with its full stop', async () => {
    expect(await served.rpc('cnt.help', ['script', 'baz'])).toBe('example counter');
    expect(await served.rpc('cnt.help', ['script', 'foo'])).toBe('custom script counter.');
  });

  it('cnt.reset sets a counter back to 0', async () => {
    expect(await served.rpc('cnt.reset', ['test', 'bar'])).toEqual({});
    expect(await served.rpc('cnt.get', ['test', 'bar'])).toBe(0);
  });

  it("answers Kamailio's faults for a counter that does not exist and a missing parameter", async () => {
    expect(await faultOf(served.rpc('cnt.get', ['script', 'nope']))).toEqual({ code: 400, message: 'non-existent counter script.nope\n' });
    expect(await faultOf(served.rpc('cnt.reset', ['nogroup', 'x']))).toEqual({ code: 400, message: 'non-existent counter nogroup.x\n' });
    expect(await faultOf(served.rpc('cnt.help', ['script']))).toEqual({ code: 400, message: 'error at parameter 1: expected string type but end of packet encountered' });
    expect(await faultOf(served.rpc('cnt.get', []))).toEqual({ code: 400, message: 'error at parameter 0: expected string type but end of packet encountered' });
    expect(await faultOf(served.rpc('cnt.get', [1, 2]))).toEqual({ code: 400, message: "error at parameter 0: expected string type but record doesn't match type" });
  });
});
