// Every bundled example is a valid script: no error and no warning.

import { readdirSync } from 'node:fs';
import { compileFile } from '../cli/compile.js';

const examples = readdirSync('examples').filter((f) => f.endsWith('.cfg'));

describe('examples', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s passes siprc check', (file) => {
    const checked = compileFile(`examples/${file}`, []);
    expect(checked.diagnostics.map((d) => `${d.code} ${checked.parse.sources.describe(d.span)} ${d.message}`)).toEqual([]);
  });
});
