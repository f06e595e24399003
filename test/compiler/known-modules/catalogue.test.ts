// The known-module catalogue, as generated from Debian's kamailio 5.6
// packages: functions with the argument counts the installed Kamailio accepts
// (aliases and undocumented exports included, C API names and stale README
// names left out), and modules whose README ships uncompressed.

import { knownModules } from '../../../compiler/known-modules/index.js';
import { codesOf } from '../../helpers.js';

describe('functions, as the installed Kamailio exports them', () => {
  it.each([
    ['sl', 'sl_reply', [2]],
    ['ims_registrar_pcscf', 'pcscf_assert_identity', [2]],
    ['ims_registrar_pcscf', 'pcscf_unregister', [4]],
    ['ims_registrar_pcscf', 'reginfo_handle_notify', [1]],
    ['pua_reginfo', 'reginfo_handle_notify', [1]],
    ['ims_auth', 'ims_www_resync_auth', [2]],
    ['cnxcc', 'cnxcc_set_max_channels', [2]],
    ['corex', 'setxflag', [1]],
    ['cfgutils', 'rand_set_prob', [1]],
    ['tm', 't_relay', [0, 2]],
    ['textops', 'replace', [2]],
  ])('%s exports %s taking %j arguments', (module, fn, counts) => {
    expect(knownModules().get(module)?.arities.get(fn)).toEqual(counts);
  });

  it.each([
    ['cdp', 'AAACreateRequest'],
    ['cdp', 'int'],
    ['usrloc', 'ul_bind_ursloc'],
    ['cnxcc', 'cnxcc_set_max_channel'],
    ['benchmark', 'bm_start'],
    ['sl', 'bind_sl'],
  ])('%s does not export %s to scripts', (module, fn) => {
    expect(knownModules().get(module)?.functions.has(fn)).toBe(false);
  });
});

describe('modules whose README is not gzipped', () => {
  it.each([
    ['statistics', 'params', 'variable'],
    ['statsc', 'params', 'interval'],
    ['evrexec', 'params', 'exec'],
    ['xmlops', 'params', 'xml_ns'],
    ['prefix_route', 'functions', 'prefix_route'],
    ['json', 'functions', 'json_get_field'],
    ['sipjson', 'functions', 'sj_serialize'],
    ['log_custom', 'functions', 'log_udp'],
  ])('%s has %s %s', (module, kind, name) => {
    const known = knownModules().get(module)!;
    expect(kind === 'params' ? known.params : known.functions).toContain(name);
  });
});

describe('checking calls to modules siprc does not provide', () => {
  const script = (module: string, call: string): string => `loadmodule "${module}.so"\nrequest_route {\n  ${call};\n}\n`;
  it.each([
    ['ims_registrar_pcscf', 'pcscf_unregister("a", "b", "c", "d")', ['E0502@1:12']],
    ['ims_registrar_pcscf', 'pcscf_unregister("a", "b", "c")', ['E0502@1:12', 'E0602@3:3']],
    ['ims_auth', 'ims_www_resync_auth("$var(a)", "x")', ['E0502@1:12']],
    ['pua_reginfo', 'reginfo_handle_notify("x")', ['E0502@1:12']],
    ['sl', 'sl_reply("404", "Not here")', []],
    ['sl', 'sl_reply("404")', ['E0602@3:3']],
  ])('%s: %s', (module, call, expected) => {
    expect(codesOf(script(module, call))).toEqual(expected);
  });
});
