// Acceptance for issue 6's storage faults, under a running server: `siprc
// run` serves test/acceptance/storage-faults.cfg (a registrar with usrloc on
// Redis in db_mode 3, on PostgreSQL in db_mode 3 and in db_mode 1) while the
// test stops the database server and starts it again on the same data. With
// the database gone, a REGISTER is answered 500 and the log names the
// failure; an INVITE routed by lookup() gets the script's 503 when lookup()
// reads the database (db_mode 3), or still reaches the contact kept in
// memory (db_mode 1). Once the database is back, without restarting siprc, a
// REGISTER is answered 200 and the contact stored before the outage is still
// there: lookup() routes a call to it. Raw SIP over loopback UDP: the phones
// are sockets of the test, the callee a tiny UAS answering 200.

import { describeWithServer, startServer, type DbServer } from '../modules/db/servers.js';
import { locationRows, serveWithin, siprcDb, stopServer } from './registrations.js';
import type { RunningServer } from './sipp-harness.js';
import { udpPeer, udpUas, type Peer } from './wire-peers.js';

const SCRIPT = 'test/acceptance/storage-faults.cfg';

/** One storage to run the outage on. */
interface Case {
  readonly name: string;
  readonly kind: 'redis' | 'postgres';
  readonly dbPort: number;
  readonly dbMode: 1 | 3;
  readonly proxy: number;
  /** bob's phone: where his first contact points (a UAS answering 200). */
  readonly phone: number;
}

const CASES: readonly Case[] = [
  { name: 'Redis, usrloc db_mode 3', kind: 'redis', dbPort: 33379, dbMode: 3, proxy: 33060, phone: 33070 },
  { name: 'PostgreSQL, usrloc db_mode 3', kind: 'postgres', dbPort: 33432, dbMode: 3, proxy: 33061, phone: 33071 },
  { name: 'PostgreSQL, usrloc db_mode 1', kind: 'postgres', dbPort: 33433, dbMode: 1, proxy: 33062, phone: 33072 },
];

let sequence = 0;

/** A REGISTER of USER@127.0.0.1 from the client socket, binding the contact sip:USER@127.0.0.1:`contactPort`. */
function register(client: Peer, proxy: number, user: string, contactPort: number): { text: string; callId: string } {
  const n = ++sequence;
  const callId = `storage-faults-${n}`;
  const text = [
    `REGISTER sip:127.0.0.1:${proxy} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK-sf-reg-${n};rport`,
    'Max-Forwards: 70',
    `From: <sip:${user}@127.0.0.1>;tag=reg-${n}`,
    `To: <sip:${user}@127.0.0.1>`,
    `Call-ID: ${callId}`,
    `CSeq: ${n} REGISTER`,
    `Contact: <sip:${user}@127.0.0.1:${contactPort}>`,
    'Expires: 3600',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return { text, callId };
}

/** An INVITE from alice to bob's address of record at the proxy. */
function inviteBob(client: Peer, proxy: number): { text: string; callId: string } {
  const n = ++sequence;
  const callId = `storage-faults-${n}`;
  const text = [
    `INVITE sip:bob@127.0.0.1:${proxy} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bK-sf-inv-${n};rport`,
    'Max-Forwards: 70',
    `From: <sip:alice@127.0.0.1>;tag=inv-${n}`,
    `To: <sip:bob@127.0.0.1:${proxy}>`,
    `Call-ID: ${callId}`,
    `CSeq: 1 INVITE`,
    `Contact: <sip:alice@127.0.0.1:${client.port}>`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  return { text, callId };
}

/** The first line of the final reply to the request with that Call-ID, with the whole reply. */
async function finalReply(client: Peer, callId: string, ms = 15_000): Promise<{ status: string; text: string }> {
  const text = await client.waitFor((t) => /^SIP\/2\.0 [2-6]\d\d /.test(t) && t.includes(`Call-ID: ${callId}\r\n`), ms);
  return { status: text.slice(0, text.indexOf('\r\n')), text };
}

/** Resolves with siprc's log from offset `from` on once it matches `pattern` (a line may reach stderr after the reply it explains). */
async function logged(server: RunningServer, from: number, pattern: RegExp, ms = 5000): Promise<string> {
  for (const deadline = Date.now() + ms; ; ) {
    const text = server.log().slice(from);
    if (pattern.test(text) || Date.now() > deadline) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends a request and resolves with its final reply. */
function exchange(client: Peer, proxy: number, request: { text: string; callId: string }): Promise<{ status: string; text: string }> {
  client.send(request.text, proxy);
  return finalReply(client, request.callId);
}

for (const c of CASES) {
  describeWithServer(c.kind)(`a registrar on ${c.name} while the database server stops and starts again`, () => {
    let db: DbServer | undefined;
    let proxy: RunningServer | undefined;
    let client: Peer | undefined;
    let phone: Peer | undefined;

    beforeAll(async () => {
      db = await startServer(c.kind, c.dbPort);
      siprcDb(['init', '--url', db.url]);
      const args = ['-A', `DBURL="${db.url}"`, '-A', `DBMODE=${c.dbMode}`, '-l', `udp:127.0.0.1:${c.proxy}`];
      proxy = await serveWithin(SCRIPT, c.kind === 'postgres' ? ['-A', 'WITH_PG', ...args] : args);
      client = await udpPeer();
      phone = await udpUas(c.phone);
    }, 180_000);

    afterAll(async () => {
      client?.close();
      phone?.close();
      try {
        await stopServer(proxy);
      } finally {
        await db?.destroy();
      }
    }, 60_000);

    it('registers bob: 200, his contact in the location table, and a call reaches it', async () => {
      const reply = await exchange(client!, c.proxy, register(client!, c.proxy, 'bob', c.phone));
      expect(reply.status).toBe('SIP/2.0 200 OK');
      expect(reply.text).toContain(`Contact: <sip:bob@127.0.0.1:${c.phone}>;expires=`);
      expect(await locationRows(db!.url, 'bob')).toEqual([{ username: 'bob', contact: `sip:bob@127.0.0.1:${c.phone}`, socket: `udp:127.0.0.1:${c.proxy}` }]);
      expect((await exchange(client!, c.proxy, inviteBob(client!, c.proxy))).status).toBe('SIP/2.0 200 OK');
    }, 60_000);

    it('with the database stopped, a REGISTER is answered 500 and the log names the failure', async () => {
      await db!.stop();
      const before = proxy!.log().length;
      const reply = await exchange(client!, c.proxy, register(client!, c.proxy, 'bob', c.phone + 100));
      expect(reply.status).toBe('SIP/2.0 500 Server Internal Error');
      // What failed, in Kamailio's words: reading the record (db_mode 3), or writing the new contact (db_mode 1).
      expect(reply.text).toContain(`P-Registrar-Error: ${c.dbMode === 3 ? 'usrloc_record_get' : 'usrloc_contact_insert'} failed\r\n`);
      // In db_mode 1 the record was read from memory: the 500 lists what is stored, not the refused contact.
      if (c.dbMode === 1) expect(/^Contact: (.*)\r$/m.exec(reply.text)?.[1]).toMatch(new RegExp(`^<sip:bob@127\\.0\\.0\\.1:${c.phone}>;expires=\\d+$`));
      const failure = /registrar: save\("location"\) for bob: storage failed: \S.*/;
      expect(await logged(proxy!, before, failure)).toMatch(failure);
      expect(proxy!.process.exitCode).toBeNull();
    }, 60_000);

    if (c.dbMode === 3) {
      it("with the database stopped, an INVITE routed by lookup() gets the script's 503 (lookup() returned -3)", async () => {
        const before = proxy!.log().length;
        const reply = await exchange(client!, c.proxy, inviteBob(client!, c.proxy));
        expect(reply.status).toBe('SIP/2.0 503 Location Storage Unavailable');
        const failure = /registrar: lookup\("location"\): storage failed: \S.*/;
        expect(await logged(proxy!, before, failure)).toMatch(failure);
      }, 60_000);
    } else {
      it('with the database stopped, an INVITE still reaches the contact lookup() finds in memory', async () => {
        const calls = phone!.received.length;
        expect((await exchange(client!, c.proxy, inviteBob(client!, c.proxy))).status).toBe('SIP/2.0 200 OK');
        expect(phone!.received.slice(calls).some((t) => t.startsWith(`INVITE sip:bob@127.0.0.1:${c.phone} `))).toBe(true);
      }, 60_000);
    }

    it('with the database back, the contact stored before the outage is still there: lookup() routes a call to it', async () => {
      await db!.start();
      const calls = phone!.received.length;
      expect((await exchange(client!, c.proxy, inviteBob(client!, c.proxy))).status).toBe('SIP/2.0 200 OK');
      expect(phone!.received.slice(calls).some((t) => t.startsWith(`INVITE sip:bob@127.0.0.1:${c.phone} `))).toBe(true);
      // The contact refused during the outage was not stored.
      expect(await locationRows(db!.url, 'bob')).toEqual([{ username: 'bob', contact: `sip:bob@127.0.0.1:${c.phone}`, socket: `udp:127.0.0.1:${c.proxy}` }]);
    }, 120_000);

    it('and, without restarting siprc, REGISTERs are answered 200 again and stored', async () => {
      const carol = await exchange(client!, c.proxy, register(client!, c.proxy, 'carol', c.phone + 200));
      expect(carol.status).toBe('SIP/2.0 200 OK');
      expect(await locationRows(db!.url, 'carol')).toEqual([{ username: 'carol', contact: `sip:carol@127.0.0.1:${c.phone + 200}`, socket: `udp:127.0.0.1:${c.proxy}` }]);
      const bob = await exchange(client!, c.proxy, register(client!, c.proxy, 'bob', c.phone));
      expect(bob.status).toBe('SIP/2.0 200 OK');
      expect(bob.text).toMatch(new RegExp(`^Contact: <sip:bob@127\\.0\\.0\\.1:${c.phone}>;expires=\\d+\r$`, 'm'));
    }, 60_000);
  });
}
