// docs/diagnostics.md lists every diagnostic code, with the catalogue's title.

import { readFileSync } from 'node:fs';
import { DIAGNOSTIC_CODES } from '../grammar/diagnostics.js';

describe('docs/diagnostics.md', () => {
  const doc = readFileSync('docs/diagnostics.md', 'utf8');
  it.each(Object.entries(DIAGNOSTIC_CODES))('lists %s', (code, info) => {
    expect(doc).toContain(`| ${code} | ${info.severity} | ${info.title} |`);
  });
});
