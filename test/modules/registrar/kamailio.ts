// Runs a registrar script on the real Kamailio 5.6 (Debian's package) on
// loopback: starts it in the foreground, sends messages one at a time from
// a local UDP port, collects the reply to each (or none), and stops it.

import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnKamailio, hasKamailio, KAMAILIO_MODULES } from '../../kamailio-process.js';

export { hasKamailio };

const MODULES = KAMAILIO_MODULES;
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface KamailioReplies {
  /** The reply to each message, '' when none came. */
  readonly replies: string[];
  readonly stderr: string;
}

export async function kamailioReplies(script: string, messages: readonly string[], port: number, clientPort: number): Promise<KamailioReplies> {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-kam-reg-'));
  const cfg = join(dir, 'test.cfg');
  writeFileSync(cfg, `log_stderror=yes\nchildren=1\nlisten=udp:127.0.0.1:${port}\nmpath="${MODULES}/"\n${script}`);
  const kamailio = spawnKamailio(['-f', cfg, '-E', '-D', '-m', '64', '-M', '8', '-w', dir, '-Y', dir, '-L', MODULES]);
  const replies: string[] = [];
  const socket = createSocket('udp4');
  try {
    for (let i = 0; i < 150 && !/SO_RCVBUF is finally/.test(kamailio.log()) && kamailio.child.exitCode === null; i++) await wait(20);
    await wait(100);
    await new Promise<void>((r) => socket.bind(clientPort, '127.0.0.1', () => r()));
    for (const m of messages) {
      const got = new Promise<string>((r) => {
        const timer = setTimeout(() => r(''), 1000);
        socket.once('message', (d) => {
          clearTimeout(timer);
          r(d.toString('latin1'));
        });
      });
      socket.send(Buffer.from(m, 'latin1'), port, '127.0.0.1');
      replies.push(await got);
    }
  } finally {
    socket.close();
    await kamailio.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { replies, stderr: kamailio.log() };
}
