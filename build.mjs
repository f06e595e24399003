// Bundles the command line into one file, dist/siprc.cjs, which
// bin/siprc.cjs runs with V8's code cache. One pre-resolved, cached script is
// what lets `siprc check` start fast: Chevrotain alone spans hundreds of ES
// modules when loaded unbundled. A first run warms the cache: it checks a
// small script that goes through the checker's common paths (modules siprc
// provides and modules it only knows, modparams, pseudo-variables,
// transformations, keyword tests, every route type), so that the functions
// those paths need are compiled into the cache.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const WARM_UP = `#!define WITH_X
#!ifdef WITH_X
#!define DBURL "sqlite:///tmp/x.db"
#!endif
debug=2
children=2
listen=udp:127.0.0.1:5060
alias="example.test"
loadmodule "maxfwd.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "textops.so"
modparam("maxfwd", "max_limit", 70)
modparam("tm", "fr_timer", 30000)
modparam("usrloc|registrar", "db_url", DBURL)
request_route {
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (is_method("INVITE") && uri == myself && src_ip != 10.0.0.0/8) { route(RELAY); }
	$var(x) = $(hdr(Via)[0]{s.len}) + 1;
	switch ($rU) { case "1": break; default: xlog("L_INFO", "$ru $si\\n"); }
	while ($var(x) < 3) { $var(x) = $var(x) + 1; }
	t_on_failure("FAIL");
}
route[RELAY] { if (!t_relay()) { sl_reply_error(); } exit; }
failure_route[FAIL] { if (t_is_canceled()) exit; }
onreply_route { if (status =~ "^1") drop; }
branch_route[B] { drop; }
event_route[tm:local-request] { drop; }
`;

/** Packages left outside the bundles (package.json's bundleExternal, shared with bench/run.mjs). */
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['cli/siprc.ts'],
  outfile: 'dist/siprc.cjs',
  bundle: true,
  // A native addon: required from node_modules at run time, when a sqlite:// db_url is first used.
  // The server clients likewise, when a mysql://, postgres:// or redis:// db_url is: bundled, they
  // more than doubled the file every `siprc check` reads at start (1 MB to 2.3 MB, ~5 ms a start).
  // node-unix-socket (syslog's datagram socket, a native addon) and prom-client (`siprc run --metrics`)
  // likewise load only when a server logs to syslog or serves metrics.
  external: pkg.bundleExternal,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
// The module API as one ES module, for the modules users write:
// `import { defineModule, command } from 'siprc/api'` (package.json "exports").
await build({
  entryPoints: ['modules/api.ts'],
  outfile: 'dist/api.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
const warmDir = mkdtempSync(join(tmpdir(), 'siprc-build-'));
writeFileSync(join(warmDir, 'warm-up.cfg'), WARM_UP);
// The script loads modules siprc does not provide, so the check reports errors: only its run matters.
spawnSync(process.execPath, ['bin/siprc.cjs', 'check', join(warmDir, 'warm-up.cfg')], { stdio: 'ignore' });
rmSync(warmDir, { recursive: true, force: true });
