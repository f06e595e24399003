// $C(xy): the terminal escape that sets the foreground (x) and background
// (y) colour of what follows in a log line. Letters: x the terminal's
// default, s black, r red, g green, y yellow, b blue, p purple, c cyan,
// w white; a capital foreground is the bold one. As in Kamailio 5.6, the
// escape is empty unless the script logs to stderr (log_stderror) or xlog's
// force_color is set.

import { FixupError, type PvAccess, type PvClassDecl } from '../api.js';

const COLOURS = 'srgybpcw';

/** force_color, as the loaded xlog's init read it. */
let forced = false;

export function setForceColor(on: boolean): void {
  forced = on;
}

/** The SGR code of a colour letter: its offset from 30 (foreground) or 40 (background); 9 is the default. */
function colourCode(letter: string, what: string): number {
  if (letter === 'x') return 9;
  const i = COLOURS.indexOf(letter);
  if (i < 0) throw new FixupError(`\`${letter}\` is not a ${what} colour (x, s, r, g, y, b, p, c, w${what === 'foreground' ? ', or S ... W for bold' : ''})`);
  return i;
}

/** The escape sequence of a two-letter colour name. */
export function colourEscape(name: string): string {
  if (name.length !== 2) throw new FixupError(`\`${name}\` is not a colour: two letters, foreground then background (\`$C(rx)\`)`);
  const fg = name[0]!;
  const bold = fg >= 'A' && fg <= 'Z';
  const foreground = colourCode(bold ? fg.toLowerCase() : fg, 'foreground');
  if (bold && foreground === 9) throw new FixupError(`\`${fg}\` is not a foreground colour`);
  const background = colourCode(name[1]!, 'background');
  return `\x1b[${bold ? 1 : 0};${30 + foreground};${40 + background}m`;
}

export const colourClass: PvClassDecl = {
  name: 'C',
  inner: 'required',
  writable: false,
  compile: (ref): PvAccess => {
    if (ref.index) throw new FixupError('takes no index');
    if (!ref.name || ref.name.dynamic) throw new FixupError('needs a constant colour name (`$C(rx)`)');
    const escape = colourEscape(ref.name.text);
    return { get: (ctx) => (forced || ctx.local.logStderror ? escape : '') };
  },
};
