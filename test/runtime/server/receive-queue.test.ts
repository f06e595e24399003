// The queue TCP's messages wait in: each turn of the event loop runs every
// queued reply and then at most its share of requests, in the order they came;
// reading pauses when it is long and resumes when it has drained; and a
// TcpTransport told to pause reads nothing until it is told to resume.

import { createConnection } from 'node:net';
import { ReceiveQueue } from '../../../runtime/server/receive-queue.js';
import type { ReceivedBytes } from '../../../runtime/server/received.js';
import { TcpTransport } from '../../../runtime/server/tcp.js';
import { nameLookup } from '../../../runtime/server/name-lookup.js';
import { StaticNames } from '../../../runtime/exec/static-names.js';

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
const endpoint = { address: '127.0.0.1', port: 5060 };
const message = (firstLine: string): ReceivedBytes => ({ data: Buffer.from(`${firstLine}\r\n\r\n`, 'latin1'), source: endpoint, proto: 'tcp', local: endpoint, connection: 1 });
const request = (n: number): ReceivedBytes => message(`OPTIONS sip:${n}@example.com SIP/2.0`);
const reply = (n: number): ReceivedBytes => message(`SIP/2.0 ${200 + n} OK`);
const fail = (e: unknown): never => {
  throw e;
};
const firstLine = (m: ReceivedBytes): string => m.data.toString('latin1').split('\r\n')[0]!;

describe('ReceiveQueue', () => {
  it('runs nothing inside push: the messages run on the next turn', async () => {
    const ran: string[] = [];
    const queue = new ReceiveQueue((m) => ran.push(firstLine(m)), () => {}, fail);
    queue.push(request(1));
    expect(ran).toEqual([]);
    await turn();
    expect(ran).toEqual(['OPTIONS sip:1@example.com SIP/2.0']);
    expect(queue.length).toBe(0);
  });

  it('runs every reply first, then at most perTurn requests a turn, each kind in arrival order', async () => {
    const ran: string[] = [];
    const queue = new ReceiveQueue((m) => ran.push(firstLine(m)), () => {}, fail, { perTurn: 2, high: 100, low: 10 });
    for (const m of [request(1), request(2), reply(1), request(3), reply(2), request(4), request(5)]) queue.push(m);
    await turn();
    expect(ran).toEqual(['SIP/2.0 201 OK', 'SIP/2.0 202 OK', 'OPTIONS sip:1@example.com SIP/2.0', 'OPTIONS sip:2@example.com SIP/2.0']);
    queue.push(reply(3));
    await turn();
    expect(ran.slice(4)).toEqual(['SIP/2.0 203 OK', 'OPTIONS sip:3@example.com SIP/2.0', 'OPTIONS sip:4@example.com SIP/2.0']);
    await turn();
    expect(ran.slice(7)).toEqual(['OPTIONS sip:5@example.com SIP/2.0']);
    expect(queue.length).toBe(0);
  });

  it('asks to stop reading when it holds `high` messages and to resume once it is down to `low`', async () => {
    const pressure: boolean[] = [];
    const queue = new ReceiveQueue(() => {}, (full) => pressure.push(full), fail, { perTurn: 2, high: 5, low: 2 });
    for (let n = 0; n < 4; n++) queue.push(request(n));
    expect(pressure).toEqual([]);
    queue.push(request(4));
    queue.push(request(5));
    expect(pressure).toEqual([true]);
    await turn();
    expect(queue.length).toBe(4);
    expect(pressure).toEqual([true]);
    await turn();
    expect(queue.length).toBe(2);
    expect(pressure).toEqual([true, false]);
  });

  it('reports a message whose run throws and runs the others', async () => {
    const ran: string[] = [];
    const errors: string[] = [];
    const queue = new ReceiveQueue((m) => {
      if (firstLine(m).includes('sip:1@')) throw new Error('boom');
      ran.push(firstLine(m));
    }, () => {}, (e) => errors.push((e as Error).message), { perTurn: 1, high: 100, low: 10 });
    queue.push(request(1));
    queue.push(request(2));
    await turn();
    await turn();
    expect(ran).toEqual(['OPTIONS sip:2@example.com SIP/2.0']);
    expect(errors).toEqual(['boom']);
  });
});

describe('TcpTransport.pauseReading', () => {
  it('reads nothing from a connection while paused, and what was sent meanwhile once resumed', async () => {
    const received: string[] = [];
    const tcp = new TcpTransport((m) => received.push(firstLine(m)), () => {}, { lifetime: 120, connectTimeout: 10 }, nameLookup(new StaticNames()));
    const local = await tcp.listen({ address: '127.0.0.1', port: 0 });
    const client = createConnection(local.port, '127.0.0.1');
    try {
      await new Promise((r) => client.once('connect', r));
      const send = (n: number): void => void client.write(`OPTIONS sip:${n}@example.com SIP/2.0\r\nContent-Length: 0\r\n\r\n`);
      send(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual(['OPTIONS sip:1@example.com SIP/2.0']);
      tcp.pauseReading(true);
      send(2);
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toHaveLength(1);
      tcp.pauseReading(false);
      await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual(['OPTIONS sip:1@example.com SIP/2.0', 'OPTIONS sip:2@example.com SIP/2.0']);
    } finally {
      client.destroy();
      tcp.close();
    }
  });
});
