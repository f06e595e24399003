// Benchmark: `siprc run` beside Kamailio 5.6 serving the same script under the
// same SIPp scenarios, measured alternately (A B A B) in one run as
// ../shared/bench/README.md describes: for each scenario it prints failed
// calls, the proxy's CPU milliseconds per call and the ratio siprc/Kamailio
// (first target at most 1.5, goal at most 1.0). Then siprc's resident memory
// before and after two 10000-call runs (target: back within 20 MB).
//
//   node bench/serve-vs-kamailio.mjs [--rounds 2] [--calls 10000] [--only udp-500,...|none] [--no-memory] [--warm-up N]
//
// The method measures each proxy from its start, so siprc's figures include
// V8 compiling its hot code. --warm-up N first runs N calls of the same
// scenario through each proxy (both, alike) and measures after them: the
// steady state of a server that has been up for a while.
// Everything listens on 127.0.0.1. Needs kamailio and sipp (Debian packages
// kamailio and sip-tester) and a built siprc (`npm run build`).
// SIPRC_NODE_FLAGS="--flag ..." runs siprc's node with extra flags (for
// trying V8 settings: GC flags made no difference so far).
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { machineLine } from './machine.mjs';
import { portsFree } from './ports-free.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rounds = Number(option('--rounds', '2'));
const calls = Number(option('--calls', '10000'));
const only = option('--only', '')?.split(',').filter(Boolean) ?? [];
const warmUp = Number(option('--warm-up', '0'));
const KAMAILIO_MODULES = '/usr/lib/x86_64-linux-gnu/kamailio/modules';
const BENCH = resolve('bench/proxy-bench.cfg');
const scenarioFile = (name) => resolve('examples/sipp', name);
const work = mkdtempSync(join(tmpdir(), 'siprc-bench-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

for (const [command, flag] of [['kamailio', '-v'], ['sipp', '-v']]) {
  if (spawnSync(command, [flag]).error) {
    console.error(`${command} is not installed (apt-get install -y kamailio sip-tester)`);
    process.exit(2);
  }
}

/** The version a command prints of itself (`kamailio -v`, `sipp -v`), found by `pattern`. */
const versionOf = (command, pattern) => spawnSync(command, ['-v'], { encoding: 'utf8' }).stdout.match(pattern)?.[1] ?? 'unknown';
// Kamailio's CPU per call moves between hosts differently from siprc's: the line names both versions too.
console.log(machineLine(`Kamailio ${versionOf('kamailio', /version: kamailio (\S+)/)}`, `SIPp ${versionOf('sipp', /SIPp (v[0-9.]+)/)}`));

/** The scenarios: a script, the proxy's extra listen argument, SIPp's UAS side(s) and UAC. */
const SCENARIOS = [
  ...['udp', 'tcp'].flatMap((transport) =>
    [500, 1000].map((rate) => {
      const t = transport === 'tcp' ? ['-t', 'tn', '-max_socket', '4000'] : [];
      return {
        name: `${transport}-${rate}`,
        title: `proxy-bench.cfg, caller over ${transport.toUpperCase()}, ${rate} calls/s x ${calls}`,
        script: BENCH,
        transport,
        calls,
        // The script names its UAS without a transport: both proxies reach it over UDP.
        uas: [['-sn', 'uas', '-i', '127.0.0.1', '-p', '5090']],
        uac: ['-sn', 'uac', '127.0.0.1:5060', '-i', '127.0.0.1', '-p', '5070', ...t, '-r', String(rate), '-m', String(calls), '-l', '30000'],
      };
    }),
  ),
  // Every scenario places the same number of calls: a proxy's start (for
  // siprc, V8 compiling its hot code) then weighs alike on each figure.
  {
    name: 'cancel',
    title: `proxy-bench.cfg, CANCEL of a ringing call, 200 calls/s x ${calls}`,
    script: BENCH,
    transport: 'udp',
    calls,
    uas: [['-sf', scenarioFile('uas-ring-cancelled.xml'), '-i', '127.0.0.1', '-p', '5090']],
    uac: ['-sf', scenarioFile('uac-cancel.xml'), '127.0.0.1:5060', '-i', '127.0.0.1', '-p', '5070', '-r', '200', '-m', String(calls)],
  },
  {
    name: 'serial',
    title: `serial-forking.cfg, 503 then 200 from the backup, 200 calls/s x ${calls}`,
    script: resolve('examples/serial-forking.cfg'),
    transport: 'udp',
    calls,
    uas: [
      ['-sf', scenarioFile('uas-unavailable.xml'), '-i', '127.0.0.1', '-p', '5091'],
      ['-sn', 'uas', '-i', '127.0.0.1', '-p', '5092'],
    ],
    uac: ['-sn', 'uac', '127.0.0.1:5060', '-i', '127.0.0.1', '-p', '5070', '-r', '200', '-m', String(calls)],
  },
].filter((s) => only.length === 0 || only.includes(s.name));

// ---- processes -------------------------------------------------------------

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** utime + stime in milliseconds of a process and all its descendants (Kamailio forks its workers). */
function cpuMs(root) {
  const parent = new Map();
  const ticks = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while /proc was read.
    }
  }
  const inTree = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === root) return true;
    return false;
  };
  let total = 0;
  for (const [pid, t] of ticks) if (inTree(pid)) total += t;
  return (total * 1000) / 100; // USER_HZ is 100 on Linux
}

function rssMb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'latin1').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) / 1024;
}

/** Resolves once 127.0.0.1:5060 answers an OPTIONS with Max-Forwards 0 (both proxies reply 483) or accepts a TCP connection. */
async function waitServing(transport, child) {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with ${child.exitCode}`);
    if (await (transport === 'tcp' ? tcpOpen() : udpAnswers())) return;
    await sleep(100);
  }
  throw new Error('the proxy did not start serving within 10 s');
}

function udpAnswers() {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    const finish = (ok) => {
      clearTimeout(timer);
      socket.close();
      done(ok);
    };
    const timer = setTimeout(() => finish(false), 200);
    socket.on('message', () => finish(true));
    socket.on('error', () => finish(false));
    socket.bind(0, '127.0.0.1', () => {
      const port = socket.address().port;
      const probe = [
        'OPTIONS sip:probe@127.0.0.1:5060 SIP/2.0',
        `Via: SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-probe${Date.now()};rport`,
        'Max-Forwards: 0',
        'From: <sip:bench@127.0.0.1>;tag=probe',
        'To: <sip:probe@127.0.0.1>',
        `Call-ID: probe-${Date.now()}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(probe, 5060, '127.0.0.1');
    });
  });
}

function tcpOpen() {
  return new Promise((done) => {
    const socket = connect(5060, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });
}

const PROXIES = {
  siprc: (script, transport) => spawn(process.execPath, [...(process.env.SIPRC_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), 'bin/siprc.cjs', 'run', script, ...(transport === 'tcp' ? ['-l', 'tcp:127.0.0.1:5060'] : [])], { stdio: ['ignore', 'ignore', 'pipe'] }),
  kamailio: (script, transport) =>
    spawn('kamailio', ['-m', '1024', '-M', '16', '-f', script, '-L', KAMAILIO_MODULES, '-E', '-DD', '-Y', work, '-P', join(work, 'kamailio.pid'), ...(transport === 'tcp' ? ['-l', 'udp:127.0.0.1:5060', '-l', 'tcp:127.0.0.1:5060'] : [])], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
};

async function startProxy(kind, script, transport) {
  const child = PROXIES[kind](script, transport);
  let log = '';
  child.stderr.on('data', (c) => void (log = (log + c.toString()).slice(-20000)));
  child.log = () => log;
  await waitServing(transport, child);
  return child;
}

function stopProxy(child) {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    const kill = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => (clearTimeout(kill), done()));
    child.kill('SIGTERM');
  });
}

let sippRuns = 0;
/** Runs SIPp to completion; resolves with the last line of its statistics file. */
function sipp(argv) {
  const stf = join(work, `stats-${sippRuns++}.csv`);
  const child = spawn('sipp', [...argv, '-nostdin', '-trace_stat', '-stf', stf], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (c) => void (errors += c.toString()));
  return {
    child,
    done: new Promise((done) =>
      child.once('exit', (code) => {
        let stats = {};
        try {
          const lines = readFileSync(stf, 'latin1').trim().split('\n');
          const header = lines[0].split(';');
          const last = lines[lines.length - 1].split(';');
          if (lines.length > 1) stats = Object.fromEntries(header.map((n, i) => [n, Number(last[i])]));
        } catch {
          // No statistics file: SIPp could not start.
        }
        if (!('SuccessfulCall(C)' in stats)) console.error(`sipp ${argv.join(' ')}: no statistics (exit ${code}) ${errors.trim().slice(-400)}`);
        done({ code, stats });
      }),
    ),
  };
}

/** A SIPp command line with another number of calls (its -m). */
function withCalls(argv, n) {
  const i = argv.indexOf('-m');
  return [...argv.slice(0, i + 1), String(n), ...argv.slice(i + 2)];
}

/** One measured run of a scenario on a freshly started proxy (after --warm-up calls when asked). */
async function measure(kind, scenario) {
  if (scenario.transport === 'tcp') await portsFree();
  const proxy = await startProxy(kind, scenario.script, scenario.transport);
  const uas = scenario.uas.map((argv) => sipp([...argv, '-m', String(scenario.calls + warmUp)]));
  await sleep(300);
  if (warmUp > 0) await sipp(withCalls(scenario.uac, warmUp)).done;
  const before = cpuMs(proxy.pid);
  const uac = await sipp(scenario.uac).done;
  const cpu = cpuMs(proxy.pid) - before;
  for (const u of uas) u.child.kill('SIGTERM');
  await Promise.all(uas.map((u) => u.done));
  await stopProxy(proxy);
  const s = uac.stats;
  const successful = s['SuccessfulCall(C)'] ?? 0;
  // A call SIPp never completed (it failed, or SIPp stopped before placing it) counts as failed.
  return {
    successful,
    failed: scenario.calls - successful,
    retransmissions: s['Retransmissions(C)'] ?? 0,
    // Per call SIPp placed (all of them, unless it stopped early).
    cpuPerCall: cpu / Math.max(1, s['TotalCallCreated'] ?? scenario.calls),
  };
}

// ---- figures ---------------------------------------------------------------

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const summary = [];
for (const scenario of SCENARIOS) {
  const results = { siprc: [], kamailio: [] };
  for (let round = 0; round < rounds; round++) {
    for (const kind of ['siprc', 'kamailio']) results[kind].push(await measure(kind, scenario));
  }
  const line = { scenario: warmUp > 0 ? `${scenario.title}, after ${warmUp} warm-up calls` : scenario.title };
  for (const kind of ['siprc', 'kamailio']) {
    const rs = results[kind];
    line[kind] = {
      failed: rs.reduce((a, r) => a + r.failed, 0),
      calls: rs.length * scenario.calls,
      retransmissions: rs.reduce((a, r) => a + r.retransmissions, 0),
      cpu: mean(rs.map((r) => r.cpuPerCall)),
    };
  }
  line.ratio = line.siprc.cpu / line.kamailio.cpu;
  // Each round's own ratio (siprc's run against the Kamailio run after it): the spread beside the mean's.
  const perRound = results.siprc.map((r, i) => (r.cpuPerCall / results.kamailio[i].cpuPerCall).toFixed(2));
  summary.push(line);
  const cell = (f) => `failed ${f.failed}/${f.calls}, retrans ${f.retransmissions}, ${f.cpu.toFixed(3)} ms CPU/call`;
  console.log(`${line.scenario}\n  siprc:    ${cell(line.siprc)}\n  kamailio: ${cell(line.kamailio)}\n  ratio siprc/kamailio: ${line.ratio.toFixed(2)} (target <= 1.5, goal <= 1.0)${rounds > 1 ? `; by round: ${perRound.join(', ')}` : ''}`);
}

// ---- memory ----------------------------------------------------------------

/** RSS after a minute without traffic: V8 gives memory back some 10 to 30 s after a load ends. */
async function settledRss(pid) {
  await sleep(60_000);
  return rssMb(pid);
}

let memoryFailures = 0;
if (!args.includes('--no-memory')) {
  const proxy = await startProxy('siprc', BENCH, 'udp');
  const run = async (rate, n) => {
    const uas = sipp(['-sn', 'uas', '-i', '127.0.0.1', '-p', '5090', '-m', String(n)]);
    const uac = await sipp(['-sn', 'uac', '127.0.0.1:5060', '-i', '127.0.0.1', '-p', '5070', '-r', String(rate), '-m', String(n), '-l', '30000']).done;
    await uas.done;
    return uac.stats['FailedCall(C)'];
  };
  // A short warm-up first: the first calls fault in V8's optimizing compiler and the code it makes.
  await run(200, 1000);
  const before = await settledRss(proxy.pid);
  let failed = 0;
  for (const rate of [500, 1000]) failed += await run(rate, calls);
  const peak = rssMb(proxy.pid);
  const after = await settledRss(proxy.pid);
  await stopProxy(proxy);
  memoryFailures = failed;
  console.log(
    `siprc memory: RSS ${before.toFixed(1)} MB after warm-up, ${peak.toFixed(1)} MB at the end of 2 x ${calls} calls (${failed} failed), ` +
      `${after.toFixed(1)} MB a minute later: ${(after - before).toFixed(1)} MB above (target within 20 MB) -> ${after - before <= 20 ? 'within target' : 'OVER TARGET'}`,
  );
}

const failures = summary.reduce((a, l) => a + l.siprc.failed, 0) + memoryFailures;
if (summary.length > 0) {
  const worst = Math.max(...summary.map((l) => l.ratio));
  console.log(`\nworst CPU ratio siprc/kamailio: ${worst.toFixed(2)} (${worst <= 1 ? 'goal met' : worst <= 1.5 ? 'first target met' : 'OVER TARGET'})`);
}
console.log(`siprc failed calls: ${failures}`);
process.exitCode = failures === 0 ? 0 : 1;
