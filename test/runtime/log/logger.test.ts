// The logger: stderr lines as the server has always written them, syslog
// datagrams as Kamailio 5.6.3 left them on /dev/log (recorded from a run on
// loopback with log_facility=LOG_LOCAL3, log_name="kamtest" and
// log_prefix="{$mt $hdr(CSeq) $ci} ", /dev/log replaced by a socket in a
// private mount namespace), the json engine's documents as Kamailio's
// --log-engine=json:FLAGS writes them, per-module levels and facilities,
// and a real Unix datagram socket standing in for /dev/log.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DgramSocket } from 'node-unix-socket';
import { parseJsonFlags, type JsonFlags } from '../../../runtime/log/json.js';
import { levelColours } from '../../../runtime/log/colours.js';
import { Logger, type LogSettings } from '../../../runtime/log/logger.js';
import { facilityCode, severity, syslogDatagram, syslogTime, SyslogWriter, type DatagramSender } from '../../../runtime/log/syslog.js';

const AT = new Date(2026, 11, 3, 5, 47, 59);

function flags(data: string): JsonFlags {
  const f = parseJsonFlags(data);
  if ('error' in f) throw new Error(f.error);
  return f;
}

/** A logger whose outputs are collected: stderr text, and syslog datagrams through a fake sender. */
function collecting(settings: LogSettings): { logger: Logger; stderr: string[]; datagrams: string[] } {
  const stderr: string[] = [];
  const datagrams: string[] = [];
  const sender: DatagramSender = { send: (data, _path, done) => (datagrams.push(data.toString()), done()), close: () => undefined };
  const syslog = new SyslogWriter(sender, () => undefined);
  return { logger: new Logger(settings, { stderr: (t) => void stderr.push(t), syslog, pid: 17817, now: () => AT }), stderr, datagrams };
}

describe('syslog datagrams', () => {
  it("maps Kamailio's levels to syslog severities", () => {
    expect([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4].map(severity)).toEqual([1, 2, 2, 2, 3, 4, 5, 6, 7, 7]);
  });

  it('pads the day with a space, as RFC 3164 and the C library do', () => {
    expect(syslogTime(AT)).toBe('Dec  3 05:47:59');
    expect(syslogTime(new Date(2026, 0, 14, 23, 5, 9))).toBe('Jan 14 23:05:09');
  });

  it('writes what Kamailio 5.6.3 wrote for the same settings and message', () => {
    const { logger, datagrams } = collecting({ level: 2, stderr: false, facility: 'LOG_LOCAL3', name: 'kamtest' });
    const prefix = '{1 7 OPTIONS cid-1} ';
    logger.write({ level: -1, text: '<script>: hello OPTIONS\n', module: 'xlog', prefix });
    logger.write({ level: 3, text: '<script>: dbg line\n', module: 'xlog', prefix });
    logger.write({ level: 2, text: '<script>: info line\n', module: 'xlog', prefix });
    logger.write({ level: 1, text: 'a notice', prefix });
    // Recorded from Kamailio 5.6.3 (its process id replaced by ours); debug=2 left the L_DBG line out.
    expect(datagrams).toEqual([
      '<155>Dec  3 05:47:59 kamtest[17817]: ERROR: {1 7 OPTIONS cid-1} <script>: hello OPTIONS\n',
      '<158>Dec  3 05:47:59 kamtest[17817]: INFO: {1 7 OPTIONS cid-1} <script>: info line\n',
      '<157>Dec  3 05:47:59 kamtest[17817]: NOTICE: {1 7 OPTIONS cid-1} a notice\n',
    ]);
  });

  it("defaults to LOG_DAEMON and the ident siprc; a line's own facility wins, then its module's", () => {
    const { logger, datagrams } = collecting({ level: 3, stderr: false, moduleFacilities: new Map([['xlog', 'LOG_LOCAL1']]) });
    logger.write({ level: -1, text: 'core line' });
    logger.write({ level: -1, text: 'xlog line', module: 'xlog' });
    logger.write({ level: -1, text: 'own facility', module: 'xlog', facility: 'LOG_LOCAL7' });
    expect(datagrams).toEqual([
      `<${3 * 8 + 3}>Dec  3 05:47:59 siprc[17817]: ERROR: core line\n`,
      `<${17 * 8 + 3}>Dec  3 05:47:59 siprc[17817]: ERROR: xlog line\n`,
      `<${23 * 8 + 3}>Dec  3 05:47:59 siprc[17817]: ERROR: own facility\n`,
    ]);
    expect(facilityCode('log_local0')).toBe(16);
    expect(facilityCode('LOG_NOPE')).toBeUndefined();
  });

  it('reaches a real Unix datagram socket standing in for /dev/log, and falls back when there is none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'siprc-syslog-'));
    const path = join(dir, 'log');
    const daemon = new DgramSocket();
    const sender = new DgramSocket();
    try {
      daemon.bind(path);
      const received = new Promise<string>((resolve) => daemon.once('data', (b: Buffer) => resolve(b.toString())));
      const wrap: DatagramSender = { send: (d, p, done) => sender.sendTo(d, 0, d.length, p, done), close: () => undefined };
      new SyslogWriter(wrap, () => undefined, path).write(syslogDatagram(16, -1, 'siprc', 42, 'ERROR: hello\n', AT));
      expect(await received).toBe('<131>Dec  3 05:47:59 siprc[42]: ERROR: hello\n');
      const fellBack = new Promise<string>((resolve) => new SyslogWriter(wrap, (d, reason) => resolve(`${reason} | ${d}`), join(dir, 'none')).write('<131>x'));
      expect(await fellBack).toMatch(/none: .*No such file.* \| <131>x$/);
    } finally {
      daemon.close();
      sender.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('stderr and levels', () => {
  it('writes `PID LEVEL: PREFIXtext` lines, one newline each, within the level', () => {
    const { logger, stderr, datagrams } = collecting({ level: 0, stderr: true });
    logger.write({ level: -1, text: 'bad thing\n', prefix: '[p] ' });
    logger.write({ level: 0, text: 'warned' });
    logger.write({ level: 1, text: 'too verbose' });
    expect(stderr).toEqual(['17817 ERROR: [p] bad thing\n', '17817 WARNING: warned\n']);
    expect(datagrams).toEqual([]);
  });

  it("gives a module the debugger's mod_level, the others the core's level (which the server may change)", () => {
    const { logger, stderr } = collecting({ level: 0, stderr: true, moduleLevels: new Map([['xlog', 3]]) });
    logger.write({ level: 3, text: 'xlog debug', module: 'xlog' });
    logger.write({ level: 2, text: 'core info' });
    expect(logger.maxLevel).toBe(3);
    let core = 0;
    logger.follow(() => core);
    core = 2;
    logger.write({ level: 2, text: 'core info now' });
    expect(stderr).toEqual(['17817 DEBUG: xlog debug\n', '17817 INFO: core info now\n']);
  });
});

describe('the json engine', () => {
  const line = { level: -1, text: 'hello OPTIONS\n', module: 'xlog', prefix: '{1 7 OPTIONS cid-1} ', callId: 'cid-1' };

  it("writes Kamailio 5.6.3's documents (flags M and c), keys in its order", () => {
    const { logger, stderr } = collecting({ level: 3, stderr: true, json: flags('Mc') });
    logger.write(line);
    // Kamailio 5.6.3 with --log-engine=json:Mc (its C file, line and function where siprc has none).
    expect(stderr).toEqual(['{ "idx": 0, "pid": 17817, "level": "ERROR", "module": "xlog", "file": "", "line": 0, "function": "", "callid": "cid-1", "logprefix": "{1 7 OPTIONS cid-1} ", "message": "hello OPTIONS" }\n']);
    expect(JSON.parse(stderr[0]!)).toMatchObject({ level: 'ERROR', message: 'hello OPTIONS' });
  });

  it('keeps the newline in the message without M, leaves the document open-ended with N, prefixes keys with a', () => {
    const { logger, stderr } = collecting({ level: 3, stderr: true, json: flags('Na') });
    logger.write(line);
    expect(stderr[0]!.endsWith('}')).toBe(true);
    expect(JSON.parse(stderr[0]!)).toEqual({
      'kamailio.idx': 0, 'kamailio.pid': 17817, 'kamailio.level': 'ERROR', 'kamailio.module': 'xlog', 'kamailio.file': '',
      'kamailio.line': 0, 'kamailio.function': '', 'kamailio.logprefix': '{1 7 OPTIONS cid-1} ', 'kamailio.message': 'hello OPTIONS\n',
    });
  });

  it('writes the CEE profile with U', () => {
    const { logger, stderr } = collecting({ level: 3, stderr: true, json: flags('U') });
    logger.write(line);
    expect(JSON.parse(stderr[0]!)).toMatchObject({ time: AT.toISOString(), proc: { id: '17817' }, pri: 'ERROR', subsys: 'xlog', msg: 'hello OPTIONS\n', appname: 'siprc' });
  });

  it('sends the document as the syslog message when logging to syslog', () => {
    const { logger, datagrams } = collecting({ level: 3, stderr: false, json: flags('M') });
    logger.write(line);
    expect(datagrams[0]).toMatch(/^<27>Dec {2}3 05:47:59 siprc\[17817\]: \{ "idx": 0, .*"message": "hello OPTIONS" \}\n$/);
  });

  it('refuses flags it does not take, naming them', () => {
    expect(parseJsonFlags('Mj')).toEqual({ error: expect.stringContaining('`j`') });
    expect(parseJsonFlags('z')).toEqual({ error: expect.stringContaining('unknown flag') });
  });
});

describe('log_color', () => {
  it("colours each stderr line by its level as Kamailio 5.6.3 does, then resets", () => {
    const { logger, stderr } = collecting({ level: 3, stderr: true, colours: levelColours() });
    for (const level of [-5, -4, -3, -1, 0, 1, 2, 3]) logger.write({ level, text: `lvl ${level}\n` });
    // The escapes Kamailio 5.6.3 wrote with log_color=1 for xlog at each level.
    expect(stderr).toEqual(
      ['1;31', '1;35', '0;33', '0;31', '0;35', '0;32', '0;36', '0;39'].map((c, i) => `\x1b[${c};49m17817 ${['ALERT', 'BUG', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'][i]}: lvl ${[-5, -4, -3, -1, 0, 1, 2, 3][i]}\n\x1b[0;39;49m`),
    );
  });

  it('takes the colours xlog log_colors gives a level', () => {
    const { logger, stderr } = collecting({ level: 3, stderr: true, colours: levelColours(new Map([[-1, 'cr']])) });
    logger.write({ level: -1, text: 'recoloured\n' });
    expect(stderr).toEqual(['\x1b[0;36;41m17817 ERROR: recoloured\n\x1b[0;39;49m']);
  });
});
