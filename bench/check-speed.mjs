// Benchmark: wall time of `siprc check` on Debian's stock kamailio.cfg against
// the wall time of `node -e 0` (a Node.js process that does nothing), measured
// alternately in the same run because shared machines drift. Target: within 2x.
//
//   npm run bench [-- --runs 40] [-- --script path/to.cfg]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const runs = Number(option('--runs', '30'));
const script = option('--script', existsSync('/etc/kamailio/kamailio.cfg') ? '/etc/kamailio/kamailio.cfg' : 'examples/stateless-proxy.cfg');

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  [`siprc check ${script}`]: [process.execPath, ['bin/siprc.cjs', 'check', script]],
};

function once([file, argv]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { stdio: 'ignore' });
  if (result.error) throw result.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const c of Object.values(commands)) once(c); // warm the page and code caches
for (let i = 0; i < runs; i++) for (const [name, c] of Object.entries(commands)) times[name].push(once(c));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const [baseline, check] = Object.keys(commands);
for (const name of Object.keys(commands)) {
  console.log(`${name.padEnd(48)} median ${median(times[name]).toFixed(1)} ms   mean ${mean(times[name]).toFixed(1)} ms   (${runs} runs)`);
}
const ratio = median(times[check]) / median(times[baseline]);
console.log(`ratio (median): ${ratio.toFixed(2)}x the wall time of node -e 0 (target: within 2x) -> ${ratio <= 2 ? 'within target' : 'OVER TARGET'}`);
