// Asks an installed Kamailio which script functions each of its modules
// exports, including those its README does not document (aliases such as
// sl_reply, IMS helpers). For every module it writes a script calling each
// identifier found in the shared object with 0 to 6 arguments and reads
// `kamailio -c`'s "failed to find command NAME (params N)" errors: a name that
// is found with some number of arguments, and is not found without the
// module, is an exported function. Functions
// that no route type may call (internal API binders like bind_sl) are left out.
//
//   node compiler/known-modules/probe-kamailio.mjs [moduledir] > probed.json
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const moduleDir = process.argv[2] ?? '/usr/lib/x86_64-linux-gnu/kamailio/modules';
const ROUTES = ['request_route', 'failure_route[f]', 'onreply_route[r]', 'branch_route[b]', 'onsend_route', 'reply_route', 'event_route[core:worker-one-init]'];
const SENTINEL = 'zz_probe_sentinel';
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
  for (const name of names) for (let n = 0; n <= 6; n++) lines.push(`  ${name}(${Array(n).fill('"1"').join(',')});`);
  lines.push(`  ${SENTINEL}();`, '}');
  return lines;
}

/** How many of the 7 arities Kamailio could not find for `name`. */
function missing(out, name) {
  return new Set([...out.matchAll(new RegExp(`failed to find command ${name} \\(params (\\d)\\)`, 'g'))].map((m) => m[1])).size;
}

async function probe(module) {
  const strings = execFileSync('strings', [join(moduleDir, `${module}.so`)]).toString().split('\n');
  const candidates = [...new Set(strings.filter((s) => /^[A-Za-z_][A-Za-z0-9_]{1,60}$/.test(s)))];
  const maybe = [];
  for (let i = 0; i < candidates.length; i += 40) {
    const chunk = candidates.slice(i, i + 40);
    const out = await check(callScript(module, chunk));
    if (out.includes(`failed to find command ${SENTINEL}`)) {
      maybe.push(...chunk.filter((c) => missing(out, c) < 7));
    } else if (i === 0 && !(await check(callScript(module, []))).includes(`failed to find command ${SENTINEL}`)) {
      return undefined; // the module does not load
    } else {
      maybe.push(...chunk); // a core keyword in the chunk broke the parse: each is tried alone below
    }
  }
  const functions = [];
  for (const name of maybe) {
    const out = await check(callScript(module, [name]));
    if (!out.includes(`failed to find command ${SENTINEL}`) || missing(out, name) === 7) continue;
    if (missing(await check(callScript(undefined, [name])), name) < 7) continue; // a core function, not the module's
    if (out.includes(`misused command ${name}`) && !(await callableSomewhere(module, name))) continue;
    functions.push(name);
  }
  return functions.sort();
}

async function callableSomewhere(module, name) {
  for (const route of ROUTES.slice(1)) {
    const out = await check(callScript(module, [name], route));
    if (!out.includes(`misused command ${name}`)) return true;
  }
  return false;
}

const modules = readdirSync(moduleDir).filter((f) => f.endsWith('.so')).map((f) => f.slice(0, -3)).sort();
const result = {};
const queue = [...modules];
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      const functions = await probe(m);
      if (functions) result[m] = functions;
      else process.stderr.write(`${m}: did not load, skipped\n`);
    }
  }),
);
rmSync(work, { recursive: true, force: true });
console.log(JSON.stringify(Object.fromEntries(Object.entries(result).sort()), null, 0));
