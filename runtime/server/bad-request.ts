// The 400 reply to a request that could not be parsed, where one can still be
// built: its request line reads as a request and its Via, From, To, Call-ID
// and CSeq lines are found by scanning the raw header lines. The reason
// phrase says what was wrong. Anything else (a reply, a request without
// those lines) gets no answer.

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
  if (!/^[A-Za-z!%*_+`'~.-]+ \S+ SIP\/2\.0$/.test(first) || /^ACK /i.test(first)) return undefined;
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
  const out = [`SIP/2.0 400 ${reasonPhrase(reason)}`];
  for (const via of found.get('Via')!) out.push(`Via: ${via}`);
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) out.push(`${name}: ${found.get(name)![0]}`);
  out.push('Content-Length: 0', '', '');
  const top = found.get('Via')![0]!;
  const port = /^SIP\s*\/\s*2\.0\s*\/\s*\S+\s+(?:\[[^\]]+\]|[^:;\s]+)(?::(\d+))?/i.exec(top)?.[1];
  return { data: Buffer.from(out.join('\r\n'), 'latin1'), via: { port: port === undefined ? undefined : Number(port), rport: /;\s*rport\b/i.test(top) } };
}
