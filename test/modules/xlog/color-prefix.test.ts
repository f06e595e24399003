// xlog's $C(xy) colours and prefix_mode. The escapes were read from Kamailio
// 5.6.3 (test/differential/xlog/96-xlog-colors-prefix.cfg compares them
// live, with log_stderror set); without log_stderror Kamailio gives an empty
// $C unless force_color is set, which was checked by writing $C to a file.

import { builtinModules } from '../../../modules/index.js';
import { colourEscape } from '../../../modules/xlog/color.js';
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
