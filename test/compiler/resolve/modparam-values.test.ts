// modparamx: the module name, parameter name and value are read at start-up,
// as Kamailio 5.6.3 reads them (each case below was tried with its
// `kamailio -c`): a quoted string with pseudo-variables is formatted and stays
// a string, an unquoted pseudo-variable gives its own value, a number or a
// string, and a pseudo-variable with no value is an error. The values reach
// the module when the script runs.

import { builtinModules } from '../../../modules/index.js';
import { diagnosticsOf } from '../../helpers.js';
import { runScript, sipMessage } from '../../modules/run-script.js';

const HEAD = '#!define FR 31000\n#!define M xlog\nloadmodule "pv.so"\nloadmodule "tm.so"\nloadmodule "xlog.so"\n';

const found = (line: string): string[] =>
  diagnosticsOf(`${HEAD}${line}\nrequest_route { exit; }\n`, { modules: builtinModules }).map((d) => `${d.code}@${d.at} ${d.message}`);

describe('modparamx at check', () => {
  it.each([
    'modparamx("tm", "fr_timer", $defn(FR))',
    'modparamx("tm", "fr_timer", 31000)',
    'modparamx("$def(M)", "prefix", "[$def(M)] ")',
  ])('accepts %s', (line) => {
    expect(found(line)).toEqual([]);
  });

  it('names the parameter as its pseudo-variables made it', () => {
    expect(found('modparamx("xlog", "pre$def(NOPE)fix", "x")')).toEqual(['E0504@6:19 module `xlog` has no parameter `pre<null>fix`']);
    expect(found('modparamx("$def(NOPE)", "prefix", "x")')).toEqual(['E0503@6:11 no loaded module matches `<null>`']);
  });

  it('takes a quoted value with pseudo-variables as a string, also for a number parameter', () => {
    expect(found('modparamx("tm", "fr_timer", "$def(FR)")')).toEqual([
      'E0505@6:29 parameter `fr_timer` of module `tm` takes a number, not a string (modparamx makes a quoted value a string; an unquoted pseudo-variable such as $defn(NAME) gives a number)',
    ]);
    expect(found('modparamx("xlog", "prefix", $defn(FR))')).toEqual(['E0505@6:29 parameter `prefix` of module `xlog` takes a string, not a number']);
  });

  it('refuses a pseudo-variable with no value, an unknown one, and one of a module loaded after it', () => {
    expect(found('modparamx("tm", "fr_timer", $env(SIPRC_TEST_NOT_SET))')).toEqual(['E0505@6:29 `$env(SIPRC_TEST_NOT_SET)` has no value at start-up, so modparamx has nothing to set']);
    expect(found('modparamx("xlog", "prefix", "$nope(x)")')).toEqual(['E0702@6:31 unknown pseudo-variable `$nope`']);
    expect(found('modparamx("xlog", "prefix", "$ltt(x)")\nloadmodule "sl.so"')).toEqual(['E0702@6:31 `$ltt` comes from module `sl`, which is not loaded (add loadmodule "sl.so")']);
  });

  it('reads an unquoted pseudo-variable only in modparamx', () => {
    expect(found('modparam("tm", "fr_timer", $defn(FR))')).toEqual(['E0505@6:28 the modparam value must be a string or a number constant']);
  });
});

describe('modparamx when the script runs', () => {
  const OPTIONS = sipMessage(['OPTIONS sip:a@127.0.0.1 SIP/2.0', 'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1', 'From: <sip:b@127.0.0.1>;tag=1', 'To: <sip:a@127.0.0.1>', 'Call-ID: x1', 'CSeq: 1 OPTIONS', 'Content-Length: 0']);

  it('sets the parameter to the value read at start-up, on the faked request', () => {
    const run = runScript(`${HEAD}modparamx("$def(M)", "prefix", "[$def(M) $rU $var(x)] ")\nrequest_route {\n xlog("L_ERR", "hello $rU\\n");\n}\n`, OPTIONS);
    expect(run.stderr).toBe('');
    expect(run.logs).toEqual(['[xlog you 0] hello a']);
  });
});
