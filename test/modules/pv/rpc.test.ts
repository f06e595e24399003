// pv.shvSet and pv.shvGet through the dispatcher of a served script: the
// answers and faults Kamailio 5.6.3 gives for the same calls (kamcmd on
// loopback, same shvset values and script), and a value set by RPC is what
// the script reads next.

import { createSocket } from 'node:dgram';
import { runScript, type Running } from '../jsonrpcs/harness.js';

const SCRIPT = `
loadmodule "sl.so"
loadmodule "pv.so"
modparam("pv", "shvset", "debug=i:3")
modparam("pv", "shvset", "name=s:alice")
request_route {
  $shv(z) = $shv(z) + 1;
  sl_send_reply("200", "debug=$shv(debug) z=$shv(z)");
}
`;

function options(port: number): Promise<string> {
  const s = createSocket('udp4');
  return new Promise((resolve) => {
    s.on('message', (m) => {
      s.close();
      resolve(m.toString('latin1').split('\r\n')[0]!);
    });
    s.bind(0, '127.0.0.1', () => {
      const me = s.address().port;
      const text =
        `OPTIONS sip:127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${me};branch=z9hG4bK-shv-${me};rport\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\n` +
        `To: <sip:b@127.0.0.1>\r\nCall-ID: shv-${me}@x\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
      s.send(text, port, '127.0.0.1');
    });
  });
}

describe('pv control methods', () => {
  let run: Running;
  const call = (method: string, params: unknown[] = []) => run.prepared.linked.rpc.call(method, params);
  beforeAll(async () => {
    run = await runScript(SCRIPT);
  });
  afterAll(() => run.stop());

  it("pv.shvGet lists every shared variable newest first (the script's, then shvset's), and one by name", async () => {
    expect(await call('pv.shvGet')).toEqual({
      items: [{ shv: { name: 'z', type: 'int', value: 0 } }, { shv: { name: 'name', type: 'string', value: 'alice' } }, { shv: { name: 'debug', type: 'int', value: 3 } }],
    });
    // A name that is not a string lists them all, as Kamailio does.
    expect(await call('pv.shvGet', [12])).toEqual(await call('pv.shvGet'));
    expect(await call('pv.shvGet', ['debug'])).toEqual({ name: 'debug', type: 'int', value: 3 });
    await expect(call('pv.shvGet', ['nope'])).rejects.toMatchObject({ code: 404, message: 'Variable not found' });
  });

  it('pv.shvSet changes what the script reads, and the type with the value', async () => {
    expect(await options(run.port)).toBe('SIP/2.0 200 debug=3 z=1');
    expect(await call('pv.shvSet', ['debug', 'int', 5])).toBe('Ok. Variable set to new value.');
    expect(await options(run.port)).toBe('SIP/2.0 200 debug=5 z=2');
    expect(await call('pv.shvSet', ['debug', 'str', 'x'])).toBe('Ok. Variable set to new value.');
    expect(await call('pv.shvGet', ['debug'])).toEqual({ name: 'debug', type: 'string', value: 'x' });
    expect(await call('pv.shvSet', ['z', 'str', 'q'])).toBe('Ok. Variable set to new value.');
    expect(await options(run.port)).toBe('SIP/2.0 200 debug=x z=q1');
    expect(await call('pv.shvGet', ['z'])).toEqual({ name: 'z', type: 'string', value: 'q1' });
  });

  it("pv.shvSet answers Kamailio's faults", async () => {
    const fails = (params: unknown[]) => call('pv.shvSet', params);
    await expect(fails(['x', 'int', 5])).rejects.toMatchObject({ code: 404, message: 'Variable not found' });
    await expect(fails([])).rejects.toMatchObject({ code: 500, message: 'Missing parameter varname (Parameters: varname type value)' });
    await expect(fails([12, 'int', 3])).rejects.toMatchObject({ code: 500, message: 'Missing parameter varname (Parameters: varname type value)' });
    await expect(fails(['debug'])).rejects.toMatchObject({ code: 500, message: 'Missing parameter type (Parameters: varname type value)' });
    await expect(fails(['debug', 1, 3])).rejects.toMatchObject({ code: 500, message: 'Missing parameter type (Parameters: varname type value)' });
    await expect(fails(['y', 'int', 'abc'])).rejects.toMatchObject({ code: 500, message: 'Missing integer parameter value (Parameters: varname type value)' });
    await expect(fails(['y', 'str', 12])).rejects.toMatchObject({ code: 500, message: 'Missing parameter value (Parameters: varname type value)' });
    await expect(fails(['y', 'float', 1])).rejects.toMatchObject({ code: 500, message: 'Unknown parameter type (Types: int or str)' });
  });
});
