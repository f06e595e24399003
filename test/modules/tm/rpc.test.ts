// tm's control methods over live transactions, through the dispatcher of a
// served script: tm.list, tm.reply_callid and tm.reply (the reply reaches
// the caller with the To tag, header lines and body given), tm.cancel (a
// CANCEL reaches the branch that rang) and tm.clean, with the parameters
// and faults Kamailio 5.6.3 answers for the same calls (kamcmd on loopback).

import { createSocket, type Socket } from 'node:dgram';
import { runScript, type Running } from '../jsonrpcs/harness.js';

const SCRIPT = `
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
request_route {
  if (method == "INVITE" && $rU == "hold") { t_newtran(); exit; }
  if (method == "INVITE" || method == "CANCEL") { t_relay(); exit; }
  sl_send_reply("404", "Not Here");
}
`;

/** A UDP endpoint on loopback that keeps what it receives. */
class Peer {
  readonly got: string[] = [];
  private waiters: Array<() => void> = [];
  private constructor(readonly socket: Socket) {
    socket.on('message', (m) => {
      this.got.push(m.toString('latin1'));
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async open(): Promise<Peer> {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    return new Peer(s);
  }
  get port(): number {
    return this.socket.address().port;
  }
  send(text: string, port: number): void {
    this.socket.send(text, port, '127.0.0.1');
  }
  /** The first message received whose first line matches. */
  async next(first: RegExp): Promise<string> {
    for (let i = 0; i < 100; i++) {
      const m = this.got.find((g) => first.test(g.split('\r\n')[0]!));
      if (m) {
        this.got.splice(this.got.indexOf(m), 1);
        return m;
      }
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 20);
      });
    }
    throw new Error(`nothing like ${first} received (got ${JSON.stringify(this.got.map((g) => g.split('\r\n')[0]))})`);
  }
  close(): void {
    this.socket.close();
  }
}

const invite = (user: string, port: number, callId: string, from: Peer) =>
  `INVITE sip:${user}@127.0.0.1:${port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:${from.port};branch=z9hG4bK-${callId.replace(/\W/g, '')};rport\r\n` +
  `From: <sip:alice@127.0.0.1>;tag=ft1\r\nTo: <sip:${user}@127.0.0.1>\r\nCall-ID: ${callId}\r\nCSeq: 7 INVITE\r\n` +
  `Contact: <sip:alice@127.0.0.1:${from.port}>\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n`;

/** A reply of the downstream UAS to a request it got: its Via lines, From, To (with a tag), Call-ID and CSeq. */
function replyTo(request: string, status: string): string {
  const lines = request.split('\r\n').filter((l) => /^(Via|From|To|Call-ID|CSeq):/i.test(l));
  return `SIP/2.0 ${status}\r\n${lines.map((l) => (/^To:/i.test(l) ? `${l};tag=uas1` : l)).join('\r\n')}\r\nContent-Length: 0\r\n\r\n`;
}

describe('tm control methods', () => {
  let run: Running;
  let caller: Peer;
  let callee: Peer;
  const call = (method: string, params: unknown[] = []) => run.prepared.linked.rpc.call(method, params);
  const listed = async (callId: string) => ((await call('tm.list')) as Array<Record<string, unknown>>).find((t) => t.callid === `Call-ID: ${callId}\r\n`);
  beforeAll(async () => {
    run = await runScript(SCRIPT);
    caller = await Peer.open();
    callee = await Peer.open();
  });
  afterAll(async () => {
    caller.close();
    callee.close();
    await run.stop();
  });

  it('tm.list shows a transaction in progress with its header lines as received', async () => {
    caller.send(invite('hold', run.port, 'list-1@x', caller), run.port);
    for (let i = 0; i < 50 && !(await listed('list-1@x')); i++) await new Promise((r) => setTimeout(r, 20));
    const t = await listed('list-1@x');
    expect(t).toEqual({
      tindex: expect.any(Number),
      tlabel: expect.any(Number),
      method: 'INVITE',
      from: 'From: <sip:alice@127.0.0.1>;tag=ft1\r\n',
      to: 'To: <sip:hold@127.0.0.1>\r\n',
      callid: 'Call-ID: list-1@x\r\n',
      cseq: 'CSeq: 7',
      uas_request: 'yes',
      outgoings: 0,
    });
  });

  it('tm.reply_callid sends the reply with the To tag and header lines given; a second final reply fails', async () => {
    expect(await call('tm.reply_callid', [486, 'Busy Here', 'list-1@x', '7', 'mytag', 'X-A: 1\r\nX-B: 2\r\n'])).toBeNull();
    const reply = await caller.next(/^SIP\/2.0 486/);
    expect(reply).toMatch(/^SIP\/2.0 486 Busy Here\r\n/);
    expect(reply).toMatch(/\r\nTo: <sip:hold@127.0.0.1>;tag=mytag\r\n/);
    expect(reply).toMatch(/\r\nX-A: 1\r\nX-B: 2\r\n/);
    await expect(call('tm.reply_callid', [486, 'Busy Here', 'list-1@x', '7', 'mytag', '.'])).rejects.toMatchObject({ code: 500, message: 'Reply failed' });
  });

  it("tm.reply_callid's faults", async () => {
    const fails = (params: unknown[]) => call('tm.reply_callid', params);
    await expect(fails([])).rejects.toMatchObject({ code: 400, message: 'Reply code expected' });
    await expect(fails(['200'])).rejects.toMatchObject({ code: 400, message: 'Reply code expected' });
    await expect(fails([200])).rejects.toMatchObject({ code: 400, message: 'Reason phrase expected' });
    await expect(fails([200, 'OK'])).rejects.toMatchObject({ code: 400, message: 'Call-ID expected' });
    await expect(fails([200, 'OK', 'cid'])).rejects.toMatchObject({ code: 400, message: 'CSeq expected' });
    await expect(fails([200, 'OK', 'cid', '7'])).rejects.toMatchObject({ code: 400, message: 'To tag expected' });
    await expect(fails([200, 'OK', 'nope@x', '7', 'tag', '.'])).rejects.toMatchObject({ code: 404, message: 'Transaction not found' });
  });

  it('tm.reply finds the transaction by INDEX:LABEL from tm.list; a provisional then a final reply with a body', async () => {
    caller.send(invite('hold', run.port, 'byid-1@x', caller), run.port);
    for (let i = 0; i < 50 && !(await listed('byid-1@x')); i++) await new Promise((r) => setTimeout(r, 20));
    const t = (await listed('byid-1@x'))!;
    const id = `${t.tindex}:${t.tlabel}`;
    expect(await call('tm.reply', [180, 'Ringing', id, 'tt', '.'])).toBeNull();
    const ringing = await caller.next(/^SIP\/2.0 180/);
    expect(ringing).toMatch(/\r\nTo: <sip:hold@127.0.0.1>;tag=tt\r\n/);
    expect(await call('tm.reply', [200, 'OK', id, 'tt', 'Content-Type: text/plain\r\n', 'hello'])).toBeNull();
    const ok = await caller.next(/^SIP\/2.0 200/);
    expect(ok).toMatch(/\r\nContent-Type: text\/plain\r\n/);
    expect(ok).toMatch(/\r\nContent-Length: 5\r\n\r\nhello$/);
  });

  it("tm.reply's faults", async () => {
    const fails = (params: unknown[]) => call('tm.reply', params);
    await expect(fails([200, 'OK'])).rejects.toMatchObject({ code: 400, message: 'Transaction ID expected' });
    await expect(fails([200, 'OK', 'x', 'tag', '.'])).rejects.toMatchObject({ code: 400, message: 'Invalid transaction ID' });
    await expect(fails([200, 'OK', '1:2'])).rejects.toMatchObject({ code: 400, message: 'To tag expected' });
    await expect(fails([200, 'OK', '1:2', 'tag', '.'])).rejects.toMatchObject({ code: 481, message: 'No such transaction' });
  });

  it('tm.cancel sends a CANCEL on the branch that rang', async () => {
    caller.send(invite('bob', callee.port, 'cancel-1@x', caller), run.port);
    const relayed = await callee.next(/^INVITE /);
    callee.send(replyTo(relayed, '180 Ringing'), run.port);
    await caller.next(/^SIP\/2.0 180/);
    expect(await call('tm.cancel', ['cancel-1@x', '7'])).toEqual([0, 'branches remaining (waiting for timeout)']);
    const cancel = await callee.next(/^CANCEL /);
    expect(cancel).toMatch(/\r\nCSeq: 7 CANCEL\r\n/);
    expect(cancel).toMatch(/\r\nCall-ID: cancel-1@x\r\n/);
  });

  it("tm.cancel's faults: the Call-ID and CSeq number are strings, and an INVITE must have them", async () => {
    await expect(call('tm.cancel', ['cancel-1@x'])).rejects.toMatchObject({ code: 400, message: 'Callid and CSeq expected as parameters' });
    await expect(call('tm.cancel', ['cancel-1@x', 7])).rejects.toMatchObject({ code: 400, message: 'Callid and CSeq expected as parameters' });
    await expect(call('tm.cancel', ['cancel-1@x', '7 INVITE'])).rejects.toMatchObject({ code: 400, message: 'Transaction not found' });
  });

  it('tm.clean leaves transactions within their lifetime', async () => {
    const before = ((await call('tm.list')) as unknown[]).length;
    expect(before).toBeGreaterThan(0);
    expect(await call('tm.clean')).toBeNull();
    expect(((await call('tm.list')) as unknown[]).length).toBe(before);
  });
});

describe('tm.clean', () => {
  it('removes a transaction held past its lifetime and wait time (one no timer ends: t_newtran, never answered)', async () => {
    const run = await runScript(SCRIPT.replace('loadmodule "pv.so"', 'loadmodule "pv.so"\nmodparam("tm", "max_inv_lifetime", 50)\nmodparam("tm", "wt_timer", 50)'));
    const caller = await Peer.open();
    try {
      const callIds = async () => ((await run.prepared.linked.rpc.call('tm.list')) as Array<{ callid: string }>).map((t) => t.callid);
      caller.send(invite('hold', run.port, 'clean-1@x', caller), run.port);
      for (let i = 0; i < 50 && (await callIds()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await callIds()).toEqual(['Call-ID: clean-1@x\r\n']);
      await new Promise((r) => setTimeout(r, 200));
      expect(await callIds()).toEqual(['Call-ID: clean-1@x\r\n']);
      expect(await run.prepared.linked.rpc.call('tm.clean')).toBeNull();
      expect(await callIds()).toEqual([]);
    } finally {
      caller.close();
      await run.stop();
    }
  });
});
