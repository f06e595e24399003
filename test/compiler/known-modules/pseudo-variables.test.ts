// The catalogue's pseudo-variable classes agree with siprc's own modules: a
// class a provided module declares has, in the catalogue, the same rule for
// its `(name)` part (`$cnt` needs one: `$cnt($avp(x))`, never bare `$cnt`).
// Names and their modules are Kamailio 5.6's: what `kamailio -c` 5.6.3
// refuses is refused, where it comes from another module that module is named.

import { KNOWN_PV_CLASSES } from '../../../compiler/known-modules/pseudo-variables.js';
import { builtinModules } from '../../../modules/index.js';
import { codesOf } from '../../helpers.js';

const pairs = builtinModules.flatMap((m) =>
  (m.pseudoVariables ?? []).flatMap((pv) => {
    const known = KNOWN_PV_CLASSES[m.name]?.find((k) => k.name === pv.name);
    return known ? [[m.name, pv.name, pv.inner, known.inner] as const] : [];
  }),
);

describe('pseudo-variable classes of provided modules', () => {
  it('include $cnt, which needs an inner name', () => {
    expect(pairs.filter(([, name]) => name === 'cnt').map(([, , declared, known]) => [declared, known])).toEqual([['required', 'required']]);
  });

  it.each(pairs)('%s $%s: declared %s, catalogue %s', (_module, _name, declared, known) => {
    expect(known).toBe(declared);
  });
});

describe('names as Kamailio 5.6 knows them', () => {
  const script = (use: string): string => `loadmodule "pv.so"\nrequest_route {\n  $var(a) = ${use};\n}\n`;
  it.each([
    ['$bru', 'E0702@3:14'],
    ['$bRU', 'E0702@3:14'],
    ['$fti', 'E0702@3:14'],
    ['$mx', 'E0702@3:14'],
    ['$sP', 'E0702@3:14'],
    ['$tti', 'E0702@3:14'],
    ['$Tfn', 'E0702@3:14'],
    ['$Tsm', 'E0702@3:14'],
    ['$pos(x)', 'E0702@3:14'],
    ['$vf(x)', 'E0702@3:14'],
    ['$ltt(x)', 'E0702@3:14'],
    ['$(var(x){val.n})', 'E0702@3:21'],
    ['$(ru{msrp.user})', 'E0702@3:17'],
    ['$(ru{s.crc32})', 'E0705@3:17'],
    ['$(ru{s.rmhws})', 'E0705@3:17'],
    ['$(ru{json.parse,a})', 'E0705@3:17'],
  ])('refuses %s with only pv loaded', (use, expected) => {
    expect(codesOf(script(use), { modules: builtinModules })).toEqual([expected]);
  });

  it.each(['$Tb', '$fUl', '$rmid', '$conid', '$(ru{s.fmtlines,1,1})', '$(ru{urialias.encode})'])('accepts %s', (use) => {
    expect(codesOf(script(use), { modules: builtinModules })).toEqual([]);
  });

  it('names the module a class or transformation of 5.6 comes from', () => {
    expect(codesOf('loadmodule "pv.so"\nloadmodule "sl.so"\nrequest_route {\n  $var(a) = $ltt(x);\n}\n', { modules: builtinModules })).toEqual([]);
    expect(codesOf('loadmodule "pv.so"\nloadmodule "json.so"\nrequest_route {\n  $var(a) = $(ru{json.parse,a});\n}\n', { modules: builtinModules })).toEqual(['E0502@2:12']);
    expect(codesOf('loadmodule "pv.so"\nloadmodule "dispatcher.so"\nrequest_route {\n  $var(a) = $dsv;\n}\n', { modules: builtinModules })).toEqual(['E0502@2:12', 'E0701@4:13']);
  });
});
