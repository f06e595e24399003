// Regenerates catalogue.json: for every module of the dialect's ecosystem, the
// names of its script functions and parameters, read from the tables of
// contents of the module READMEs that Debian's kamailio packages install
// (/usr/share/doc/kamailio/modules, some gzipped, some not), joined with the
// functions an installed Kamailio says its modules export (probe-kamailio.mjs;
// it finds aliases and undocumented exports). siprc uses the names only to
// tell "this module is not available yet" from "no such module/command".
//
//   node compiler/known-modules/generate.mjs [docdir]
import { execFileSync } from 'node:child_process';
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

function readme(file) {
  const bytes = readFileSync(`${dir}/${file}`);
  return (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** Module -> exported function names, from the installed Kamailio (empty when it is not installed). */
function probed() {
  try {
    const script = fileURLToPath(new URL('./probe-kamailio.mjs', import.meta.url));
    return JSON.parse(execFileSync('node', [script], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] }));
  } catch (e) {
    console.error(`not probing Kamailio (${e.message.split('\n')[0]}); README names only`);
    return {};
  }
}

const exported = probed();
const catalogue = {};
for (const file of readdirSync(dir).filter((f) => /^README\.[^.]+(\.gz)?$/.test(f)).sort()) {
  const module = file.slice('README.'.length).replace(/\.gz$/, '');
  const entry = { functions: new Set(exported[module] ?? []), params: new Set(), pseudoVariables: new Set() };
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
  catalogue[module] = Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, [...v].sort()]));
}
for (const [module, functions] of Object.entries(exported)) {
  catalogue[module] ??= { functions, params: [], pseudoVariables: [] };
}
const sorted = Object.fromEntries(Object.entries(catalogue).sort(([a], [b]) => a.localeCompare(b)));
const out = fileURLToPath(new URL('./catalogue.json', import.meta.url));
writeFileSync(out, JSON.stringify(sorted) + '\n');
console.log(`${Object.keys(sorted).length} modules written to ${out}`);
