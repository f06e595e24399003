// A Contact q value ("0.5", "1", ".25") read into thousandths the way
// Kamailio's str2q does (checked against Kamailio 5.6): leading blanks
// allowed, 1 only as 1 or 1. followed by zeros, otherwise 0 or no integer
// part with decimals, of which the first three count.

const Q_VALUE = /^[ \t]*(?:(1)(?:\.0+)?|0*(?:\.(\d+))?)$/;

/** Thousandths, or undefined when the text is not a q value. */
export function parseQ(text: string): number | undefined {
  const m = Q_VALUE.exec(text);
  if (!m || text.trim() === '') return undefined;
  if (m[1] !== undefined) return 1000;
  return m[2] === undefined ? 0 : Number(m[2].slice(0, 3).padEnd(3, '0'));
}
