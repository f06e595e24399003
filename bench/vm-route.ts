// Benchmark: one run of a 30-action request route (bench/scripts/route-30.cfg:
// pseudo-variable reads and writes, header checks, comparisons,
// transformations, xlog below the log level) on a parsed INVITE, with a fresh
// message context each run as a server would make. Target: 3 µs median.
//
//   npm run bench:vm
import { fileURLToPath } from 'node:url';
import { compileFile } from '../cli/compile.js';
import { link } from '../compiler/link.js';
import { lowerScript } from '../compiler/lower.js';
import { ExecContext, WorkerState } from '../runtime/exec/context.js';
import { execute } from '../runtime/exec/run.js';
import { isSipError } from '../runtime/sip/errors.js';
import { SipMessage } from '../runtime/sip/message.js';
import { acrossProcesses, measure } from './measure.js';

const SCRIPT = 'bench/scripts/route-30.cfg';

const INVITE = Buffer.from(
  [
    'INVITE sip:bob@127.0.0.1 SIP/2.0',
    'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'To: Bob <sip:bob@127.0.0.1>',
    'From: Alice <sip:alice@atlanta.example.com>;tag=1928301774',
    'Call-ID: a84b4c76e66710@pc33.atlanta.example.com',
    'CSeq: 314159 INVITE',
    'Contact: <sip:alice@127.0.0.1:5070>',
    'User-Agent: siprc-bench/1.0',
    'Content-Type: application/sdp',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
  'latin1',
);

function setUp(): () => void {
  const checked = compileFile(SCRIPT, []);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`${SCRIPT}: ${errors.map((d) => d.message).join('; ')}`);
  const program = lowerScript(checked);
  const linked = link(checked);
  if ('error' in linked) throw new Error(linked.error);
  const route = program.routes.findIndex((r) => r.kind === 'request' && r.name === undefined);
  const message = SipMessage.parse(INVITE);
  if (isSipError(message)) throw new Error(message.reason);
  const worker = new WorkerState();
  const local = { socket: { address: '127.0.0.1', port: 5060 }, names: [{ host: '127.0.0.1', port: 5060 }] };
  const source = { address: '127.0.0.1', port: 5070 };
  return () => {
    const ctx = new ExecContext(message, source, 'udp', local, worker);
    const { result } = execute(program, route, ctx, linked.commands, { trace: false });
    if (result.ended !== 'exit') throw new Error(`the route ended with ${result.ended}, not exit: an action failed`);
  };
}

const report = acrossProcesses(fileURLToPath(import.meta.url), () => ({ route: measure(setUp(), 1000, 150) }));
if (report) {
  console.log(`script: ${SCRIPT} (30 actions) on a ${INVITE.length}-byte INVITE, a new message context per run`);
  report.line('siprc: one run of the route', 'route', 3);
}
