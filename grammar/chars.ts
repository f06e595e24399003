// Character classes of Kamailio's lexer, by character code: shared by the
// scanner and the string-literal reader.

export function isIdStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
export function isIdChar(c: number): boolean {
  return isIdStart(c) || isDigit(c);
}
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
export function isBlank(c: number): boolean {
  // space, tab, CR, backspace: Kamailio's EAT_ABLE
  return c === 32 || c === 9 || c === 13 || c === 8;
}
