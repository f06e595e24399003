// xlog's $C(xy) colours and prefix_mode. The escapes were read from Kamailio
// 5.6.3 (test/differential/xlog/96-xlog-colors-prefix.cfg compares them
// live, with log_stderror set); without log_stderror Kamailio gives an empty
// $C unless force_color is set, which was checked by writing $C to a file.
// log_colors recolours the levels of the log log_color=1 colours.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFileWithModules } from '../../../cli/compile.js';
import { setUpLogging } from '../../../cli/log-setup.js';
import { prepare } from '../../../cli/prepare.js';
import { builtinModules } from '../../../modules/index.js';
import { colourEscape } from '../../../runtime/log/colours.js';
import { codesOf } from '../../helpers.js';
import { runScript, sipMessage } from '../run-script.js';

const OPTIONS = sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: x1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

const logs = (script: string): string[] => {
  const run = runScript(`debug=2\nloadmodule "pv.so"\nloadmodule "xlog.so"\n${script}`, OPTIONS);
  expect(run.stderr).toBe('');
  return run.logs;
};

describe('$C(xy)', () => {
  it('is the escape setting foreground and background, bold for a capital foreground', () => {
    expect(colourEscape('xx')).toBe('\x1b[0;39;49m');
    expect(colourEscape('rx')).toBe('\x1b[0;31;49m');
    expect(colourEscape('xw')).toBe('\x1b[0;39;47m');
    expect(colourEscape('Cy')).toBe('\x1b[1;36;43m');
    expect(colourEscape('sb')).toBe('\x1b[0;30;44m');
  });

  it('is empty unless the script logs to stderr or force_color is set', () => {
    const script = 'request_route {\n xlog("L_ALERT", "[$C(rx)]\\n");\n drop;\n}\n';
    expect(logs(script)).toEqual(['[]']);
    expect(logs(`log_stderror=yes\n${script}`)).toEqual(['[\x1b[0;31;49m]']);
    expect(logs(`modparam("xlog", "force_color", 1)\n${script}`)).toEqual(['[\x1b[0;31;49m]']);
    expect(logs(`log_stderror=no\nmodparam("xlog", "force_color", 0)\n${script}`)).toEqual(['[]']);
  });

  it('refuses names that are not two colour letters, at the pseudo-variable', () => {
    const modules = builtinModules;
    expect(codesOf('loadmodule "pv.so"\nloadmodule "xlog.so"\nrequest_route {\n xlog("$C(r)");\n xlog("$C(rgb)");\n xlog("$C(Xx)");\n xlog("$C(xR)");\n xlog("$C(ax)");\n xlog("$C(rx)");\n}\n', { modules })).toEqual([
      'E0706@4:8',
      'E0706@5:8',
      'E0706@6:8',
      'E0706@7:8',
      'E0706@8:8',
    ]);
  });
});

describe('prefix_mode', () => {
  it('1 expands the prefix for each line, except for xlogl; 0 keeps it as written', () => {
    expect(logs('modparam("xlog", "prefix", "[$rm $ci] ")\nmodparam("xlog", "prefix_mode", 1)\nrequest_route {\n xlog("L_ALERT", "a\\n");\n xlogl("L_ALERT", "b\\n");\n drop;\n}\n')).toEqual([
      '[OPTIONS x1] a',
      '[$rm $ci] 8:b',
    ]);
    expect(logs('modparam("xlog", "prefix", "[$rm] ")\nrequest_route {\n xlog("L_ALERT", "a\\n");\n drop;\n}\n')).toEqual(['[$rm] a']);
  });

  it('refuses to start with a prefix whose pseudo-variable does not compile', () => {
    const run = runScript('loadmodule "pv.so"\nloadmodule "xlog.so"\nmodparam("xlog", "prefix", "[$nosuch] ")\nmodparam("xlog", "prefix_mode", 1)\nrequest_route {\n drop;\n}\n', OPTIONS);
    expect(run.stderr).toMatch(/prefix: `\[\$nosuch\] ` has a pseudo-variable that does not compile/);
  });
});

describe('log_colors', () => {
  async function logging(script: string): Promise<{ error?: string; lines: string[]; write?: (level: number, text: string) => void }> {
    const dir = mkdtempSync(join(tmpdir(), 'siprc-log-colors-'));
    try {
      const path = join(dir, 'colors.cfg');
      writeFileSync(path, `loadmodule "xlog.so"\n${script}\nrequest_route { drop; }\n`);
      const prepared = prepare(await compileFileWithModules(path, []), 'test', false);
      if ('error' in prepared) return { error: prepared.error, lines: [] };
      const refused = await prepared.linked.ready;
      if (refused) return { error: refused, lines: [] };
      const lines: string[] = [];
      const setup = await setUpLogging(await compileFileWithModules(path, []), prepared.linked.modules, {}, (t) => void lines.push(t));
      if ('error' in setup) return { error: setup.error, lines };
      return { lines, write: (level, text) => setup.logger.write({ level, text }) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('recolour the levels named when log_color=1 colours the stderr log', async () => {
    const run = await logging('debug=1\nlog_stderror=yes\nlog_color=1\nmodparam("xlog", "log_colors", "L_ERR=cr;L_WARN=Gx")');
    run.write!(-1, 'e\n');
    run.write!(0, 'w\n');
    run.write!(1, 'n\n');
    expect(run.lines.map((l) => /^(\x1b\[[0-9;]*m)\d+ (\w+)/.exec(l)!.slice(1).join(' '))).toEqual(['\x1b[0;36;41m ERROR', '\x1b[1;32;49m WARNING', '\x1b[0;32;49m NOTICE']);
  });

  it('leave the log plain without log_color', async () => {
    const run = await logging('log_stderror=yes\nmodparam("xlog", "log_colors", "L_ERR=cr")');
    run.write!(-1, 'e\n');
    expect(run.lines[0]).toMatch(/^\d+ ERROR: e\n$/);
  });

  it('refuse a level or colour that is not one, at start', async () => {
    expect((await logging('modparam("xlog", "log_colors", "L_ERR=rq")')).error).toBe('module xlog cannot start: log_colors: `q` is not a background colour (x, s, r, g, y, b, p, c, w)');
    expect((await logging('modparam("xlog", "log_colors", "L_LOUD=cx")')).error).toMatch(/^module xlog cannot start: log_colors: unknown log level `L_LOUD`/);
    expect((await logging('modparam("xlog", "log_colors", "cx")')).error).toBe('module xlog cannot start: log_colors: "cx" is not level=colours (as in L_ERR=cr)');
  });
});
