// sl's statistics after replies, counted as Kamailio 5.6.3 counted them for
// the same replies (read with `kamcmd stats.get_statistics sl:`): each code
// in its own counter or its class, provisional replies and codes from 700 on
// in xxx_replies, and a reply to an ACK as a failure.

import { compileFile } from '../../../cli/compile.js';
import { link, type LinkedModule } from '../../../compiler/link.js';
import { lowerScript } from '../../../compiler/lower.js';
import { ExecContext, WorkerState } from '../../../runtime/exec/context.js';
import { execute } from '../../../runtime/exec/run.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sipMessage } from '../run-script.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-sl-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SCRIPT = `listen=udp:127.0.0.1:27360
loadmodule "pv.so"
loadmodule "sl.so"
request_route {
  if ($rU == "st1") { sl_send_reply("404", "NF"); sl_send_reply("302", "M"); }
  if ($rU == "st2") { sl_send_reply("183", "P"); sl_send_reply("299", "x"); sl_send_reply("700", "x"); }
  if ($rU == "st3") { sl_send_reply("500", "x"); sl_send_reply("603", "x"); sl_reply_error(); }
  if ($rU == "st4") { sl_send_reply("202", "x"); }
  if (method == "ACK") { sl_send_reply("200", "x"); }
}
`;

function request(method: string, user: string, toTag?: string): SipMessage {
  const text = sipMessage([
    `${method} sip:${user}@127.0.0.1:27360 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:27370;branch=z9hG4bK${user}${method};rport`,
    'From: <sip:alice@127.0.0.1>;tag=f1',
    `To: <sip:bob@127.0.0.1>${toTag ? `;tag=${toTag}` : ''}`,
    `Call-ID: ${user}@127.0.0.1`,
    `CSeq: 1 ${method}`,
    'Content-Length: 0',
  ]);
  const message = SipMessage.parse(Buffer.from(text, 'latin1'));
  if (isSipError(message)) throw new Error(message.reason);
  return message;
}

/** The script compiled and linked (as `name`), with a worker and the request route to run. */
function served(name: string) {
  const cfg = join(dir, name);
  writeFileSync(cfg, SCRIPT);
  const checked = compileFile(cfg, []);
  const program = lowerScript(checked);
  const linked = link(checked);
  if ('error' in linked) throw new Error(linked.error);
  const local = { socket: { address: '127.0.0.1', port: 27360 }, names: [{ host: '127.0.0.1', port: 27360 }] };
  const route = program.routes.findIndex((r) => r.kind === 'request' && r.name === undefined);
  return { program, linked, worker: new WorkerState(), local, route };
}

describe('sl statistics', () => {
  it('count replies by code and class, failures, and never 1xx_replies nor sent_err_replies', () => {
    const { program, linked, worker, local, route } = served('stats.cfg');
    for (const [method, user] of [['INVITE', 'st1'], ['INVITE', 'st2'], ['INVITE', 'st3'], ['INVITE', 'st4'], ['ACK', 'st4']] as const) {
      execute(program, route, new ExecContext(request(method, user), { address: '127.0.0.1', port: 27370 }, 'udp', local, worker), linked.commands);
    }
    const sl = linked.modules.find((m: LinkedModule) => m.decl.name === 'sl')!;
    const counted = Object.fromEntries(sl.decl.statistics.map((s) => [s.name, sl.stats.get(s.name)]).filter(([, v]) => v !== 0));
    expect(counted).toEqual({
      '202_replies': 1,
      '2xx_replies': 1,
      '302_replies': 1,
      '404_replies': 1,
      '500_replies': 2,
      '6xx_replies': 1,
      xxx_replies: 2,
      sent_replies: 9,
      failures: 2,
    });
  });

  it('take an ACK to a reply sl sent before the script runs (received_ACKs); any other ACK reaches the script', () => {
    const { program, linked, worker, local, route } = served('acks.cfg');
    const source = { address: '127.0.0.1', port: 27370 };
    const options = { replyReceived: linked.replyReceived, requestReceived: linked.requestReceived };
    const invite = new ExecContext(request('INVITE', 'st4'), source, 'udp', local, worker);
    execute(program, route, invite, linked.commands, options);
    const ourTag = /;tag=([^;\r\n]+)/.exec(/^To: .*$/m.exec(invite.sent[0]!.data.toString('latin1'))![0])![1]!;
    // The ACK to our 202 is taken: the script (which would answer an ACK) does not run.
    const ours = new ExecContext(request('ACK', 'st4', ourTag), source, 'udp', local, worker);
    expect(execute(program, route, ours, linked.commands, options).result.ended).toBe('drop');
    expect(ours.sent).toEqual([]);
    // An ACK with somebody else's To tag goes through the script, whose two replies to it fail.
    const theirs = new ExecContext(request('ACK', 'st4', 'uas-tag'), source, 'udp', local, worker);
    execute(program, route, theirs, linked.commands, options);
    const sl = linked.modules.find((m: LinkedModule) => m.decl.name === 'sl')!;
    expect({ acks: sl.stats.get('received_ACKs'), failures: sl.stats.get('failures') }).toEqual({ acks: 1, failures: 2 });
  });
});
