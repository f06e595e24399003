// The JSON-lines log format, as Kamailio 5.6's `json` log engine
// (`--log-engine=json:FLAGS`, or log_engine_type="json" with
// log_engine_data="FLAGS") writes it: one JSON document per line with the
// process, level, module, log prefix and message. The flags siprc takes:
//   M  the message without its trailing newline
//   N  no newline after the document
//   c  the message's Call-ID as "callid", when there is a message
//   a  every key prefixed with "kamailio."
//   U  the CEE profile's field names (time, proc, pri, subsys, msg, ...)
//   A  accepted; Kamailio 5.6.3 writes the same document with it
// There is no C source position: "file" and "line" name the script's when
// the line comes from it, else "" and 0, and "function" is "" (as Kamailio
// writes it for xlog's lines).
// Kamailio's `j` and `p` (prefix and message spliced in as JSON) are refused:
// they let the script's text break the document.

import { hostname } from 'node:os';

export interface JsonFlags {
  readonly stripEol: boolean;
  readonly noEol: boolean;
  readonly callId: boolean;
  readonly namespaced: boolean;
  readonly ignored: boolean;
  readonly cee: boolean;
}

const FLAG_NAMES: Readonly<Record<string, keyof JsonFlags>> = { M: 'stripEol', N: 'noEol', c: 'callId', a: 'namespaced', A: 'ignored', U: 'cee' };

/** The flags of log_engine_data / `--log-engine=json:FLAGS`, or what is wrong with them. */
export function parseJsonFlags(data: string): JsonFlags | { readonly error: string } {
  const flags: Record<keyof JsonFlags, boolean> = { stripEol: false, noEol: false, callId: false, namespaced: false, ignored: false, cee: false };
  for (const ch of data) {
    const name = FLAG_NAMES[ch];
    if (name === undefined) {
      const why = ch === 'j' || ch === 'p' ? 'siprc does not splice log text into the document as JSON' : 'unknown flag';
      return { error: `json log engine flag \`${ch}\`: ${why} (siprc takes M, N, c, a, A, U)` };
    }
    flags[name] = true;
  }
  return flags;
}

/** One log line as the json engine sees it. */
export interface JsonRecord {
  readonly pid: number;
  readonly level: string;
  readonly module: string;
  readonly prefix: string;
  readonly text: string;
  readonly callId: string | undefined;
  /** The script file and line the line was logged from, when known. */
  readonly file?: string;
  readonly line?: number;
}

let host: string | undefined;

/** The document for one log line (with its newline unless N). */
export function jsonLine(record: JsonRecord, flags: JsonFlags, appName: string, at = new Date()): string {
  const message = flags.stripEol ? record.text.replace(/\n$/, '') : record.text;
  const eol = flags.noEol ? '' : '\n';
  if (flags.cee) {
    const doc = {
      time: at.toISOString(),
      proc: { id: String(record.pid) },
      pri: record.level,
      subsys: record.module,
      file: { name: record.file ?? '', line: record.line ?? 0 },
      ...(flags.callId && record.callId !== undefined ? { callid: record.callId } : {}),
      msg: message,
      pname: appName,
      appname: appName,
      hostname: (host ??= hostname()),
    };
    return JSON.stringify(doc) + eol;
  }
  const fields: Array<[string, unknown]> = [
    ['idx', 0],
    ['pid', record.pid],
    ['level', record.level],
    ['module', record.module],
    ['file', record.file ?? ''],
    ['line', record.line ?? 0],
    ['function', ''],
  ];
  if (flags.callId && record.callId !== undefined) fields.push(['callid', record.callId]);
  fields.push(['logprefix', record.prefix]);
  fields.push(['message', message]);
  const key = (k: string): string => JSON.stringify(flags.namespaced ? `kamailio.${k}` : k);
  return `{ ${fields.map(([k, v]) => `${key(k)}: ${JSON.stringify(v)}`).join(', ')} }${eol}`;
}
