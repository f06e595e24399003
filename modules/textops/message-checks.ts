// is_method (a name, or a `A|B` list of methods Kamailio knows; a reply is
// tested by its CSeq method) and is_privacy (a value of the first Privacy
// line). Checked against Kamailio 5.6.

import { command, FixupError, type CommandDecl, type ExecContext } from '../api.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { ANY_ROUTE } from './routes.js';

/** The methods Kamailio 5.6 knows by number (parse_methods.c). */
const KNOWN_METHODS = new Set(['INVITE', 'CANCEL', 'ACK', 'BYE', 'INFO', 'REGISTER', 'SUBSCRIBE', 'NOTIFY', 'MESSAGE', 'OPTIONS', 'PRACK', 'UPDATE', 'REFER', 'PUBLISH', 'KDMQ', 'GET', 'POST', 'PUT', 'DELETE']);

function methodList(text: string): readonly string[] {
  if (text === '') throw new FixupError('the method name is empty');
  const names = text.split('|').map((n) => n.trim().toUpperCase());
  if (names.length > 1) {
    const unknown = names.find((n) => !KNOWN_METHODS.has(n));
    if (unknown !== undefined) throw new FixupError(`"${unknown}" is not a method Kamailio knows; a list may hold only known methods`);
  }
  return names;
}

function isMethod(ctx: ExecContext, names: readonly string[]): number {
  const m = ctx.message;
  let method = m.method;
  if (!m.isRequest) {
    const cseq = m.cseq();
    if (!cseq || isSipError(cseq)) return -1;
    method = cseq.method;
  }
  return names.includes(method.toUpperCase()) ? 1 : -1;
}

const PRIVACY_VALUES = new Set(['header', 'session', 'user', 'none', 'critical', 'id', 'history']);

function privacyValue(text: string): string {
  const value = text.trim().toLowerCase();
  if (!PRIVACY_VALUES.has(value)) throw new FixupError(`"${text}" is not a privacy value (${[...PRIVACY_VALUES].join(', ')})`);
  return value;
}

function isPrivacy(ctx: ExecContext, value: string): number {
  const header = ctx.message.header('privacy');
  if (header === undefined) return -1;
  const values = header.split(';').map((v) => v.trim().toLowerCase());
  if (values.some((v) => !PRIVACY_VALUES.has(v))) return -1;
  return values.includes(value) ? 1 : -1;
}

export const messageChecks: readonly CommandDecl[] = [
  command({ name: 'is_method', args: [{ name: 'name', type: 'str', fixup: methodList }], routes: ANY_ROUTE, run: (ctx, [names]) => isMethod(ctx, names as unknown as string[]) }),
  command({ name: 'is_privacy', args: [{ name: 'privacy_type', type: 'str', fixup: privacyValue }], routes: ANY_ROUTE, run: (ctx, [value]) => isPrivacy(ctx, value) }),
];
