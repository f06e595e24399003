// Helpers for sending raw SIP over UDP on loopback in acceptance tests: the
// Via rewrite that points every sent-by of a message at the test's own
// socket (so that nothing a message names can send traffic off the machine),
// a client socket that collects what comes back, and a tiny UAS that records
// requests and answers each (but an ACK) with 200 OK.

import { createSocket, type Socket } from 'node:dgram';

/** Linear white space, folding included (RFC 3261 25.1). */
const LWS = String.raw`(?:[ \t]|\r?\n[ \t])*`;
/** A Via value's sent-protocol (any version, any transport) and the sent-by after it. */
const SENT_BY = new RegExp(String.raw`(SIP${LWS}/${LWS}[^\s/]+${LWS}/${LWS}[^\s;,]+(?:[ \t]|\r?\n[ \t])+)(?:\[[^\]]*\]|[^\s:;,]+)(?:${LWS}:${LWS}\d+)?`, 'gi');
/** A Via header field, long or compact name, with its folded continuation lines. */
const VIA_FIELD = /^(via|v)([ \t]*:)([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)/gim;

/**
 * The message with the sent-by host:port of every Via value (every header
 * field, compact `v:`, comma-separated values, folded lines) replaced by
 * `host:port`. Header fields of the whole datagram are rewritten, a second
 * message after the body (dblreq.dat) included.
 */
export function rewriteVias(data: Buffer, host: string, port: number): Buffer {
  const text = data.toString('latin1');
  const out = text.replace(VIA_FIELD, (_all, name: string, colon: string, value: string) => name + colon + value.replace(SENT_BY, (_v, protocol: string) => `${protocol}${host}:${port}`));
  return Buffer.from(out, 'latin1');
}

/** The header fields (with their continuation lines) of a message's head. */
export function headerFields(text: string): string[] {
  const head = text.split(/\r?\n\r?\n/)[0]!;
  return head.split(/\r?\n(?![ \t])/).slice(1);
}

export interface Peer {
  readonly port: number;
  /** Everything received, as latin1 text, in order. */
  readonly received: string[];
  send(data: Buffer | string, port: number): void;
  /** Resolves with the first message received (from now on or already) matching; rejects after `ms`. */
  waitFor(match: (text: string) => boolean, ms?: number): Promise<string>;
  close(): void;
}

/** A UDP socket on 127.0.0.1 (port 0: any free one) collecting what it receives. */
export async function udpPeer(port = 0, onMessage?: (text: string, from: number, socket: Socket) => void): Promise<Peer> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  const received: string[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data, rinfo) => {
    const text = data.toString('latin1');
    received.push(text);
    onMessage?.(text, rinfo.port, socket);
    for (const w of [...waiters]) w();
  });
  return {
    port: socket.address().port,
    received,
    send: (data, to) => socket.send(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, to, '127.0.0.1'),
    waitFor: (match, ms = 3000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = received.find(match);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`nothing matching within ${ms} ms; received:\n${received.join('\n---\n')}`));
        }, ms);
        if (!check()) waiters.add(check);
      }),
    close: () => socket.close(),
  };
}

const REPLY_COPIES = /^(via|v|from|f|to|t|call-id|i|cseq)[ \t]*:/i;

/** A UAS on 127.0.0.1:port: answers every request but an ACK with 200 OK (adding a To tag), from its own socket to the sender. */
export function udpUas(port: number): Promise<Peer> {
  return udpPeer(port, (text, from, socket) => {
    if (text.startsWith('SIP/') || /^ACK /.test(text)) return;
    const copied = headerFields(text)
      .filter((field) => REPLY_COPIES.test(field))
      .map((field) => (/^(to|t)[ \t]*:/i.test(field) && !/;[ \t]*tag[ \t]*=/i.test(field) ? `${field};tag=uas` : field));
    const reply = ['SIP/2.0 200 OK', ...copied, `Contact: <sip:uas@127.0.0.1:${port}>`, 'Content-Length: 0', '', ''].join('\r\n');
    socket.send(Buffer.from(reply, 'latin1'), from, '127.0.0.1');
  });
}
