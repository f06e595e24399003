// The words Kamailio 5.6's lexer takes for its own tokens, which a script
// cannot write unquoted where a name goes (`route[udp]`, `route(debug)` are
// syntax errors there): the core parameters, core functions and keyword
// operands, the transports, the TLS methods and a few words of listen= lines.
// Each was tried with kamailio -c as `route[WORD]`.

import { CORE_FUNCTIONS, KEYWORD_OPERANDS } from './functions.js';
import { CORE_PARAMS, PROTOCOLS, TLS_METHODS } from './params.js';

/** Core parameters siprc accepts that Kamailio 5.6 does not know (docs/dialect.md), so does not reserve. */
const SIPRC_ONLY_PARAMS = new Set(['log_level']);

const OTHER_WORDS = ['max_len', 'advertise', 'ADVERTISE', 'name', 'NAME', 'virtual', 'statistics', 'kemi', 'loadmodulex'];

const RESERVED = new Set([
  ...[...CORE_PARAMS.keys()].filter((p) => !SIPRC_ONLY_PARAMS.has(p)),
  ...CORE_FUNCTIONS.keys(),
  ...KEYWORD_OPERANDS.keys(),
  ...PROTOCOLS,
  ...TLS_METHODS,
  ...OTHER_WORDS,
]);

/** True when Kamailio reads the word as one of its tokens, not as a name. */
export function isReservedWord(word: string): boolean {
  return RESERVED.has(word);
}
