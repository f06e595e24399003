// ctl's listeners answered by the real kamcmd: Unix stream and datagram
// sockets (with their permissions), TCP and UDP, replies printed as kamcmd prints
// Kamailio 5.6.3's for the same methods (fixtures: each method's result as
// Kamailio's jsonrpcs gave it, and kamcmd's printout of Kamailio's ctl
// reply, taken from one running Kamailio), faults, and the client-side
// commands `ls` and `help`. The method table here is the test's; the
// dispatcher's own is exercised by the siprc run test.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answer, type Dispatch } from '../../../modules/ctl/answer.js';
import { encodeRequest } from '../../../modules/ctl/binrpc.js';
import { parseEndpoint, type Endpoint } from '../../../modules/ctl/endpoints.js';
import { listen, type Listening } from '../../../modules/ctl/transports.js';
import { kamcmd, withKamcmd } from './kamcmd.js';

const fixture = (name: string): string => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

const methods: Record<string, (params: readonly unknown[]) => unknown> = {
  'core.version': () => 'kamailio 5.6.3 (x86_64/linux) ',
  'ul.dump': () => JSON.parse(fixture('ul-dump.json')),
  'tm.stats': () => JSON.parse(fixture('tm-stats.json')),
  'core.psx': () => JSON.parse(fixture('core-psx.json')),
  'stats.get_statistics': () => ['sl:200_replies = 2', 'sl:404_replies = 0'],
  'core.echo': (params) => params,
  'later.value': () => new Promise((resolve) => setTimeout(() => resolve({ ready: 1, q: 0.5 }), 20)),
  'bad.call': () => {
    throw Object.assign(new Error('error at parameter 0: expected string type but end of packet encountered'), { code: 400 });
  },
  'system.listMethods': () => Object.keys(methods).sort(),
  'system.methodHelp': (params) => (params[0] === 'core.version' ? 'Returns the version string of the server.' : 'no help'),
};

const dispatch: Dispatch = (method, params) => {
  const run = methods[method];
  if (!run) throw new Error(`command ${method} not found`);
  return run(params);
};

const logged: string[] = [];
const limits = { body: 32 * 1024, struct: 8 * 1024 };

async function open(text: string, mode = 0o600): Promise<Listening> {
  const endpoint = parseEndpoint(text) as Endpoint;
  return listen(endpoint, (p) => answer(p, dispatch, limits, (t) => logged.push(t)), { mode }, (t) => logged.push(t));
}

withKamcmd('kamcmd against ctl', () => {
  let dir: string;
  let unix: Listening;
  let address: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'siprc-ctl-'));
    address = `unix:${join(dir, 'run', 'kamailio_ctl')}`;
    unix = await open(address);
  });

  afterAll(async () => {
    await unix.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the socket in a new folder with owner-only permissions', () => {
    const stat = statSync(join(dir, 'run', 'kamailio_ctl'));
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('kamcmd core.version', async () => {
    expect(await kamcmd(address, 'core.version')).toEqual({ stdout: 'kamailio 5.6.3 (x86_64/linux) \n', stderr: '', code: 0 });
  });

  it.each(['ul.dump', 'tm.stats', 'core.psx'])('kamcmd %s prints what it prints for Kamailio', async (method) => {
    const fileName = method.replace('.', '-').replace('_', '-');
    const { stdout } = await kamcmd(address, method);
    expect(stdout).toBe(fixture(`${fileName}.kamcmd.txt`));
  });

  it('several values print one per line', async () => {
    expect((await kamcmd(address, 'stats.get_statistics', 'all')).stdout).toBe('sl:200_replies = 2\nsl:404_replies = 0\n');
  });

  it('parameters arrive typed as kamcmd sent them', async () => {
    expect((await kamcmd(address, 'core.echo', 'abc', '12', 's:12', '2.5')).stdout).toBe('abc\n12\n12\n2.500000\n');
  });

  it('a method that answers later', async () => {
    expect((await kamcmd(address, 'later.value')).stdout).toBe('{\n\tready: 1\n\tq: 0.500000\n}\n');
  });

  it('faults: an unknown method and a bad call, printed as for Kamailio', async () => {
    expect((await kamcmd(address, 'core.nosuch')).stdout).toBe('error: 500 - command core.nosuch not found\n');
    expect((await kamcmd(address, 'bad.call')).stdout).toBe('error: 400 - error at parameter 0: expected string type but end of packet encountered\n');
  });

  it("kamcmd's own commands: ls (system.listMethods) and help (system.methodHelp)", async () => {
    expect((await kamcmd(address, 'ls')).stdout.split('\n')).toContain('ul.dump');
    expect((await kamcmd(address, 'help', 'core.version')).stdout).toBe('Returns the version string of the server.\n');
  });

  it('the mode parameter sets the permissions', async () => {
    const other = await open(`unixs:${join(dir, 'other.sock')}`, 0o660);
    try {
      expect(statSync(join(dir, 'other.sock')).mode & 0o777).toBe(0o660);
      expect((await kamcmd(`unix:${join(dir, 'other.sock')}`, 'core.version')).code).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('TCP and UDP', async () => {
    const tcp = await open('tcp:127.0.0.1:29146');
    const udp = await open('udp:127.0.0.1:29146');
    try {
      expect((await kamcmd('tcp:127.0.0.1:29146', 'core.version')).stdout).toBe('kamailio 5.6.3 (x86_64/linux) \n');
      expect((await kamcmd('udp:127.0.0.1:29146', 'tm.stats')).stdout).toBe(fixture('tm-stats.kamcmd.txt'));
    } finally {
      await tcp.close();
      await udp.close();
    }
  });

  it('Unix datagram sockets (kamcmd -s unixd:), owner-only', async () => {
    const path = join(dir, 'dgram.sock');
    const dgram = await open(`unixd:${path}`);
    try {
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect((await kamcmd(`unixd:${path}`, 'ul.dump')).stdout).toBe(fixture('ul-dump.kamcmd.txt'));
    } finally {
      await dgram.close();
    }
    expect(existsSync(path)).toBe(false);
  });

  it('replaces a stale socket file, and refuses a socket another process listens on or a file that is not a socket', async () => {
    const stale = join(dir, 'stale.sock');
    const old = await listen(parseEndpoint(`unix:${stale}`) as Endpoint, async () => undefined, { mode: 0o600 }, () => {});
    await expect(open(`unix:${stale}`)).rejects.toThrow(`${stale} is in use by another process`);
    await old.close();
    const dgramOld = await open(`unixd:${stale}`);
    await expect(open(`unix:${stale}`)).rejects.toThrow('is in use by another process');
    await dgramOld.close();
    writeFileSync(stale, 'not a socket');
    await expect(open(`unix:${stale}`)).rejects.toThrow(`${stale} exists and is not a socket`);
    rmSync(stale);
    // a socket file left behind by a process that was killed
    const child = spawn(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(stale)})`]);
    for (let i = 0; i < 100 && !existsSync(stale); i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(statSync(stale).isSocket()).toBe(true);
    const again = await open(`unix:${stale}`);
    expect((await kamcmd(`unix:${stale}`, 'core.version')).code).toBe(0);
    await again.close();
  });

  it("a struct limit counts a struct's own records, not those of the structs in it", async () => {
    const member = (i: number) => ({ Info: { AoR: `user${i}`, Contacts: [{ Contact: { Address: `sip:user${i}@127.0.0.1:5060`, Expires: 600 } }] } });
    const big = { AoRs: Array.from({ length: 40 }, (_, i) => member(i)) };
    const whole = await answer({ kind: 'request', cookie: Buffer.of(1, 2, 3, 4), body: encodeRequest('big', []) }, () => big, { body: 32 * 1024, struct: 1024 }, () => {});
    expect(whole!.length).toBeGreaterThan(2048); // nothing dropped: 40 AoRs of ~90 bytes under a 1 KB struct limit
    const flat = { list: Array.from({ length: 100 }, (_, i) => `item number ${i}`) };
    const dropped: string[] = [];
    const reply = await answer({ kind: 'request', cookie: Buffer.of(1, 2, 3, 4), body: encodeRequest('flat', []) }, () => flat, { body: 32 * 1024, struct: 1024 }, (t) => dropped.push(t));
    expect(reply!.length).toBeLessThan(1100);
    expect(dropped[0]).toMatch(/^flat: struct over binrpc_struct_max_body_size \(1024 bytes\): \d+ of its 100 members dropped$/);
  });

  it('a reply over binrpc_max_body_size loses its last values, with a log line', async () => {
    const small = await listen(
      parseEndpoint(`unix:${join(dir, 'small.sock')}`) as Endpoint,
      (p) => answer(p, dispatch, { body: 25, struct: 1024 }, (t) => logged.push(t)),
      { mode: 0o600 },
      () => {},
    );
    try {
      expect((await kamcmd(`unix:${join(dir, 'small.sock')}`, 'stats.get_statistics', 'all')).stdout).toBe('sl:200_replies = 2\n');
      expect(logged).toContain('stats.get_statistics: reply over binrpc_max_body_size (25 bytes): 1 of its 2 values dropped');
    } finally {
      await small.close();
    }
  });
});
