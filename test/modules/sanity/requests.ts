// Test helper for sanity: the requests the tests send (as they were sent to
// Kamailio 5.6.3 on 127.0.0.1:27460, from 127.0.0.1:27470), the start of
// their scripts, and the short form of a reply the tests compare.

import { sipMessage } from '../run-script.js';

/** The start of the scripts: sanity returning -1 on a failure, the extensions it knows. */
export const HEAD = `debug=2
listen=udp:127.0.0.1:27460
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
modparam("sanity", "autodrop", 0)
modparam("sanity", "proxy_require", " foo , bar ")
`;

/**
 * The request of a case: Via (from 127.0.0.1:27470), Call-ID, From, To and
 * CSeq unless the case gives its own, its headers, a Content-Length for its
 * body (`--body=...`) unless it gives one or says NO-CL.
 */
export function caseRequest(name: string, requestLine: string, headers: readonly string[]): string {
  const body = headers.find((h) => h.startsWith('--body='))?.slice('--body='.length) ?? '';
  const own = headers.filter((h) => !h.startsWith('--body=') && h !== 'NO-CL');
  const has = (n: string): boolean => own.some((h) => h.toLowerCase().startsWith(`${n.toLowerCase()}:`));
  const length = headers.includes('NO-CL') || has('Content-Length') ? [] : [`Content-Length: ${body.length}`];
  return sipMessage(
    [
      requestLine,
      ...(has('Via') ? [] : [`Via: SIP/2.0/UDP 127.0.0.1:27470;branch=z9hG4bK-${name};rport`]),
      `Call-ID: ${name}`,
      ...(has('From') ? [] : ['From: <sip:alice@127.0.0.1>;tag=f1']),
      ...(has('To') ? [] : ['To: <sip:bob@127.0.0.1>']),
      ...(has('CSeq') ? [] : [`CSeq: 1 ${requestLine.split(' ')[0]}`]),
      ...own.filter((h) => !/^Content-Length:/i.test(h)),
      ...own.filter((h) => /^Content-Length:/i.test(h)),
      ...length,
    ],
    body,
  );
}

/** A reply's status line and Unsupported lines, joined with " / ". */
export const summary = (text: string): string => text.split('\r\n').filter((l, i) => i === 0 || l.startsWith('Unsupported:')).join(' / ');
