// Waiting out TIME_WAIT between SIPp runs over TCP, for the benchmark and the
// acceptance tests alike: SIPp's `-t tn` opens a connection per call, and
// 10000 calls leave 10000 local ports in TIME_WAIT for a minute, so the runs
// after it would run out of ports to 127.0.0.1 (SIPp gives up, exit 255).
import { readFileSync } from 'node:fs';

/** TCP connections in TIME_WAIT on this machine (IPv4 and IPv6). */
function timeWaits() {
  let n = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const line of readFileSync(file, 'latin1').split('\n').slice(1)) if (line.trim().split(/\s+/)[3] === '06') n++;
    } catch {
      // No IPv6.
    }
  }
  return n;
}

/** Waits until few connections are left in TIME_WAIT (at most 70 s). */
export async function portsFree() {
  for (let i = 0; i < 70 && timeWaits() > 1000; i++) await new Promise((r) => setTimeout(r, 1000));
}
