// Test helper: the same script served by the real Kamailio 5.6 (on
// loopback, in the foreground, until stopped) and by siprc's SipServer, and
// a UDP client that sends requests to either and waits for the reply.

import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveScript } from '../../runtime/server/serve-script.js';
import { spawnKamailio, hasKamailio, KAMAILIO_MODULES } from '../../kamailio-process.js';

export { hasKamailio };

const MODULES = KAMAILIO_MODULES;
const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RunningServer {
  readonly port: number;
  /** What the server logged so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Kamailio serving `script` (after a header: stderr logging, one process, UDP on 127.0.0.1:port). */
export async function startKamailio(script: string, port: number): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'siprc-auth-kam-'));
  const cfg = join(dir, 'test.cfg');
  writeFileSync(cfg, `debug=2\nlog_stderror=yes\nchildren=1\nlisten=udp:127.0.0.1:${port}\n${script}`);
  const kamailio = spawnKamailio(['-m', '64', '-M', '8', '-f', cfg, '-E', '-DD', '-w', dir, '-Y', dir, '-P', join(dir, 'pid'), '-L', MODULES]);
  for (let i = 0; i < 150 && !/SO_RCVBUF is finally/.test(kamailio.log()) && kamailio.child.exitCode === null; i++) await wait(20);
  if (kamailio.child.exitCode !== null) throw new Error(`kamailio did not start:\n${kamailio.log()}`);
  await wait(100);
  return {
    port,
    log: kamailio.log,
    stop: async () => {
      await kamailio.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** siprc serving the same script on a free UDP port of 127.0.0.1. */
export async function startSiprc(script: string): Promise<RunningServer> {
  const served = await serveScript(script);
  return { port: served.port, log: () => served.logs.join('\n'), stop: () => served.stop() };
}

/** A UDP client on 127.0.0.1 that sends a request and waits for its final (or only) reply. */
export class Client {
  private waiting: ((reply: string) => void) | undefined;
  private constructor(private readonly socket: Socket) {
    socket.on('message', (m) => {
      const text = m.toString('latin1');
      if (/^SIP\/2\.0 1\d\d/.test(text)) return;
      this.waiting?.(text);
    });
  }

  static async open(port = 0): Promise<Client> {
    const socket = createSocket('udp4');
    await new Promise<void>((r) => socket.bind(port, '127.0.0.1', () => r()));
    return new Client(socket);
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Sends the request (lines joined with CRLF, Content-Length added) and resolves with the reply, or 'no reply' after `ms`. */
  send(serverPort: number, lines: readonly string[], body = '', ms = 1500): Promise<string> {
    const text = [...lines, `Content-Length: ${Buffer.byteLength(body, 'latin1')}`, '', body].join('\r\n');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve('no reply');
      }, ms);
      this.waiting = (reply) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(reply);
      };
      this.socket.send(Buffer.from(text, 'latin1'), serverPort, '127.0.0.1');
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** The status line of a reply. */
export const statusLine = (reply: string): string => reply.split('\r\n')[0]!;

/** A header's value in a reply, or undefined. */
export function replyHeader(reply: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(reply);
  return m?.[1];
}
