// Asks an installed Kamailio which script functions each of its modules
// exports, and with how many arguments, including those a README does not
// document (aliases such as sl_reply, IMS helpers). The candidates are the
// identifiers stored in the module's shared object: every tail of each
// NUL-terminated string that is an identifier, since a linker stores a string
// that ends another only once (`setxflag` inside `resetxflag`,
// `rand_set_prob` inside `cfgutils.rand_set_prob`). For each module it writes scripts calling every candidate
// with 0 to 6 arguments and reads `kamailio -c`'s "failed to find command NAME
// (params N)" errors, which Kamailio reports while parsing, before any
// argument is fixed up: a name found with N arguments, and not found without
// the module, is an exported function taking N. Functions that no route type
// may call (internal API binders like bind_sl) are left out.
//
//   node compiler/known-modules/probe-kamailio.mjs [moduledir [module...]] > probed.json
//
// Prints {"module": {"function": [arities...]}}; a function found with all of
// 0 to 6 arguments takes any number. Naming modules probes only those (all of
// them take minutes), to compare a few with catalogue.json.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const moduleDir = process.argv[2] ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules';
const ROUTES = ['request_route', 'failure_route[f]', 'onreply_route[r]', 'branch_route[b]', 'onsend_route', 'reply_route', 'event_route[core:worker-one-init]'];
const ARITIES = [0, 1, 2, 3, 4, 5, 6];
const CHUNK = 200; // names per script
const SENTINEL = 'zz_probe_sentinel';
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{1,60}$/;
const work = mkdtempSync(join(tmpdir(), 'siprc-probe-'));
let runs = 0;

/** Runs `kamailio -c` on a script and returns what it printed. */
function check(lines) {
  const file = join(work, `p${runs++}.cfg`);
  writeFileSync(file, lines.join('\n') + '\n');
  return new Promise((resolve) => {
    const child = spawn('kamailio', ['-L', moduleDir, '-c', '-f', file]);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', () => resolve(out));
  });
}

/** A script calling each name with 0 to 6 arguments (`module` undefined: the core alone). */
function callScript(module, names, route = 'request_route') {
  const lines = [module ? `loadmodule "${module}.so"` : '', `${route} {`];
  for (const name of names) for (const n of ARITIES) lines.push(`  ${name}(${Array(n).fill('"1"').join(',')});`);
  lines.push(`  ${SENTINEL}();`, '}');
  return lines;
}

/** The argument counts Kamailio found `name` with (the parse got to the sentinel). */
function foundArities(out, name) {
  const missing = new Set([...out.matchAll(new RegExp(`failed to find command ${name} \\(params (\\d)\\)`, 'g'))].map((m) => Number(m[1])));
  return ARITIES.filter((n) => !missing.has(n));
}

/** Identifiers stored in a shared object: the tails of each NUL-terminated string that are identifiers. */
function candidates(module) {
  const names = new Set();
  for (const string of readFileSync(join(moduleDir, `${module}.so`)).toString('latin1').split('\0')) {
    const text = /[A-Za-z0-9_]*$/.exec(string)[0];
    for (let i = 0; i < text.length - 1; i++) {
      const tail = text.slice(i);
      if (IDENTIFIER.test(tail)) names.add(tail);
    }
  }
  return [...names];
}

async function probe(module) {
  const names = candidates(module);
  const maybe = [];
  for (let i = 0; i < names.length; i += CHUNK) {
    const chunk = names.slice(i, i + CHUNK);
    const out = await check(callScript(module, chunk));
    if (out.includes(`failed to find command ${SENTINEL}`)) {
      maybe.push(...chunk.filter((c) => foundArities(out, c).length > 0));
    } else if (i === 0 && !(await check(callScript(module, []))).includes(`failed to find command ${SENTINEL}`)) {
      return undefined; // the module does not load
    } else {
      maybe.push(...chunk); // a core keyword in the chunk broke the parse: each is tried alone below
    }
  }
  const functions = {};
  for (const name of maybe.sort()) {
    const out = await check(callScript(module, [name]));
    const arities = foundArities(out, name);
    if (!out.includes(`failed to find command ${SENTINEL}`) || arities.length === 0) continue;
    if (foundArities(await check(callScript(undefined, [name])), name).length > 0) continue; // a core function, not the module's
    if (out.includes(`misused command ${name}`) && !(await callableSomewhere(module, name))) continue;
    functions[name] = arities;
  }
  return functions;
}

async function callableSomewhere(module, name) {
  for (const route of ROUTES.slice(1)) {
    const out = await check(callScript(module, [name], route));
    if (!out.includes(`misused command ${name}`)) return true;
  }
  return false;
}

const named = process.argv.slice(3);
const modules = readdirSync(moduleDir).filter((f) => f.endsWith('.so')).map((f) => f.slice(0, -3)).filter((m) => named.length === 0 || named.includes(m)).sort();
const result = {};
const queue = [...modules];
await Promise.all(
  Array.from({ length: 4 }, async () => {
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const functions = await probe(m);
      if (functions) result[m] = functions;
      else process.stderr.write(`${m}: did not load, skipped\n`);
    }
  }),
);
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)))));
