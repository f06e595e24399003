// $C(xy): the terminal escape that sets the foreground (x) and background
// (y) colour of what follows in a log line (runtime/log/colours.ts names
// them); and log_colors, which changes the colour of a log level's lines
// when the core colours them (log_color=1). As in Kamailio 5.6, the
// escape is empty unless the script logs to stderr (log_stderror) or xlog's
// force_color is set.

import { FixupError, type PvAccess, type PvClassDecl } from '../api.js';
import { ColourError, colourEscape } from '../../runtime/log/colours.js';
import { parseLevel } from './levels.js';

/** force_color, as the loaded xlog's init read it. */
let forced = false;

export function setForceColor(on: boolean): void {
  forced = on;
}

/** A colour name's escape, or a FixupError naming what is wrong with it. */
export function colourOf(name: string): string {
  try {
    return colourEscape(name);
  } catch (e) {
    if (e instanceof ColourError) throw new FixupError(e.message);
    throw e;
  }
}

/**
 * log_colors (set any number of times, each `L_ERR=cr` or a `;`-separated
 * list of them): the colour name for each level named.
 */
export function logColours(values: readonly string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const value of values) {
    for (const part of value.split(';')) {
      if (part.trim() === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new FixupError(`"${part.trim()}" is not level=colours (as in L_ERR=cr)`);
      const name = part.slice(eq + 1).trim();
      colourOf(name);
      out.set(parseLevel(part.slice(0, eq)), name);
    }
  }
  return out;
}

export const colourClass: PvClassDecl = {
  name: 'C',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    if (ref.index) throw new FixupError('takes no index');
    if (!ref.name || ref.name.dynamic) throw new FixupError('needs a constant colour name (`$C(rx)`)');
    const escape = colourOf(ref.name.text);
    return { get: (ctx) => (forced || ctx.local.logStderror ? escape : '') };
  },
};
