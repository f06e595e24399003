// The modules' control methods side by side: the same script served by
// Kamailio 5.6 (Debian's package) and by `siprc run` (the bundled command:
// run `node build.mjs` first), each with ctl on a temp Unix socket, and the
// same kamcmd calls to both print the same text: pv.shvGet/pv.shvSet (with
// their faults), corex.debug, core.echo/printi/prints and the faults of
// tm.reply, tm.reply_callid and tm.cancel, and an empty tm.list; and
// tm.reply_callid on an INVITE each holds sends the caller the same reply
// (but for the Server line and ports), then faults for a second one. siprc's
// t_newtran answers an INVITE with 100 Trying at once, Kamailio's does not:
// that 100 is left out of the comparison.

import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kamcmd, withKamcmd } from '../modules/ctl/kamcmd.js';
import { startSiprc, type RunningServer } from './sipp-harness.js';
import { spawnKamailio, type KamailioProcess, KAMAILIO_MODULES } from '../kamailio-process.js';

const MODULES = KAMAILIO_MODULES;
const KAMAILIO_PORT = 34030;
const SIPRC_PORT = 34031;

const script = (port: number, socket: string): string => `debug=2
log_stderror=yes
children=1
listen=udp:127.0.0.1:${port}
loadmodule "ctl.so"
loadmodule "pv.so"
loadmodule "sl.so"
loadmodule "tm.so"
loadmodule "corex.so"
modparam("ctl", "binrpc", "unix:${socket}")
modparam("pv", "shvset", "debug=i:3")
modparam("pv", "shvset", "name=s:alice")
request_route {
  $shv(z) = $shv(z) + 1;
  if (method == "INVITE") { t_newtran(); exit; }
  sl_send_reply("404", "Not Here");
}
`;

const CALLS: readonly string[][] = [
  ['pv.shvGet'],
  ['pv.shvGet', 'debug'],
  ['pv.shvGet', 'nope'],
  ['pv.shvSet', 'debug', 'int', '5'],
  ['pv.shvGet', 'debug'],
  ['pv.shvSet', 'name', 'str', 's:bob'],
  ['pv.shvGet', 'name'],
  ['pv.shvSet', 'x', 'int', '5'],
  ['pv.shvSet', 'y', 'float', '1'],
  ['pv.shvSet', 'y', 'int', 's:abc'],
  ['pv.shvSet'],
  ['corex.debug'],
  ['corex.debug', '3'],
  ['corex.debug'],
  ['corex.debug', 's:x'],
  ['core.echo', '1', 's:a'],
  ['core.printi', '1', 's:a'],
  ['core.prints', '1'],
  ['tm.list'],
  ['tm.cancel'],
  ['tm.cancel', 'a', 's:1'],
  ['tm.reply'],
  ['tm.reply', '200'],
  ['tm.reply', '200', 's:OK'],
  ['tm.reply', '200', 's:OK', 's:x', 's:t', '.'],
  ['tm.reply', '200', 's:OK', '1:2', 's:t', '.'],
  ['tm.reply_callid', '200', 's:OK'],
  ['tm.reply_callid', '200', 's:OK', 'cid'],
  ['tm.reply_callid', '200', 's:OK', 'cid', 's:7', 's:t', '.'],
];

const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Sends an INVITE to `port` from a socket of `from`, runs `then` once the server holds it, and resolves with what the caller received by then. */
async function heldInvite(port: number, from: number, then: () => Promise<void>): Promise<string[]> {
  const socket = createSocket('udp4');
  const got: string[] = [];
  socket.on('message', (m) => got.push(m.toString('latin1')));
  await new Promise<void>((r) => socket.bind(from, '127.0.0.1', r));
  const invite =
    `INVITE sip:bob@127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${from};branch=z9hG4bK-held1;rport\r\n` +
    `From: <sip:alice@127.0.0.1>;tag=ft1\r\nTo: <sip:bob@127.0.0.1>\r\nCall-ID: held-1\r\nCSeq: 7 INVITE\r\n` +
    `Contact: <sip:alice@127.0.0.1:${from}>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;
  socket.send(invite, port, '127.0.0.1');
  await wait(300);
  await then();
  await wait(300);
  socket.close();
  return got;
}

/**
 * A reply without what differs between the two servers and is not the
 * method's doing: the Server line, the ports, and the order of the Via's
 * received and rport parameters (siprc writes received first).
 */
const comparable = (reply: string): string =>
  reply
    .replace(/^Server: .*\r\n/m, '')
    .replace(/34\d{3}/g, 'PORT')
    .replace(/;received=([^;\r]+);rport=(\w+)/, ';rport=$2;received=$1');

withKamcmd('module control methods: kamcmd prints the same for Kamailio 5.6 and siprc', () => {
  let dir: string;
  let kamailio: KamailioProcess | undefined;
  let siprc: RunningServer;
  const kamailioSocket = (): string => `unix:${join(dir, 'kamailio.sock')}`;
  const siprcSocket = (): string => `unix:${join(dir, 'siprc.sock')}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'siprc-kamcmd-modules-'));
    writeFileSync(join(dir, 'kamailio.cfg'), script(KAMAILIO_PORT, join(dir, 'kamailio.sock')));
    writeFileSync(join(dir, 'siprc.cfg'), script(SIPRC_PORT, join(dir, 'siprc.sock')));
    kamailio = spawnKamailio(['-f', join(dir, 'kamailio.cfg'), '-E', '-DD', '-m', '64', '-M', '8', '-Y', dir, '-L', MODULES]);
    siprc = await startSiprc(join(dir, 'siprc.cfg'));
    for (let i = 0; i < 100 && !(existsSync(join(dir, 'kamailio.sock')) && existsSync(join(dir, 'siprc.sock'))); i++) await wait(50);
    if (!existsSync(join(dir, 'kamailio.sock'))) throw new Error('kamailio did not open its ctl socket');
  });

  afterAll(async () => {
    await siprc?.stop();
    await kamailio?.stop();
    rmSync(dir, { recursive: true, force: true });
    // siprc drains its held transactions (up to --drain, 5 s) before it exits.
  }, 30_000);

  it.each(CALLS.map((c) => [c.join(' '), c]))('kamcmd %s', async (_name, args) => {
    const fromKamailio = await kamcmd(kamailioSocket(), ...args);
    const fromSiprc = await kamcmd(siprcSocket(), ...args);
    // Both really answered (kamcmd prints the same error for two sockets nobody serves).
    expect(fromKamailio.stderr).not.toMatch(/connect/);
    expect({ stdout: fromSiprc.stdout, stderr: fromSiprc.stderr }).toEqual({ stdout: fromKamailio.stdout, stderr: fromKamailio.stderr });
  });

  it('tm.reply_callid on a held INVITE: the same reply with the To tag, header lines and body given, then Reply failed', async () => {
    const args = ['tm.reply_callid', '486', 's:Busy Here', 'held-1', 's:7', 's:rpctag', 's:X-A: 1\r\nContent-Type: text/plain\r\n', 's:hello'];
    const answers: Array<{ stdout: string; stderr: string }> = [];
    const replyTo = async (socket: () => string): Promise<void> => {
      answers.push(await kamcmd(socket(), ...args));
      answers.push(await kamcmd(socket(), ...args));
    };
    const fromKamailio = await heldInvite(KAMAILIO_PORT, 34032, () => replyTo(kamailioSocket));
    const fromSiprc = await heldInvite(SIPRC_PORT, 34033, () => replyTo(siprcSocket));
    expect(fromKamailio).toHaveLength(1);
    expect(fromKamailio[0]).toMatch(/^SIP\/2.0 486 Busy Here\r\n/);
    expect(fromSiprc.filter((r) => !r.startsWith('SIP/2.0 100 ')).map(comparable)).toEqual(fromKamailio.map(comparable));
    const [kFirst, kSecond, sFirst, sSecond] = answers.map((a) => a.stdout + a.stderr);
    expect([sFirst, sSecond]).toEqual([kFirst, kSecond]);
    expect(kSecond).toBe('error: 500 - Reply failed\n');
  });
});
