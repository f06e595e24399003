// Differential test: the same REGISTERs, in the same order, sent to
// Kamailio 5.6 serving save("location") (usrloc in memory, loopback, rport)
// and to siprc serving the same script offline must get equivalent replies:
// the same status line, Contact list (with expires, q, received, GRUUs,
// +sip.instance, reg-id), Path, Min-Expires and P-Registrar-Error. Left out
// of the comparison: the To tag, Server and the order of the Via's
// parameters; the temporary GRUU's opaque part (each server makes its own);
// an expires is compared to the ten seconds (the two run a second apart at
// most). Skipped where Kamailio is not installed.

import { hasKamailio, kamailioReplies } from './kamailio.js';
import { Registrar, register } from './harness.js';

const PORT = 24160;
const CLIENT = 24170;

const SCRIPT = `debug=2
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
modparam("registrar", "min_expires_mode", 1)
modparam("registrar", "max_contacts", 3)
modparam("registrar", "received_avp", "$avp(rcv)")
modparam("registrar", "use_path", 1)
modparam("registrar", "path_mode", 1)
request_route {
  if ($hdr(X-Rcv) != $null) { $avp(rcv) = $hdr(X-Rcv); }
  save("location");
  exit;
}
`;

/** The REGISTERs: [user, extra header lines, CSeq]. */
const SEQUENCE: ReadonlyArray<readonly [string, readonly string[], number]> = [
  ['alice', ['Contact: <sip:alice@127.0.0.1:24071>;expires=300'], 1],
  ['alice', ['Contact: "A" <sip:alice@127.0.0.1:24072;transport=udp>;q=0.5, <sip:alice@127.0.0.1:24073>', 'Expires: 600'], 2],
  ['alice', ['Contact: <sip:alice@127.0.0.1:24074>;expires=10'], 3],
  ['alice', ['Contact: <sip:alice@127.0.0.1:24071>;q=2'], 4],
  ['alice', [], 5],
  ['alice', ['Contact: <sip:alice@127.0.0.1:24071>;expires=0'], 6],
  ['alice', ['Contact: *'], 7],
  ['alice', ['Contact: *', 'Expires: 0'], 8],
  ['bob', ['Contact: <sip:bob@127.0.0.1:24075>;expires=10'], 1],
  ['bob', ['Contact: <sip:bob@127.0.0.1:24075'], 2],
  ['bob', ['Contact: <sip:bob@127.0.0.1:24075>;q=0.1;expires=100'], 5],
  ['bob', ['Contact: <sip:bob@127.0.0.1:24075>;q=0.3'], 5],
  ['bob', ['Contact: <sip:bob@127.0.0.1:24075>;q=0.3'], 4],
  ['bob', ['Contact: <sip:bob@10.0.0.2:5060>;q=0.8', 'Path: <sip:p1@127.0.0.1:24080;lr>, <sip:p2@127.0.0.1:24081;lr>', 'Supported: path'], 6],
  ['bob', ['Contact: <sip:bob@10.0.0.3:5060>', 'Path: <sip:p1@127.0.0.1:24080;lr>'], 7],
  ['gru', ['Contact: <sip:g@10.0.0.1:5060>;+sip.instance="<urn:uuid:abc>";reg-id=2;expires=300', 'X-Rcv: sip:127.0.0.1:24070', 'Supported: gruu'], 1],
  ['gru', ['Contact: <sip:g@10.0.0.9:5060>;+sip.instance="<urn:uuid:abc>";reg-id=2;expires=300'], 2],
];

const messages = SEQUENCE.map(([user, lines, cseq]) => register(user, lines, { cseq }).replace(/127\.0\.0\.1:24070;rport/, `127.0.0.1:${CLIENT};rport`));

/** What is compared of a reply. */
function essentials(reply: string): string[] {
  if (reply === '') return ['(no reply)'];
  const [status, ...lines] = reply.split('\r\n\r\n')[0]!.split('\r\n');
  const kept = lines
    .filter((l) => /^(contact|path|min-expires|p-registrar-error|retry-after|unsupported):/i.test(l))
    .map((l) => l.replace(/temp-gruu="sip:[^@]+@/g, 'temp-gruu="sip:TEMP@').replace(/expires=(\d+)/g, (_, n: string) => `expires=~${Math.round(Number(n) / 10) * 10}`));
  return [status!, ...kept];
}

(hasKamailio ? describe : describe.skip)('save() replies, siprc against Kamailio 5.6', () => {
  it('are equivalent for every REGISTER of the sequence', async () => {
    const kam = await kamailioReplies(SCRIPT, messages, PORT, CLIENT);
    const siprc = new Registrar(SCRIPT);
    const ours = messages.map((m) => {
      siprc.receive(m, `127.0.0.1:${CLIENT}`);
      return siprc.take()[0]?.text ?? '';
    });
    const pairs = messages.map((_, i) => ({ request: `${SEQUENCE[i]![0]} CSeq ${SEQUENCE[i]![2]}`, siprc: essentials(ours[i]!), kamailio: essentials(kam.replies[i]!) }));
    for (const p of pairs) expect({ request: p.request, reply: p.siprc }).toEqual({ request: p.request, reply: p.kamailio });
  }, 20000);
});
