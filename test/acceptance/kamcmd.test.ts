// The real kamcmd against `siprc run` (the bundled command: run
// `node build.mjs` first): a script loading ctl on a temp Unix socket and a
// TCP port, cfg_rpc, tm, usrloc and registrar. kamcmd's answers are shaped
// as for Kamailio 5.6 (core.version, core.uptime, stats.get_statistics all
// after a registration, ul.dump with that contact, tm.stats), cfg.seti changes core's debug level for the next
// message and tm's fr_timer, ctl answers ctl.listen and ctl.who, kamcmd's
// ls and help work, and the socket is owner-only and removed at stop. The
// same methods answer over jsonrpcs' FIFO and HTTP, and `siprc rpc` on its
// datagram socket.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { kamcmd, withKamcmd } from '../modules/ctl/kamcmd.js';
import { fifoCall, httpCall } from '../modules/jsonrpcs/harness.js';
import { startSiprc, type RunningServer } from './sipp-harness.js';

const SIP_PORT = 29260;
const CLIENT_PORT = 29261;
const TCP_CTL = 'tcp:127.0.0.1:29246';
const HTTP_PORT = 29263;

/** Sends one request over UDP from CLIENT_PORT and resolves with the first line of the reply. */
function request(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => (socket.close(), reject(new Error('no reply'))), 5000);
    socket.on('message', (m) => {
      clearTimeout(timer);
      socket.close();
      resolve(m.toString('latin1').split('\r\n')[0]!);
    });
    socket.bind(CLIENT_PORT, '127.0.0.1', () => socket.send(text.replace(/\n/g, '\r\n'), SIP_PORT, '127.0.0.1'));
  });
}

const register = (user: string): string => `REGISTER sip:127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:${CLIENT_PORT};branch=z9hG4bK-reg-${user};rport
From: <sip:${user}@127.0.0.1>;tag=r1
To: <sip:${user}@127.0.0.1>
Call-ID: reg-${user}
CSeq: 1 REGISTER
Contact: <sip:${user}@127.0.0.1:${CLIENT_PORT}>;expires=600
User-Agent: kamcmd-test
Max-Forwards: 70
Content-Length: 0

`;

const options = (n: number): string => `OPTIONS sip:nobody@127.0.0.1 SIP/2.0
Via: SIP/2.0/UDP 127.0.0.1:${CLIENT_PORT};branch=z9hG4bK-opt-${n};rport
From: <sip:probe@127.0.0.1>;tag=o${n}
To: <sip:nobody@127.0.0.1>
Call-ID: opt-${n}
CSeq: 1 OPTIONS
Max-Forwards: 70
Content-Length: 0

`;

withKamcmd('kamcmd against siprc run', () => {
  let dir: string;
  let socketPath: string;
  let address: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'siprc-kamcmd-'));
    socketPath = join(dir, 'ctl', 'kamailio_ctl');
    address = `unix:${socketPath}`;
    const script = join(dir, 'ctl.cfg');
    writeFileSync(
      script,
      `debug=2
log_stderror=yes
listen=udp:127.0.0.1:${SIP_PORT}
loadmodule "sl"
loadmodule "tm"
loadmodule "pv"
loadmodule "xlog"
loadmodule "usrloc"
loadmodule "registrar"
loadmodule "ctl"
loadmodule "cfg_rpc"
loadmodule "jsonrpcs"
modparam("jsonrpcs", "transport", 7)
modparam("jsonrpcs", "fifo_reply_dir", "${dir}/")
modparam("jsonrpcs", "fifo_name", "${join(dir, 'rpc.fifo')}")
modparam("jsonrpcs", "dgram_socket", "${join(dir, 'rpc.sock')}")
modparam("jsonrpcs", "http_socket", "127.0.0.1:${HTTP_PORT}")
modparam("ctl", "binrpc", "${address}")
modparam("ctl", "binrpc", "${TCP_CTL}")
request_route {
  xlog("L_DBG", "debug line for $rm\\n");
  if ($rm == "REGISTER") { save("location"); exit; }
  sl_send_reply("404", "Not here");
}
`,
    );
    server = await startSiprc(script);
    for (let i = 0; i < 50 && !existsSync(socketPath); i++) await new Promise((r) => setTimeout(r, 50));
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on an owner-only Unix socket', () => {
    const stat = statSync(socketPath);
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('kamcmd core.version and core.uptime', async () => {
    const version = await kamcmd(address, 'core.version');
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\S+.*\n$/);
    const uptime = await kamcmd(address, 'core.uptime');
    expect(uptime.stdout).toMatch(/^\{\n\tnow: .+\n\tup_since: .+\n\tuptime: \d+\n\}\n$/);
  });

  it('kamcmd stats.get_statistics all counts a registration', async () => {
    expect(await request(register('alice'))).toBe('SIP/2.0 200 OK');
    const stats = (await kamcmd(address, 'stats.get_statistics', 'all')).stdout.split('\n');
    expect(stats).toContain('registrar:accepted_regs = 1');
    expect(stats).toContain('usrloc:location_contacts = 1');
    expect(stats).toContain('core:rcv_requests_register = 1');
  });

  it('kamcmd ul.dump shows the registered contact as for Kamailio', async () => {
    const dump = (await kamcmd(address, 'ul.dump')).stdout;
    expect(dump).toMatch(/^\{\n\tDomains: \{\n\t\tDomain: \{\n\t\t\tDomain: location\n\t\t\tSize: \d+\n\t\t\tAoRs: \{\n\t\t\t\tInfo: \{\n\t\t\t\t\tAoR: alice\n/);
    expect(dump).toContain(`\t\t\t\t\t\tContact: {\n\t\t\t\t\t\t\tAddress: sip:alice@127.0.0.1:${CLIENT_PORT}\n\t\t\t\t\t\t\tExpires: `);
    expect(dump).toContain('\t\t\t\t\t\t\tUser-Agent: kamcmd-test\n');
    expect(dump).toContain('\t\t\t\t\t\t\tMethods: -1\n');
    expect(dump).toMatch(/\t\t\tStats: \{\n\t\t\t\tRecords: 1\n/);
  });

  it('kamcmd tm.stats', async () => {
    expect((await kamcmd(address, 'tm.stats')).stdout).toMatch(/^\{\n\tcurrent: \d+\n\twaiting: \d+\n\ttotal: \d+\n/);
  });

  it('cfg.seti core debug takes effect on the next message', async () => {
    expect((await kamcmd(address, 'cfg.get', 'core', 'debug')).stdout).toBe('2\n');
    await request(options(1));
    expect(server.log()).not.toContain('debug line for OPTIONS');
    expect((await kamcmd(address, 'cfg.seti', 'core', 'debug', '3')).stdout).toBe('');
    expect((await kamcmd(address, 'cfg.get', 'core', 'debug')).stdout).toBe('3\n');
    expect(await request(options(2))).toBe('SIP/2.0 404 Not here');
    expect(server.log()).toContain('debug line for OPTIONS');
  });

  it('cfg.seti tm fr_timer; a bad one answers as Kamailio does', async () => {
    await kamcmd(address, 'cfg.seti', 'tm', 'fr_timer', '4000');
    expect((await kamcmd(address, 'cfg.get', 'tm', 'fr_timer')).stdout).toBe('4000\n');
    expect((await kamcmd(address, 'cfg.seti', 'tm', 'nosuch', '1')).stdout).toBe('error: 400 - Failed to set the variable\n');
    expect((await kamcmd(address, 'cfg.seti', 'core', 'debug', 'abc')).stdout).toBe("error: 400 - error at parameter 2: expected integer type but record doesn't match type\n");
  });

  it('ctl.listen, ctl.who over TCP, ls and help', async () => {
    expect((await kamcmd(address, 'ctl.listen')).stdout).toBe(`binrpc\nunix_stream\n${socketPath}\n\nbinrpc\ntcp\n127.0.0.1\n29246\n`);
    expect((await kamcmd(TCP_CTL, 'ctl.who')).stdout).toMatch(/^binrpc\ntcp\n127\.0\.0\.1\n\d+\n127\.0\.0\.1\n29246\n$/);
    const methods = (await kamcmd(address, 'ls')).stdout.split('\n');
    expect(methods).toEqual(expect.arrayContaining(['core.version', 'stats.get_statistics', 'cfg.seti', 'ctl.listen', 'ctl.who', 'ul.dump', 'tm.stats']));
    expect((await kamcmd(address, 'help', 'cfg.seti')).stdout).toMatch(/\S/);
    expect((await kamcmd(address, 'core.nosuch')).stdout).toMatch(/^error: 500 - /);
  });

  it('answers the same methods over JSON-RPC: the FIFO, HTTP, and siprc rpc on the datagram socket', async () => {
    const call = (method: string, params: string[] = []) => ({ jsonrpc: '2.0', method, params, id: 1 });
    for (const [method, params] of [['core.version', []], ['stats.get_statistics', ['all']], ['ul.dump', []]] as const) {
      const overFifo = JSON.parse(await fifoCall(join(dir, 'rpc.fifo'), dir, call(method, [...params])));
      const overHttp = JSON.parse((await httpCall(HTTP_PORT, JSON.stringify(call(method, [...params])))).body);
      expect(overFifo.error).toBeUndefined();
      expect(overHttp.error).toBeUndefined();
      if (method === 'stats.get_statistics') expect(overFifo.result).toContain('registrar:accepted_regs = 1');
      if (method === 'ul.dump') expect(JSON.stringify(overHttp.result)).toContain(`sip:alice@127.0.0.1:${CLIENT_PORT}`);
    }
    const cli = spawnSync(process.execPath, ['bin/siprc.cjs', 'rpc', '-s', join(dir, 'rpc.sock'), 'core.version'], { encoding: 'utf8', timeout: 10_000 });
    expect({ status: cli.status, stderr: cli.stderr }).toEqual({ status: 0, stderr: '' });
    expect(cli.stdout).toMatch(/^siprc /);
  }, 30_000);

  it('removes the socket when it stops', async () => {
    expect(await server.stop()).toBe(0);
    expect(existsSync(socketPath)).toBe(false);
  });
});
