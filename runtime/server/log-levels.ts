// Kamailio's log level numbers (L_ALERT -5 ... L_DBG 3) as the names its log
// lines carry, for the server's stderr output.

const NAMES = new Map<number, string>([
  [-5, 'ALERT'],
  [-4, 'BUG'],
  [-3, 'CRITICAL'],
  [-2, 'CRITICAL'],
  [-1, 'ERROR'],
  [0, 'WARNING'],
  [1, 'NOTICE'],
  [2, 'INFO'],
  [3, 'DEBUG'],
]);

export function levelName(level: number): string {
  return NAMES.get(level) ?? (level < 0 ? 'ALERT' : 'DEBUG');
}

/** The number of a server log level, as `debug=` compares it. */
export const LEVEL_NUMBERS = { error: -1, warning: 0, notice: 1, info: 2, debug: 3 } as const;
