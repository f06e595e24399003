// The modules siprc ships: every command declared has a handler (a command
// is declared only when it runs), and every parameter default is in range.

import { builtinModules } from '../../modules/index.js';

describe('built-in modules', () => {
  it.each(builtinModules.map((m) => [m.name, m] as const))('%s: every command runs', (_, m) => {
    expect(m.commands.length).toBeGreaterThan(0);
    for (const c of m.commands) expect(typeof c.run).toBe('function');
  });

  it.each(builtinModules.map((m) => [m.name, m] as const))('%s: parameter defaults fit their declarations', (_, m) => {
    for (const p of m.params) {
      if (p.default === undefined) continue;
      expect(typeof p.default).toBe(p.type === 'int' ? 'number' : 'string');
      if (typeof p.default === 'number') {
        if (p.min !== undefined) expect(p.default).toBeGreaterThanOrEqual(p.min);
        if (p.max !== undefined) expect(p.default).toBeLessThanOrEqual(p.max);
      }
    }
  });
});
