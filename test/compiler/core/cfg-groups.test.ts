// Which configuration groups cfg_select and cfg_reset may name: the core's,
// the script's own, and those of the loaded modules that declare one (as
// Kamailio 5.6 starts with them, or refuses to).

import { isCfgGroup } from '../../../compiler/core/cfg-groups.js';

describe('configuration groups', () => {
  it('core is always one, a script group once the script declares it', () => {
    expect(isCfgGroup('core', new Set(), [])).toBe(true);
    expect(isCfgGroup('my', new Set(['my']), [])).toBe(true);
    expect(isCfgGroup('my', new Set(), [])).toBe(false);
  });

  it('a module\'s group only while that module is loaded, and only for modules that declare one', () => {
    expect(isCfgGroup('tm', new Set(), ['tm'])).toBe(true);
    expect(isCfgGroup('tm', new Set(), ['sl'])).toBe(false);
    expect(isCfgGroup('sl', new Set(), ['sl'])).toBe(false);
  });

  it('any name while a module is loaded whose group siprc cannot name', () => {
    expect(isCfgGroup('dbg', new Set(), ['debugger'])).toBe(true);
  });
});
