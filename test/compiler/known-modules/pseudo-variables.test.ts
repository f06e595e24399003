// The catalogue's pseudo-variable classes agree with siprc's own modules: a
// class a provided module declares has, in the catalogue, the same rule for
// its `(name)` part (`$cnt` needs one: `$cnt($avp(x))`, never bare `$cnt`).

import { KNOWN_PV_CLASSES } from '../../../compiler/known-modules/pseudo-variables.js';
import { builtinModules } from '../../../modules/index.js';

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
