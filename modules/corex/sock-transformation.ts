// The sock transformation class (Kamailio 5.6's corex module) on a socket
// address `[proto:]host[:port]`: its host, port and proto as written, and a
// SIP URI to it. Kamailio 5.6 accepts only udp and tcp (any case) as the
// proto and a port of digits with an optional '+' up to 4294967295; with
// one ':' it is host:port when what follows is such a port, else
// proto:host. Anything else makes them fail (null).

import type { Value } from '../api.js';
import { fromBytes, nonEmptyBytes } from '../kit/bytes.js';
import { simple, transformationClass, type MethodDecl } from '../kit/transformation-class.js';

interface SocketParts {
  readonly proto: string;
  readonly host: string;
  readonly port: string;
}

const isPort = (s: string): boolean => /^\+?\d+$/.test(s) && Number(s) <= 4294967295;
const isProto = (s: string): boolean => /^(udp|tcp)$/i.test(s);

/** Positions of the ':' outside [...] (at most two); undefined for unbalanced brackets or more colons. */
function colons(s: string): number[] | undefined {
  const found: number[] = [];
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '[' && ++depth > 1) return undefined;
    if (s[i] === ']' && --depth < 0) return undefined;
    if (s[i] === ':' && depth === 0 && found.push(i) > 2) return undefined;
  }
  return found;
}

function split(value: Value): SocketParts | null {
  const s = nonEmptyBytes(value);
  const at = s === null ? undefined : colons(s);
  if (s === null || !at || s.endsWith(':')) return null;
  const [first, second] = at;
  if (first === undefined) return { proto: '', host: s, port: '' };
  if (second !== undefined) {
    const [proto, host, port] = [s.slice(0, first), s.slice(first + 1, second), s.slice(second + 1)];
    return isProto(proto) && isPort(port) ? { proto, host, port } : null;
  }
  const [before, after] = [s.slice(0, first), s.slice(first + 1)];
  if (isPort(after)) return { proto: '', host: before, port: after };
  return isProto(before) ? { proto: before, host: after, port: '' } : null;
}

function toUri(p: SocketParts): string {
  if (p.host === '') return '';
  return `sip:${p.host}${p.port ? `:${p.port}` : ''}${p.proto ? `;transport=${p.proto}` : ''}`;
}

function part(get: (p: SocketParts) => string): MethodDecl {
  return simple((value) => {
    const parts = split(value);
    return parts && fromBytes(get(parts));
  });
}

/** Registered by the corex module in Kamailio, not by pv. */
export const sockTransformations = transformationClass('sock', {
  host: part((p) => p.host),
  port: part((p) => p.port),
  proto: part((p) => p.proto),
  touri: part(toUri),
});
