// Every bundled example (examples/ and its folders) is a valid script: no
// error and no warning, with the modules it loads from files.

import { readdirSync } from 'node:fs';
import { compileFileWithModules } from '../cli/compile.js';

const examples = readdirSync('examples', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.cfg'));

describe('examples', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  it.each(examples)('%s passes siprc check', async (file) => {
    const checked = await compileFileWithModules(`examples/${file}`, []);
    expect(checked.diagnostics.map((d) => `${d.code} ${checked.parse.sources.describe(d.span)} ${d.message}`)).toEqual([]);
  });
});
