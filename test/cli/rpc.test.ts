// `siprc rpc` end to end: a served script with jsonrpcs on a Unix datagram
// socket and a FIFO in a temp dir, called through the command line in
// process; table and JSON output, faults and nothing listening.

import { join } from 'node:path';
import { renderValue, typedParam } from '../../cli/rpc.js';
import { runScript, type Running } from '../modules/jsonrpcs/harness.js';
import { runMain } from './run-main.js';

const SCRIPT = `
loadmodule "sl.so"
loadmodule "jsonrpcs.so"
modparam("jsonrpcs", "fifo_name", "$DIR/rpc.fifo")
modparam("jsonrpcs", "fifo_reply_dir", "$DIR/")
modparam("jsonrpcs", "dgram_socket", "$DIR/rpc.sock")
request_route { sl_send_reply("404", "Not Here"); }
`;

describe('siprc rpc', () => {
  let run: Running;
  beforeAll(async () => {
    run = await runScript(SCRIPT, ['$DIR/rpc.fifo', '$DIR/rpc.sock']);
  }, 30_000);
  afterAll(() => run.stop());

  it('calls over the datagram socket and prints lines or JSON', async () => {
    const sock = join(run.dir, 'rpc.sock');
    const version = await runMain('rpc', '-s', sock, 'core.version');
    expect(version).toMatchObject({ code: 0, stdout: `siprc test (${process.arch}/${process.platform})\n` });
    const stats = await runMain('rpc', '-s', sock, 'stats.get_statistics', 'sl:');
    expect(stats.stdout.split('\n')).toContain('sl:sent_replies = 0');
    const json = await runMain('rpc', '-s', sock, '--json', 'core.uptime');
    expect(JSON.parse(json.stdout)).toHaveProperty('uptime');
  });

  it('calls over the FIFO', async () => {
    const r = await runMain('rpc', '--fifo', join(run.dir, 'rpc.fifo'), '--reply-dir', run.dir, 'system.methodHelp', 'core.uptime');
    expect(r).toMatchObject({ code: 0, stdout: 'Returns uptime of the SIP server.\n' });
  });

  it('prints a fault and exits 1', async () => {
    const r = await runMain('rpc', '-s', join(run.dir, 'rpc.sock'), 'no.such');
    expect(r).toMatchObject({ code: 1, stderr: 'error: 500 - Method Not Found\n' });
  });

  it('says so when nothing listens', async () => {
    const r = await runMain('rpc', '-s', join(run.dir, 'none.sock'), 'core.version');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`siprc rpc: nothing listens on ${join(run.dir, 'none.sock')} (is siprc running with jsonrpcs? --socket or --fifo name another)\n`);
    const f = await runMain('rpc', '--fifo', join(run.dir, 'none.fifo'), 'core.version');
    expect(f.stderr).toMatch(/there is no FIFO/);
  });
});

describe('siprc rpc helpers', () => {
  it('types parameters as kamcmd does', () => {
    expect(['all', '12', '-3', '0.5', 's:12', 'sip:a@b'].map(typedParam)).toEqual(['all', 12, -3, 0.5, '12', 'sip:a@b']);
  });

  it('renders structs, arrays and scalars as indented lines', () => {
    expect(renderValue({ a: 1, b: { c: 'x' }, d: [{ e: 2 }] })).toBe('a: 1\nb:\n\tc: x\nd:\n\t{\n\t\te: 2\n\t}\n');
    expect(renderValue(['x = 1', 'y = 2'])).toBe('x = 1\ny = 2\n');
  });
});
