// Regenerates catalogue.json: for every module of the dialect's ecosystem, the
// names of its script functions and parameters, read from the tables of
// contents of the module READMEs that Debian's kamailio packages install
// (/usr/share/doc/kamailio/modules). siprc uses the names only to tell "this
// module is not available yet" from "no such module/command".
//
//   node compiler/known-modules/generate.mjs [docdir]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2] ?? '/usr/share/doc/kamailio/modules';
const SECTIONS = {
  params: /^(module |exported )?parameters$/i,
  functions: /^(exported |available )?functions$/i,
  pseudoVariables: /^(exported )?pseudo[- ]?variables$|^exported variables$/i,
};

function toc(text) {
  const start = text.indexOf('Table of Contents');
  const ends = ['Chapter 1.', 'List of Examples', 'List of Tables'].map((m) => text.indexOf(m, start)).filter((i) => i > 0);
  return text.slice(start, ends.length ? Math.min(...ends) : undefined).split('\n');
}

const catalogue = {};
for (const file of readdirSync(dir).filter((f) => /^README\..+\.gz$/.test(f)).sort()) {
  const module = file.slice('README.'.length, -'.gz'.length);
  const entry = { functions: new Set(), params: new Set(), pseudoVariables: new Set() };
  let section;
  for (const line of toc(gunzipSync(readFileSync(`${dir}/${file}`)).toString('utf8'))) {
    const top = /^\s+\d+\.\s+(.+?)\s*$/.exec(line);
    if (top) {
      section = Object.keys(SECTIONS).find((k) => SECTIONS[k].test(top[1]));
      continue;
    }
    const sub = /^\s+\d+\.\d+\.\s+\$?\(?([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (sub && section) entry[section].add(sub[1]);
  }
  catalogue[module] = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, [...v].sort()]));
}
const out = fileURLToPath(new URL('./catalogue.json', import.meta.url));
writeFileSync(out, JSON.stringify(catalogue) + '\n');
console.log(`${Object.keys(catalogue).length} modules written to ${out}`);
