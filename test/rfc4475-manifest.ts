// The RFC 4475 torture messages kept in test/fixtures/rfc4475 and their
// manifest (MANIFEST.tsv): one row per .dat file with its RFC section, class
// (valid, invalid, semantic) and what a proxy or registrar must do with it.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding the messages and MANIFEST.tsv. */
export const RFC4475_CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), 'fixtures/rfc4475');

export interface ManifestRow {
  readonly file: string;
  readonly section: string;
  readonly kind: string;
  readonly what: string;
}

/** The manifest's rows, in its order. */
export function rfc4475Manifest(): ManifestRow[] {
  return readFileSync(join(RFC4475_CORPUS, 'MANIFEST.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [file, section, kind, what] = line.split('\t') as [string, string, string, string];
      return { file, section, kind, what };
    });
}
