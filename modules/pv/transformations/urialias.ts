// The urialias transformation class of Kamailio 5.6's pv module: a URI's
// address as one token, `host~port~proto` (proto as Kamailio's protocol
// number), and back to `sip:host:port;transport=name`. A value Kamailio
// cannot read gives '' (it logs an error); an alias without its two '~'
// fails (null), where Kamailio 5.6.3 returns an undefined result.

import type { Value } from '../../api.js';
import { fromBytes, valueBytes } from '../../kit/bytes.js';
import { simple, transformationClass } from '../../kit/transformation-class.js';
import { protoId } from '../../../runtime/exec/kamailio-numbers.js';
import { splitUri } from './uri-parts.js';

/** The transport parameter decode writes for a protocol number (none for 0 and UDP; WSS is written as ws). */
const TRANSPORT_BY_ID: readonly (string | undefined)[] = [undefined, undefined, 'tcp', 'tls', 'sctp', 'ws', 'ws'];

function encode(value: Value): Value {
  const text = valueBytes(value);
  if (text === null) return null;
  const uri = text === '' ? undefined : splitUri(text);
  if (!uri) return '';
  return fromBytes(`${uri.host}~${uri.port || '5060'}~${protoId(uri.proto ?? 'udp')}`);
}

function decode(value: Value): Value {
  const text = valueBytes(value);
  if (text === null || text === '') return text;
  const first = text.indexOf('~');
  const second = first < 0 ? -1 : text.indexOf('~', first + 1);
  if (second < 0) return null;
  const proto = text.slice(second + 1);
  const id = /^\d+$/.test(proto) ? Number(proto) : -1;
  if (id < 0 || id >= TRANSPORT_BY_ID.length) return '';
  const transport = TRANSPORT_BY_ID[id];
  return fromBytes(`sip:${text.slice(0, first)}:${text.slice(first + 1, second)}${transport ? `;transport=${transport}` : ''}`);
}

export const urialiasTransformations = transformationClass('urialias', { encode: simple(encode), decode: simple(decode) });
