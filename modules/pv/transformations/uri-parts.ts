// A URI split into the parts the uri transformations expose, as Kamailio
// 5.6's parse_uri splits it: lenient where it is (no check of the user part
// or of a host given without a user), strict where it is (a host after '@'
// is letters, digits, '.' and '-', or an IPv6 reference; a port is at most
// 65535). Parts are byte strings as written. siprc's RFC 3261 parser
// (runtime/sip/uri.ts) is stricter, so it is not used here.

import { ALPHANUMERIC, HOSTNAME } from '../../../runtime/sip/chars.js';
import { URI_TEXTS } from '../../../runtime/sip/uri.js';

export type UriScheme = 'sip' | 'sips' | 'tel' | 'urn';

export interface UriParts {
  readonly scheme: UriScheme;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly host: string;
  /** The port as written ('' after a ':' with no digits), undefined when there is none. */
  readonly port: string | undefined;
  readonly portNumber: number;
  /** The parameters of a sip/sips URI as written (undefined for tel and urn URIs). */
  readonly params: string | undefined;
  readonly headers: string | undefined;
  readonly transport: string | undefined;
  /** The transport Kamailio recognises in the transport parameter. */
  readonly proto: 'udp' | 'tcp' | 'tls' | 'sctp' | 'ws' | undefined;
  readonly ttl: string | undefined;
  readonly userParam: string | undefined;
  readonly maddr: string | undefined;
  readonly method: string | undefined;
  readonly lr: string | undefined;
  readonly r2: string | undefined;
}

type State = 'init' | 'user' | 'password' | 'passwordAlpha' | 'host' | 'hostName' | 'host6' | 'host6End' | 'port' | 'params' | 'headers';

const PROTOS = ['udp', 'tcp', 'tls', 'sctp', 'ws'] as const;

/** The parameters Kamailio picks out of the parameter list (the last occurrence wins). */
interface KnownParams {
  transport?: string;
  ttl?: string;
  user?: string;
  method?: string;
  maddr?: string;
  lr?: string;
  r2?: string;
}

const VALUED = new Set(['transport', 'ttl', 'user', 'method', 'maddr', 'lr', 'r2']);

function knownParams(list: string): KnownParams {
  const known: Record<string, string> = {};
  for (const param of list.split(';')) {
    const eq = param.indexOf('=');
    if (eq < 0) continue;
    const name = param.slice(0, eq).toLowerCase();
    const value = param.slice(eq + 1);
    // A ':' in the name, or right after '=', makes Kamailio treat the parameter as an unknown one.
    if (VALUED.has(name) && value !== '' && value[0] !== ':') known[name] = value;
  }
  return known;
}

function schemeOf(text: string): UriScheme | undefined {
  const head = text.slice(0, 4).toLowerCase();
  if (head === 'sip:') return 'sip';
  if (head === 'sips' && text[4] === ':') return 'sips';
  if (head === 'tel:') return 'tel';
  if (head === 'urn:') return 'urn';
  return undefined;
}

/** Split URIs by their text (immutable results): scripts read the same URIs again and again. */
const SPLIT = URI_TEXTS.column<UriParts | null>((text) => splitUriText(text) ?? null);

/** Splits a URI as Kamailio does; undefined when Kamailio refuses it. */
export function splitUri(text: string): UriParts | undefined {
  return SPLIT.get(text) ?? undefined;
}

function splitUriText(text: string): UriParts | undefined {
  const scheme = text.length < 5 ? undefined : schemeOf(text);
  if (!scheme) return undefined;
  let state: State = 'init';
  let segment = scheme === 'sips' ? 5 : 4;
  const start = segment;
  let user: string | undefined;
  let password: string | undefined;
  let host: string | undefined;
  let port: string | undefined;
  let params: string | undefined;
  let headers: string | undefined;
  let foundUser = false;
  /** In parameters or headers that may still turn out to be the user part: where a ':' was seen. */
  let colon = -1;
  let badHeaders = false;

  /** '@' seen after what looked like a host with parameters or headers: all of it was the user part. */
  const userAfterAll = (at: number): boolean => {
    if (foundUser) return false;
    user = text.slice(start, colon >= 0 ? colon : at);
    password = colon >= 0 ? text.slice(colon + 1, at) : undefined;
    host = port = params = headers = undefined;
    foundUser = true;
    badHeaders = false;
    segment = at + 1;
    state = 'host';
    return true;
  };
  /** ':' in parameters or headers: a password separator while no user was found (a second one means there is none). */
  const colonSeen = (at: number): void => {
    if (foundUser) return;
    if (colon >= 0) {
      foundUser = true;
      colon = -1;
    } else colon = at;
  };
  /** ';' or '?' in parameters: a password cannot contain them. */
  const noPassword = (): void => {
    if (colon >= 0) {
      foundUser = true;
      colon = -1;
    }
  };
  /** The host ends at ':' (a port follows), ';' (parameters) or '?' (headers): the next state, or undefined. */
  const hostEnd = (c: string, at: number): State | undefined => {
    const next: State | undefined = c === ':' ? 'port' : c === ';' ? 'params' : c === '?' ? 'headers' : undefined;
    if (next) {
      host = text.slice(segment, at);
      segment = at + 1;
    }
    return next;
  };

  for (let i = segment; i < text.length; i++) {
    const c = text[i]!;
    switch (state) {
      case 'init':
        if (c === '[') state = 'host6';
        else if (c === ':' || c === ']') return undefined;
        else state = 'user';
        break;
      case 'user':
        if (c === '@') {
          user = text.slice(segment, i);
          foundUser = true;
          segment = i + 1;
          state = 'host';
        } else if (c === ':') {
          user = text.slice(segment, i);
          segment = i + 1;
          state = 'password';
        } else if (c === ';' || c === '?') {
          host = text.slice(segment, i);
          segment = i + 1;
          state = c === ';' ? 'params' : 'headers';
        } else if (c === '[' || c === ']') return undefined;
        break;
      case 'password':
      case 'passwordAlpha':
        if (c === '@') {
          password = text.slice(segment, i);
          foundUser = true;
          segment = i + 1;
          state = 'host';
        } else if (c === '[' || c === ']' || c === ':') return undefined;
        else if (c === ';' || c === '?') {
          if (state === 'passwordAlpha' || !validPort(text.slice(segment, i))) return undefined;
          // What looked like user:password was host:port.
          port = text.slice(segment, i);
          host = user;
          user = undefined;
          foundUser = true;
          segment = i + 1;
          state = c === ';' ? 'params' : 'headers';
        } else if (c < '0' || c > '9') state = 'passwordAlpha';
        else if (state === 'password' && Number(text.slice(segment, i + 1)) > 65535) return undefined; // Kamailio counts it as a port
        break;
      case 'host':
        if (c === '[') state = 'host6';
        else if (ALPHANUMERIC[text.charCodeAt(i)] === 1) state = 'hostName';
        else return undefined;
        break;
      case 'hostName': {
        const next = hostEnd(c, i);
        if (next) state = next;
        else if (HOSTNAME[text.charCodeAt(i)] !== 1) return undefined;
        break;
      }
      case 'host6':
        if (c === ']') state = 'host6End';
        else if ('[&@;?'.includes(c)) return undefined;
        break;
      case 'host6End': {
        const next = hostEnd(c, i);
        if (!next) return undefined;
        state = next;
        break;
      }
      case 'port':
        if (c === ';' || c === '?') {
          port = text.slice(segment, i);
          segment = i + 1;
          state = c === ';' ? 'params' : 'headers';
        } else if (c < '0' || c > '9') return undefined;
        break;
      case 'params':
        if (c === '@') {
          if (!userAfterAll(i)) return undefined;
        } else if (c === ';') noPassword();
        else if (c === '?') {
          noPassword();
          params = text.slice(segment, i);
          segment = i + 1;
          state = 'headers';
        } else if (c === ':') colonSeen(i);
        break;
      case 'headers':
        if (c === '@') {
          if (!userAfterAll(i)) return undefined;
        } else if (c === ';') {
          if (foundUser || colon >= 0) return undefined;
          badHeaders = true;
        } else if (c === ':') colonSeen(i);
        else if (c === '?') noPassword();
        break;
    }
  }
  const rest = text.slice(segment);
  switch (state) {
    case 'init':
    case 'host':
    case 'host6':
      return undefined;
    case 'user':
      host = rest;
      break;
    case 'password':
      port = rest;
      host = user;
      user = undefined;
      break;
    case 'passwordAlpha':
      if (scheme !== 'urn') return undefined;
      host = rest;
      break;
    case 'hostName':
    case 'host6End':
      host = rest;
      break;
    case 'port':
      port = rest;
      break;
    case 'params':
      params = rest;
      break;
    case 'headers':
      if (badHeaders) return undefined;
      headers = rest;
      break;
  }
  if (port !== undefined && !validPort(port)) return undefined;
  // Kamailio 5.6 takes a leading '@' as part of the user or host, then refuses such a host (a tel URI has none).
  if (scheme !== 'tel' && host?.startsWith('@')) return undefined;
  const known = knownParams(params ?? '');
  const transportProto = known.transport?.toLowerCase();
  let parts = {
    scheme,
    user,
    password,
    host: host ?? '',
    port,
    portNumber: port ? Number(port) : 0,
    params: scheme === 'sip' || scheme === 'sips' ? params : undefined,
    headers,
    transport: known.transport,
    proto: PROTOS.find((p) => p === transportProto),
    ttl: known.ttl,
    userParam: known.user,
    maddr: known.maddr,
    method: known.method,
    lr: known.lr,
    r2: known.r2,
  };
  if (scheme === 'tel') parts = { ...parts, user: parts.host, host: '' };
  else if (known.user === 'phone' && user !== undefined && user.includes(';')) parts = { ...parts, user: user.slice(0, user.indexOf(';')) };
  return parts;
}

/** A port: digits only, at most 5 of them and at most 65535. */
function validPort(port: string): boolean {
  return /^\d{0,5}$/.test(port) && (port === '' || Number(port) <= 65535);
}
