// Test helper for siputils: runs a list of calls on one message with
// `siprc exec`, each followed by an xlog of its return code, and gives back
// the log as `call => code` lines, to compare with what Kamailio 5.6.3
// logged for the same script (listening on 127.0.0.1:27460, the message sent
// from 127.0.0.1:27470).

import { runScript, sipMessage, type ScriptRun } from '../run-script.js';

export const HEAD = `debug=2
listen=udp:127.0.0.1:27460
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "siputils.so"
`;

export const SOURCE = '127.0.0.1:27470';

/** A request from 127.0.0.1:27470 (Call-ID `name`), with extra header lines and a body. */
export function request(name: string, requestLine: string, headers: readonly string[] = [], body = ''): string {
  const has = (h: string): boolean => headers.some((l) => l.toLowerCase().startsWith(`${h.toLowerCase()}:`));
  return sipMessage(
    [
      requestLine,
      ...(has('Via') ? [] : [`Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-${name};rport`]),
      'Max-Forwards: 70',
      ...(has('From') ? [] : ['From: <sip:alice@127.0.0.1>;tag=f1']),
      ...(has('To') ? [] : ['To: <sip:bob@127.0.0.1>']),
      `Call-ID: ${name}`,
      `CSeq: 1 ${requestLine.split(' ')[0]}`,
      ...headers,
      `Content-Length: ${body.length}`,
    ],
    body,
  );
}

/** Runs `body` as the route's body (after HEAD, or `head`) on the message. */
export function run(body: string, message: string, options: { head?: string; route?: string } = {}): ScriptRun {
  const route = options.route ?? 'request_route';
  const extra = route === 'request_route' ? '' : 'request_route { drop; }\n';
  const result = runScript(`${options.head ?? HEAD}${extra}${route} {\n${body}\n}\n`, message, { source: SOURCE });
  expect(result.stderr).toBe('');
  return result;
}

/**
 * Runs the calls, each followed by an xlog of its return code unless it logs
 * something itself; the log as `call => code` lines (and the calls' own lines).
 */
export function returnCodes(calls: readonly string[], message: string, options: { head?: string; route?: string } = {}): string[] {
  const body = calls.map((call, i) => (call.includes('xlog(') ? `  ${call};` : `  ${call}; xlog("L_ERR", "#${i} => $rc\\n");`)).join('\n');
  return run(body, message, options).logs.map((line) => line.replace(/^#(\d+) => /, (_, i: string) => `${calls[Number(i)]} => `));
}
