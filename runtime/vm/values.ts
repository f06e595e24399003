// Script values and Kamailio's conversions between them: an integer, a
// string, or null (no value: an unset AVP, $null). Checked against Kamailio
// 5.6 (test/runtime/vm): a string converts to an integer only when it is all
// digits ("12abc" gives 0), and a condition is true when its integer is > 0.

export type Value = number | string | null;

const DECIMAL = /^[+-]?\d+$/;

/** The integer a value converts to. */
export function toInt(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === null) return 0;
  return DECIMAL.test(v) ? Number.parseInt(v, 10) | 0 : 0;
}

/** The string a value converts to (null gives the empty string). */
export function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  return v === null ? '' : String(v);
}

/** Whether a condition with this value holds: its integer is above zero. */
export function isTrue(v: Value): boolean {
  return toInt(v) > 0;
}
