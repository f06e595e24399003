// The xlog module: levels (names, numbers, pseudo-variables; unknown names
// refused at the argument), facilities, the prefix, buf_size, xlogl's line,
// methods_filter, and a line above the debug level never formatted. The
// levels and the line number were checked against Kamailio 5.6 (see also
// test/differential/xlog).

import { link } from '../../../compiler/link.js';
import { lowerScript } from '../../../compiler/lower.js';
import { defineModule } from '../../../modules/api.js';
import { builtinModules } from '../../../modules/index.js';
import { ExecContext } from '../../../runtime/exec/context.js';
import { execute } from '../../../runtime/exec/run.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { checkText, codesOf } from '../../helpers.js';
import { runScript, sipMessage } from '../run-script.js';

const OPTIONS = sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: x1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

const logs = (script: string): string[] => {
  const run = runScript(`loadmodule "pv.so"\nloadmodule "xlog.so"\n${script}`, OPTIONS);
  expect(run.stderr).toBe('');
  return run.logs;
};

describe('xlog', () => {
  it('writes lines within the debug level, at the level given by name, number or variable', () => {
    expect(logs('debug=1\nrequest_route {\n xlog("a\\n"); xlog("L_NOTICE", "b\\n"); xlog("L_INFO", "hidden\\n"); $var(l) = 0; xlog("$var(l)", "c $rm\\n"); xnotice("d\\n"); xinfo("hidden\\n");\n drop;\n}\n')).toEqual(['a', 'b', 'c OPTIONS', 'd']);
  });

  it('refuses an unknown level or facility at the argument', () => {
    const modules = builtinModules;
    expect(codesOf('loadmodule "xlog.so"\nrequest_route {\n xlog("L_XYZ", "x");\n xlog("LOG_NOPE", "L_ERR", "y");\n}\n', { modules })).toEqual(['E0607@3:7', 'E0607@4:7']);
  });

  it('prefixes the script line for xlogl, the prefix param, and cuts at buf_size', () => {
    expect(logs('debug=2\nmodparam("xlog", "prefix", "P> ")\nmodparam("xlog", "buf_size", 12)\nrequest_route {\n xlogl("L_ALERT", "abc\\n");\n xlog("L_ALERT", "0123456789abcdef\\n");\n drop;\n}\n')).toEqual(['P> 7:abc', 'P> 01234567']);
  });

  it('skips the methods in methods_filter for xlogm (OPTIONS is 512)', () => {
    expect(logs('debug=2\nmodparam("xlog", "methods_filter", 512)\nrequest_route {\n xlogm("L_ALERT", "filtered\\n");\n xlog("L_ALERT", "kept\\n");\n drop;\n}\n')).toEqual(['kept']);
    expect(logs('debug=2\nmodparam("xlog", "methods_filter", 1)\nrequest_route {\n xlogm("L_ALERT", "logged\\n");\n drop;\n}\n')).toEqual(['logged']);
  });

  it('does not format a line above the debug level', () => {
    let reads = 0;
    const probe = defineModule({ name: 'probe', pseudoVariables: [{ name: 'probe', inner: 'none', writable: false, compile: () => ({ get: () => ++reads }) }] });
    const checked = checkText('loadmodule "xlog.so"\nloadmodule "probe"\nrequest_route {\n xdbg("$probe\\n");\n xerr("$probe\\n");\n}\n', { modules: [...builtinModules, probe] });
    expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const linked = link(checked);
    if ('error' in linked) throw new Error(linked.error);
    const ctx = new ExecContext(SipMessage.parse(Buffer.from(OPTIONS)) as SipMessage, { address: '127.0.0.1', port: 5070 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [] });
    execute(lowerScript(checked), 0, ctx, linked.commands);
    expect(reads).toBe(1);
    expect(ctx.logs.map((l) => l.text)).toEqual(['<script>: 1\n']);
  });
});
