// The unsigned numbers sanity accepts in CSeq and Expires, as Kamailio 5.6
// checks them: digits only, at most ten, and not above 4294967296 (one more
// than 2^32 - 1: Kamailio's own bound).

const DIGITS = /^[0-9]{1,10}$/;
const LIMIT = '4294967296';

export function isValidUint(text: string): boolean {
  return DIGITS.test(text) && (text.length < LIMIT.length || text <= LIMIT);
}
