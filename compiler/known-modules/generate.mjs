// Regenerates catalogue.json: for every module of the dialect's ecosystem, its
// script functions, parameters and pseudo-variables. Parameters and
// pseudo-variables are read from the tables of contents of the module READMEs
// that Debian's kamailio packages install (/usr/share/doc/kamailio/modules,
// most gzipped, the small ones not). Functions, with the argument counts each
// takes, are what the installed Kamailio says its modules export
// (probe-kamailio.mjs): READMEs miss aliases and undocumented exports, and
// list C API functions and names 5.6 no longer exports. For a module whose
// documentation is installed but not its shared object, the README's function
// names are kept, with no argument counts. siprc uses the catalogue to tell
// "this module is not available yet" from "no such module/command", and to
// check the argument count of a call to such a module.
//
//   node compiler/known-modules/generate.mjs [docdir] [moduledir]
//
// Needs Debian's kamailio package (for both the READMEs and the probe); the
// output depends only on the installed files.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const docDir = process.argv[2] ?? '/usr/share/doc/kamailio/modules';
const moduleDir = process.argv[3] ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules';
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

function readme(file) {
  const bytes = readFileSync(`${docDir}/${file}`);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** The names a README's table of contents lists under each section. */
function documented(file) {
  const entry = { functions: new Set(), params: new Set(), pseudoVariables: new Set() };
  let section;
  for (const line of toc(readme(file))) {
    const top = /^\s+\d+\.\s+(.+?)\s*$/.exec(line);
    if (top) {
      section = Object.keys(SECTIONS).find((k) => SECTIONS[k].test(top[1]));
      continue;
    }
    const sub = /^\s+\d+\.\d+\.\s+\$?\(?([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (sub && section) entry[section].add(sub[1]);
  }
  return entry;
}

const sorted = (names) => [...names].sort();
const probe = fileURLToPath(new URL('./probe-kamailio.mjs', import.meta.url));
/** Module -> function -> argument counts, from the installed Kamailio. */
const exported = JSON.parse(execFileSync('node', [probe, moduleDir], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] }));

const catalogue = {};
for (const file of readdirSync(docDir).filter((f) => /^README\.[^.]+(\.gz)?$/.test(f))) {
  const module = file.slice('README.'.length).replace(/\.gz$/, '');
  const docs = documented(file);
  catalogue[module] = {
    functions: exported[module] ?? Object.fromEntries(sorted(docs.functions).map((name) => [name, null])),
    params: sorted(docs.params),
    pseudoVariables: sorted(docs.pseudoVariables),
  };
}
for (const [module, functions] of Object.entries(exported)) catalogue[module] ??= { functions, params: [], pseudoVariables: [] };

const out = fileURLToPath(new URL('./catalogue.json', import.meta.url));
writeFileSync(out, JSON.stringify(Object.fromEntries(Object.entries(catalogue).sort(([a], [b]) => a.localeCompare(b)))) + '\n');
console.log(`${Object.keys(catalogue).length} modules written to ${out}`);
