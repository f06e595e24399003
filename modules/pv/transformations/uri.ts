// The uri transformation class of Kamailio 5.6's pv module: the parts of a
// SIP, tel or urn URI as written (uri.port is an integer), split the way
// Kamailio's parse_uri splits them (uri-parts.ts). A value that is not a
// URI Kamailio accepts makes them fail (null); a part that is absent gives
// ''. uri.duri, uri.saor and uri.suri rebuild a shorter URI from the
// parts; Kamailio 5.6.3 writes a stray byte after their scheme, siprc does
// not (docs/dialect.md).

import type { Transform, TransformParam, Value } from '../../api.js';
import { nonEmptyBytes, partText } from '../../kit/bytes.js';
import { simple, transformationClass, type MethodDecl } from '../../kit/transformation-class.js';
import { lastValueOf, parseParamList } from './param-list.js';
import { strParam } from '../../kit/params.js';
import { splitUri, type UriParts } from './uri-parts.js';
import { URI_TEXTS } from '../../../runtime/sip/uri.js';

interface Parsed {
  /** The value's bytes. */
  readonly text: string;
  /** Whether the value was ASCII (its bytes are the value itself). */
  readonly ascii: boolean;
  readonly uri: UriParts;
}

/** The URI in a value: Kamailio drops one ';' at the end of a value longer than 4 bytes. */
function parseValue(value: Value): Parsed | null {
  const text = nonEmptyBytes(value);
  if (text === null) return null;
  const uri = splitUri(text.length > 4 && text.endsWith(';') ? text.slice(0, -1) : text);
  return uri ? { text, ascii: text === value, uri } : null;
}

/** Parsed string values, by their text (the same URIs are read again and again), with the message layer's. */
const PARSED = URI_TEXTS.column<Parsed | null>(parseValue);

function parse(value: Value): Parsed | null {
  return typeof value === 'string' ? PARSED.get(value) : parseValue(value);
}

function part(get: (uri: UriParts, text: string) => string | number | undefined): MethodDecl {
  return simple((value) => {
    const parsed = parse(value);
    if (!parsed) return null;
    const out = get(parsed.uri, parsed.text);
    return typeof out === 'number' ? out : partText(parsed.ascii, out ?? '');
  });
}

function paramOf(params: readonly TransformParam[]): Transform {
  const name = strParam(params[0]!, 'the name of uri.param');
  return (value, ctx) => {
    const parsed = parse(value);
    const wanted = name(ctx);
    if (!parsed || wanted === null) return null;
    if (!parsed.uri.params) return '';
    const list = parseParamList(parsed.uri.params, ';');
    return list === null ? null : partText(parsed.ascii, lastValueOf(list, wanted) ?? '');
  };
}

/** proto:host:port for a URI with a transport Kamailio knows; '' otherwise. */
function toSocket(uri: UriParts): string {
  return uri.proto ? `${uri.proto}:${uri.host}:${uri.portNumber || 5060}` : '';
}

/** What a shortened URI keeps besides scheme and host. */
interface Shortened {
  readonly user: boolean;
  readonly portAndTransport: boolean;
}

/** scheme:[user@]host[:port][;transport=t], with the parts `keep` names (the user's '@' even when there is no host, as Kamailio writes it). */
function shortened(keep: Shortened): MethodDecl {
  return part((u, text) => {
    let out = text.slice(0, text.indexOf(':') + 1);
    if (keep.user && u.user) out += `${u.user}@`;
    out += u.host;
    if (keep.portAndTransport) {
      if (u.port) out += `:${u.port}`;
      if (u.transport) out += `;transport=${u.transport}`;
    }
    return out;
  });
}

const METHODS: Readonly<Record<string, MethodDecl>> = {
  user: part((u) => u.user),
  host: part((u) => u.host),
  domain: part((u) => u.host),
  passwd: part((u) => u.password),
  port: part((u) => u.portNumber),
  params: part((u) => u.params),
  param: { params: 1, compile: paramOf },
  headers: part((u) => u.headers),
  transport: part((u) => u.transport),
  ttl: part((u) => u.ttl),
  uparam: part((u) => u.userParam),
  maddr: part((u) => u.maddr),
  method: part((u) => u.method),
  lr: part((u) => u.lr),
  r2: part((u) => u.r2),
  scheme: part((_, text) => text.slice(0, text.indexOf(':'))),
  tosocket: part(toSocket),
  duri: shortened({ user: false, portAndTransport: true }),
  saor: shortened({ user: true, portAndTransport: false }),
  suri: shortened({ user: true, portAndTransport: true }),
};

export const uriTransformations = transformationClass('uri', METHODS);
