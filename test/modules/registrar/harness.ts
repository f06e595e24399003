// Test helper for registrar and usrloc: a script served offline in one
// process (tm's test Proxy), so that what save() stores is there for the
// next message; REGISTERs from a client built from a few fields; the reply
// split into its first line and header lines.

import { Proxy } from '../tm/proxy.js';
import { usrlocApi, type Usrloc } from '../../../modules/usrloc/api.js';

export const CLIENT = '127.0.0.1:24070';

export const HEAD = `debug=3
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
`;

/** A registrar script: REGISTERs saved (their return code logged), other requests looked up. */
export function registrarScript(modparams = '', save = 'save("location")', lookup = 'lookup("location")'): string {
  return `${HEAD}${modparams}
request_route {
  if (method == "REGISTER") { ${save}; xlog("L_INFO", "save rc=$rc\\n"); exit; }
  ${lookup}; xlog("L_INFO", "lookup rc=$rc ru=$ru du=$du bf=$bf br=$br\\n");
  if ($rc > 0) { sl_send_reply("302", "Moved"); } else { sl_send_reply("404", "Not Found"); }
}
`;
}

let seq = 0;

/** A REGISTER (or another method) for `user` with extra header lines. */
export function register(user: string, lines: readonly string[], options: { cseq?: number; callId?: string; method?: string; toTag?: string } = {}): string {
  const n = ++seq;
  const method = options.method ?? 'REGISTER';
  return [
    `${method} sip:${method === 'REGISTER' ? '' : `${user}@`}127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/UDP ${CLIENT};rport;branch=z9hG4bK-t${n}`,
    `From: <sip:${user}@127.0.0.1>;tag=f${n}`,
    `To: <sip:${user}@127.0.0.1>${options.toTag ? `;tag=${options.toTag}` : ''}`,
    `Call-ID: ${options.callId ?? `reg-${user}`}`,
    `CSeq: ${options.cseq ?? n} ${method}`,
    'Max-Forwards: 70',
    ...lines,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

export interface Reply {
  readonly status: string;
  /** Header lines other than Via, From, To, Call-ID, CSeq, Server and Content-Length. */
  readonly headers: string[];
}

const COMMON = /^(via|from|to|call-id|cseq|server|content-length):/i;

export function parseReply(text: string): Reply {
  const [status = '', ...lines] = text.split('\r\n\r\n')[0]!.split('\r\n');
  return { status, headers: lines.filter((l) => !COMMON.test(l)) };
}

export class Registrar extends Proxy {
  constructor(...args: ConstructorParameters<typeof Proxy>) {
    super(...args);
    // usrloc's clock stands still unless a test moves it: the expires a reply
    // lists then read the same however long the test takes (a second
    // boundary between two REGISTERs made them 1 lower).
    const usrloc = this.usrloc;
    const t0 = usrloc.now();
    usrloc.now = () => t0;
  }

  /** Sends a message; the replies it got, parsed. */
  send(text: string): Reply[] {
    this.receive(text, CLIENT);
    return this.take().map((o) => parseReply(o.text));
  }

  /** The script's log lines so far that start with `prefix` (the `<script>: ` part left out), and forgets every line. */
  logged(prefix: string): string[] {
    return this.takeLogs()
      .map((l) => l.replace(/^<script>: /, ''))
      .filter((l) => l.startsWith(prefix));
  }

  /** The usrloc the script's modules started. */
  get usrloc(): Usrloc {
    return usrlocApi.started() as Usrloc;
  }
}
