// siputils' options_reply, run by `siprc exec` with the four capability
// parameters set. The replies (To tags included), their destination and the
// return codes were recorded from Kamailio 5.6.3 on 127.0.0.1:27460 answering
// the same requests from 127.0.0.1:27470. Via lines are compared with their
// parameters sorted: Kamailio writes rport= before received=.

import { sipMessage } from '../run-script.js';
import { HEAD, request, run } from './run-calls.js';

const OPTIONS_HEAD = `${HEAD}modparam("siputils", "options_accept", "application/sdp")
modparam("siputils", "options_accept_language", "de, en")
modparam("siputils", "options_support", "100rel")
modparam("siputils", "options_accept_encoding", "gzip")
`;

const SCRIPT = `if ($ci == "op8") { $ru = "sip:bob@127.0.0.1"; }
options_reply();
xlog("L_ERR", "rc=$rc\\n");
if ($ci == "op1") { sl_send_reply("404", "Later"); }`;

const TAG = '773af41fa4ee33876b4dd315920332d4';
const CAPABILITIES = ['Accept: application/sdp', 'Accept-Encoding: gzip', 'Accept-Language: de, en', 'Supported: 100rel', `Server: siprc (${process.platform})`, 'Content-Length: 0'];

/** A message's lines, the parameters of each Via sorted. */
const lines = (text: string): string[] => text.split('\r\n').map((l) => (l.startsWith('Via: ') ? l.replace(/;.*$/, (p) => p.split(';').sort().join(';')) : l));

function answer(message: string): { logs: string[]; sent: Array<{ to: string; lines: string[] }> } {
  const r = run(SCRIPT, message, { head: OPTIONS_HEAD });
  return { logs: r.logs, sent: r.sent.map((s) => ({ to: s.to, lines: lines(s.text) })) };
}

/** The 200 OK to request `name`, with its To line and the lines copied after CSeq. */
const ok = (name: string, to: string, extra: readonly string[] = []): { to: string; lines: string[] } => ({
  to: 'udp|127.0.0.1:27470',
  lines: lines(
    sipMessage([
      'SIP/2.0 200 OK',
      `Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-${name};rport=27470;received=127.0.0.1`,
      'From: <sip:alice@127.0.0.1>;tag=f1',
      to,
      `Call-ID: ${name}`,
      'CSeq: 1 OPTIONS',
      ...extra,
      ...CAPABILITIES,
    ]),
  ),
});

describe('options_reply', () => {
  it('answers OPTIONS to the server with 200 OK and the capabilities; Record-Route is copied, the headers stay for later replies', () => {
    const r = answer(request('op1', 'OPTIONS sip:127.0.0.1:27460 SIP/2.0', ['Record-Route: <sip:rr1@127.0.0.1;lr>']));
    const later = lines(
      sipMessage([
        'SIP/2.0 404 Later',
        'Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-op1;rport=27470;received=127.0.0.1',
        'From: <sip:alice@127.0.0.1>;tag=f1',
        `To: <sip:bob@127.0.0.1>;tag=${TAG}.bb600069`,
        'Call-ID: op1',
        'CSeq: 1 OPTIONS',
        ...CAPABILITIES,
      ]),
    );
    expect(r).toEqual({
      logs: ['rc=1'],
      sent: [ok('op1', `To: <sip:bob@127.0.0.1>;tag=${TAG}.bb600069`, ['Record-Route: <sip:rr1@127.0.0.1;lr>']), { to: 'udp|127.0.0.1:27470', lines: later }],
    });
  });

  it('keeps a To tag, and takes the method in any case', () => {
    expect(answer(request('op4', 'OPTIONS sip:127.0.0.1 SIP/2.0', ['To: <sip:b@127.0.0.1>;tag=have'])).sent[0]!.lines).toContain('To: <sip:b@127.0.0.1>;tag=have');
    const lower = answer(request('op7', 'options sip:127.0.0.1 SIP/2.0'));
    expect(lower.logs).toEqual(['rc=1']);
    expect(lower.sent[0]!.lines).toContain(`To: <sip:bob@127.0.0.1>;tag=${TAG}.d836633f`);
  });

  it('answers at the Via port when the client did not ask for rport', () => {
    const r = answer(request('op9', 'OPTIONS sip:127.0.0.1 SIP/2.0', ['Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-op9']));
    expect(r.sent.map((s) => s.to)).toEqual(['udp|127.0.0.1:27470']);
    expect(r.sent[0]!.lines).toContain('Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-op9');
  });

  it.each([
    ['op2', 'OPTIONS sip:bob@127.0.0.1 SIP/2.0', 'a user in the Request-URI'],
    ['op3', 'INVITE sip:127.0.0.1 SIP/2.0', 'another method'],
    ['op5', 'OPTIONS tel:+1234 SIP/2.0', 'a tel URI (its number is a user)'],
    ['op6', 'OPTIONS sip:@127.0.0.1 SIP/2.0', 'a Request-URI that does not parse'],
    ['op8', 'OPTIONS sip:127.0.0.1 SIP/2.0', 'a user in the Request-URI the script set'],
  ])('%s: %s, %s: -1 and no reply', (name, line) => {
    expect(answer(request(name, line))).toEqual({ logs: ['rc=-1'], sent: [] });
  });
});
