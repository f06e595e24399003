// siputils' checks of a string's characters: is_tel_number, is_numeric,
// is_alphanum and is_alphanumex. Return codes as Kamailio 5.6 gives them:
// 1 when it matches, -2 for an empty string (and for a string that is not a
// number), -3 for one with a character outside the set.

import { command, type CommandDecl } from '../api.js';
import { ANY } from './routes.js';

const TEL_NUMBER = /^\+?[0-9]+$/;
const NUMERIC = /^[0-9]+$/;
const ALPHANUMERIC = /^[A-Za-z0-9]$/;

/** Whether every character is an ASCII letter or digit or one of `extra`. */
function onlyAlphanumeric(text: string, extra: string): number {
  if (text === '') return -2;
  for (const c of text) if (!ALPHANUMERIC.test(c) && !extra.includes(c)) return -3;
  return 1;
}

const TVAL = { name: 'tval', type: 'spve' } as const;

export const textCheckCommands: readonly CommandDecl[] = [
  command({ name: 'is_tel_number', args: [TVAL], routes: ANY, run: (_ctx, [text]) => (TEL_NUMBER.test(text) ? 1 : -2) }),
  command({ name: 'is_numeric', args: [TVAL], routes: ANY, run: (_ctx, [text]) => (NUMERIC.test(text) ? 1 : -2) }),
  command({ name: 'is_alphanum', args: [TVAL], routes: ANY, run: (_ctx, [text]) => onlyAlphanumeric(text, '') }),
  command({ name: 'is_alphanumex', args: [TVAL, { name: 'eset', type: 'spve' }], routes: ANY, run: (_ctx, [text, extra]) => onlyAlphanumeric(text, extra) }),
];
