// The tobody transformation class of Kamailio 5.6's pv module, on a To or
// From header body: the URI, the display name as written (quotes kept),
// the tag, the URI's user and host (the URI must parse), and the
// parameters as written from the first one to the end. A body Kamailio
// cannot parse makes them fail (null); an absent part gives ''.

import type { Value } from '../../api.js';
import { nonEmptyBytes, partText } from '../../kit/bytes.js';
import { simple, transformationClass, type MethodDecl } from '../../kit/transformation-class.js';
import { parseToBody, type ToBody } from './to-body.js';
import { splitUri, type UriParts } from './uri-parts.js';
import { textMemo } from '../../../runtime/text-memo.js';

interface Parsed {
  /** The value's bytes. */
  readonly text: string;
  /** Whether the value was ASCII (its bytes are the value itself). */
  readonly ascii: boolean;
  readonly body: ToBody;
  readonly uri: UriParts;
}

function parseValue(value: Value): Parsed | null {
  const text = nonEmptyBytes(value);
  const body = text === null ? undefined : parseToBody(text);
  const uri = body && splitUri(body.uri);
  return body && uri ? { text: text!, ascii: text === value, body, uri } : null;
}

/**
 * Parsed string values, by their text: the same value is often read several
 * times in a message, but a From or To with its call's own tag is met in one
 * message only, so no Map keeps them (see runtime/text-memo.ts).
 */
const PARSED = textMemo<Parsed | null>(parseValue, 0);

function parse(value: Value): Parsed | null {
  return typeof value === 'string' ? PARSED.get(value) : parseValue(value);
}

function part(get: (parsed: Parsed) => string | undefined): MethodDecl {
  return simple((value) => {
    const parsed = parse(value);
    return parsed && partText(parsed.ascii, get(parsed) ?? '');
  });
}

export const tobodyTransformations = transformationClass('tobody', {
  uri: part((p) => p.body.uri),
  display: part((p) => p.body.display),
  tag: part((p) => p.body.tag),
  user: part((p) => p.uri.user),
  host: part((p) => p.uri.host),
  params: part((p) => (p.body.paramsStart < 0 ? '' : p.text.slice(p.body.paramsStart))),
});
