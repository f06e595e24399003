// jsonrpcs served by a running script: the same methods answered over the
// FIFO (reply FIFO by reply_name), a Unix datagram socket, UDP and HTTP (with
// and without its token); the files made owner-only; JSON-RPC errors.

import { createSocket } from 'node:dgram';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dgramCall, fifoCall, httpCall, runScript, type Running } from './harness.js';

const SCRIPT = `
loadmodule "sl.so"
loadmodule "jsonrpcs.so"
modparam("jsonrpcs", "fifo_name", "$DIR/rpc.fifo")
modparam("jsonrpcs", "fifo_reply_dir", "$DIR/")
modparam("jsonrpcs", "dgram_socket", "$DIR/rpc.sock")
modparam("jsonrpcs", "transport", 7)
modparam("jsonrpcs", "http_socket", "127.0.0.1:28110")
request_route { sl_send_reply("404", "Not Here"); }
`;

describe('jsonrpcs transports', () => {
  let run: Running;
  beforeAll(async () => {
    run = await runScript(SCRIPT, ['rpc.fifo', 'rpc.sock'].map((f) => join('$DIR', f)));
  }, 30_000);
  afterAll(() => run.stop());

  it('makes the FIFO and the socket owner-only', () => {
    expect(statSync(join(run.dir, 'rpc.fifo')).isFIFO()).toBe(true);
    expect(statSync(join(run.dir, 'rpc.fifo')).mode & 0o777).toBe(0o600);
    expect(statSync(join(run.dir, 'rpc.sock')).isSocket()).toBe(true);
    expect(statSync(join(run.dir, 'rpc.sock')).mode & 0o777).toBe(0o600);
  });

  it('answers over the FIFO, pretty-printed with tabs, in the reply FIFO named', async () => {
    const text = await fifoCall(join(run.dir, 'rpc.fifo'), run.dir, { jsonrpc: '2.0', method: 'core.version', id: 1 });
    expect(text).toBe('{\n\t"jsonrpc": "2.0",\n\t"result": "' + `siprc test (${process.arch}/${process.platform})` + '",\n\t"id": 1\n}');
    const stats = JSON.parse(await fifoCall(join(run.dir, 'rpc.fifo'), run.dir, { jsonrpc: '2.0', method: 'stats.get_statistics', params: ['sl:'], id: 2 }));
    expect(stats.result).toContain('sl:sent_replies = 0');
  });

  it('answers over the Unix datagram socket', async () => {
    const text = await dgramCall(join(run.dir, 'rpc.sock'), join(run.dir, 'client.sock'), '{"jsonrpc":"2.0","method":"core.uptime","id":"u"}');
    const answer = JSON.parse(text);
    expect(answer.id).toBe('u');
    expect(answer.result.uptime).toBeGreaterThanOrEqual(0);
  });

  it('answers over HTTP POST; other methods and errors as JSON-RPC', async () => {
    const ok = await httpCall(28110, '{"jsonrpc":"2.0","method":"system.listMethods","id":3}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result).toEqual(expect.arrayContaining(['core.psx', 'stats.reset_statistics']));
    expect(JSON.parse((await httpCall(28110, '{"jsonrpc":"2.0","method":"no.such","id":4}')).body)).toEqual({ jsonrpc: '2.0', error: { code: 500, message: 'Method Not Found' }, id: 4 });
    expect(JSON.parse((await httpCall(28110, 'garbage')).body)).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    expect(JSON.parse((await httpCall(28110, '{"jsonrpc":"2.0","id":5}')).body).error.code).toBe(-32600);
    expect(JSON.parse((await httpCall(28110, '{"jsonrpc":"2.0","method":"stats.get_statistics","id":6}')).body).error).toEqual({ code: 400, message: 'Please provide which stats to retrieve' });
    // A notification (no id) is answered without one, as Kamailio does; a batch gets an array.
    expect(JSON.parse((await httpCall(28110, '{"jsonrpc":"2.0","method":"core.ps"}')).body)).not.toHaveProperty('id');
    const batch = JSON.parse((await httpCall(28110, '[{"jsonrpc":"2.0","method":"core.pwd","id":1},{"jsonrpc":"2.0","method":"x.y","id":2}]')).body);
    expect(batch.map((a: { id: number }) => a.id)).toEqual([1, 2]);
    expect((await httpCall(28110, '', {}, 'GET')).status).toBe(405);
  });
});

describe('jsonrpcs settings', () => {
  it('serves UDP datagrams and HTTP with a token', async () => {
    const run = await runScript(`
loadmodule "jsonrpcs.so"
modparam("jsonrpcs", "transport", 5)
modparam("jsonrpcs", "dgram_socket", "udp:127.0.0.1:28111")
modparam("jsonrpcs", "http_socket", "127.0.0.1:28112")
modparam("jsonrpcs", "http_token", "s3cret")
modparam("jsonrpcs", "pretty_format", 0)
request_route { drop; }
`);
    try {
      const client = createSocket('udp4');
      const answer = await new Promise<string>((resolve) => {
        client.on('message', (m) => resolve(m.toString()));
        client.send('{"jsonrpc":"2.0","method":"core.version","id":9}', 28111, '127.0.0.1');
      });
      client.close();
      expect(answer).toBe(`{"jsonrpc":"2.0","result":"siprc test (${process.arch}/${process.platform})","id":9}`);
      expect((await httpCall(28112, '{"jsonrpc":"2.0","method":"core.version","id":1}')).status).toBe(401);
      expect((await httpCall(28112, '{"jsonrpc":"2.0","method":"core.version","id":1}', { Authorization: 'Bearer wrong' })).status).toBe(401);
      const ok = await httpCall(28112, '{"jsonrpc":"2.0","method":"core.version","id":1}', { Authorization: 'Bearer s3cret' });
      expect(JSON.parse(ok.body).result).toMatch(/^siprc test/);
    } finally {
      await run.stop();
    }
  });

  it('refuses to start HTTP on a non-loopback address without a token, and bad socket names', async () => {
    await expect(runScript('loadmodule "jsonrpcs.so"\nmodparam("jsonrpcs", "transport", 1)\nmodparam("jsonrpcs", "http_socket", "0.0.0.0:28113")\nrequest_route { drop; }\n')).rejects.toThrow(
      'module jsonrpcs cannot start: http_socket 0.0.0.0:28113 is not a loopback address: set http_token to serve it',
    );
    await expect(runScript('loadmodule "jsonrpcs.so"\nmodparam("jsonrpcs", "dgram_socket", "udp:127.0.0.1")\nrequest_route { drop; }\n')).rejects.toThrow('dgram_socket "udp:127.0.0.1": expected udp:ADDRESS:PORT');
  });
});
