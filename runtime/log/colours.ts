// Terminal colours as Kamailio names them: two letters, foreground then
// background (x the terminal's default, s black, r red, g green, y yellow,
// b blue, p purple, c cyan, w white; a capital foreground is the bold one).
// xlog's $C(xy) writes them; with log_color=1 the log lines on stderr are
// coloured by level, with the defaults Kamailio 5.6.3 uses (read from its
// output) unless xlog's log_colors changes them.

const COLOURS = 'srgybpcw';

export class ColourError extends Error {}

/** The SGR code of a colour letter: its offset from 30 (foreground) or 40 (background); 9 is the default. */
function colourCode(letter: string, what: string): number {
  if (letter === 'x') return 9;
  const i = COLOURS.indexOf(letter);
  if (i < 0) throw new ColourError(`\`${letter}\` is not a ${what} colour (x, s, r, g, y, b, p, c, w${what === 'foreground' ? ', or S ... W for bold' : ''})`);
  return i;
}

/** The escape sequence of a two-letter colour name; throws ColourError for another name. */
export function colourEscape(name: string): string {
  if (name.length !== 2) throw new ColourError(`\`${name}\` is not a colour: two letters, foreground then background (\`rx\`)`);
  const fg = name[0]!;
  const bold = fg >= 'A' && fg <= 'Z';
  const foreground = colourCode(bold ? fg.toLowerCase() : fg, 'foreground');
  if (bold && foreground === 9) throw new ColourError(`\`${fg}\` is not a foreground colour`);
  const background = colourCode(name[1]!, 'background');
  return `\x1b[${bold ? 1 : 0};${30 + foreground};${40 + background}m`;
}

/** What ends a coloured line: the terminal's default colours. */
export const COLOUR_RESET = colourEscape('xx');

/** Kamailio's colour for each log level (L_ALERT -5 ... L_DBG 3). */
const DEFAULT_LEVEL_COLOURS: ReadonlyArray<readonly [number, string]> = [
  [-5, 'Rx'],
  [-4, 'Px'],
  [-3, 'yx'],
  [-2, 'yx'],
  [-1, 'rx'],
  [0, 'px'],
  [1, 'gx'],
  [2, 'cx'],
  [3, 'xx'],
];

/** The escape for each level: Kamailio's defaults with `changes` (level -> colour name) applied. */
export function levelColours(changes: ReadonlyMap<number, string> = new Map()): Map<number, string> {
  const out = new Map<number, string>();
  for (const [level, name] of DEFAULT_LEVEL_COLOURS) out.set(level, colourEscape(changes.get(level) ?? name));
  for (const [level, name] of changes) out.set(level, colourEscape(name));
  return out;
}
