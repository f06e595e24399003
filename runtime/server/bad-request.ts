// The reply to a request that could not be parsed, where one can still be
// built: its first line reads as a request (a method, then anything, then
// SIP/x.y, stray spaces allowed: RFC 4475's lwsstart, lwsruri and trws) and
// its Via, From, To, Call-ID and CSeq lines are found by scanning the raw
// header lines. It is 505 for a SIP version other than 2.0 (badvers), else
// 400 with a reason phrase saying what was wrong. Anything else (a reply, an
// ACK, a request without those lines or whose top Via names no sent-by to
// answer) gets no answer.

const NEEDED = new Map<string, string>([
  ['via', 'Via'],
  ['v', 'Via'],
  ['from', 'From'],
  ['f', 'From'],
  ['to', 'To'],
  ['t', 'To'],
  ['call-id', 'Call-ID'],
  ['i', 'Call-ID'],
  ['cseq', 'CSeq'],
]);

export interface BadRequestReply {
  /** 400, or 505 for another SIP version. */
  readonly status: 400 | 505;
  readonly data: Buffer;
  /** The top Via's port and whether it asks for rport, for where the reply goes. */
  readonly via: { readonly port: number | undefined; readonly rport: boolean };
}

/** A reason phrase safe to put on a status line: printable ASCII, bounded. */
function reasonPhrase(reason: string): string {
  const clean = reason.replace(/[^\x20-\x7e]/g, ' ').replace(/\s+/g, ' ').trim();
  return `Bad Request - ${clean.length > 120 ? `${clean.slice(0, 117)}...` : clean}`;
}

export function badRequestReply(data: Buffer, reason: string): BadRequestReply | undefined {
  const text = data.toString('latin1');
  const headEnd = text.search(/\r?\n\r?\n/);
  const lines = (headEnd < 0 ? text : text.slice(0, headEnd)).split(/\r?\n/);
  const first = lines[0] ?? '';
  const requestLine = /^([A-Za-z0-9!%*_+`'~.-]+)[ \t]+\S.*?[ \t]+SIP\/(\d+\.\d+)[ \t]*$/i.exec(first);
  if (!requestLine || requestLine[1]!.toUpperCase() === 'ACK') return undefined;
  const found = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const m = /^([A-Za-z-]+)[ \t]*:[ \t]*(.*)$/.exec(line);
    const name = m && NEEDED.get(m[1]!.toLowerCase());
    if (!name) continue;
    const list = found.get(name) ?? [];
    list.push(m[2]!);
    found.set(name, list);
  }
  if (!['Via', 'From', 'To', 'Call-ID', 'CSeq'].every((n) => found.has(n))) return undefined;
  // The reply goes where the top Via says: without a sent-by to read there, there is nowhere to send it.
  const top = found.get('Via')![0]!;
  const sentBy = /^SIP\s*\/\s*\d+\.\d+\s*\/\s*\S+\s+(?:\[[^\]]+\]|[^:;,\s]+)(?::(\d+))?/i.exec(top);
  if (!sentBy) return undefined;
  const status = requestLine[2] === '2.0' ? 400 : 505;
  const out = [status === 400 ? `SIP/2.0 400 ${reasonPhrase(reason)}` : 'SIP/2.0 505 Version Not Supported'];
  for (const via of found.get('Via')!) out.push(`Via: ${via}`);
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) out.push(`${name}: ${found.get(name)![0]}`);
  out.push('Content-Length: 0', '', '');
  const port = sentBy[1];
  return { status, data: Buffer.from(out.join('\r\n'), 'latin1'), via: { port: port === undefined ? undefined : Number(port), rport: /;\s*rport\b/i.test(top) } };
}
