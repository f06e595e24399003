// hf_iterator_* and bl_iterator_* with $hfitname, $hfitbody and $blitval:
// up to four names of each, changes as lumps at the current item.
// hf_iterator_prev steps back as Kamailio 5.6 does (see stepBack). Checked on
// Kamailio 5.6.

import { command, paramText, type CommandDecl, type ExecContext, type PvClassDecl, type PvName, type Value } from '../api.js';
import { bodyOf, type Region } from '../textops/regions.js';
import { ANY_ROUTE } from '../textops/routes.js';

type Kind = 'hf' | 'bl';

/**
 * Where an iterator is: `at` is -1 before the first item and the item count
 * past the last; `prev` the item next last stepped from (hf_iterator_prev's
 * starting point), undefined when there is none.
 */
interface Position {
  at: number;
  prev: number | undefined;
}
type Positions = Map<string, Position>;

const MAX_ITERATORS = 4;

function positions(ctx: ExecContext, kind: Kind): Positions {
  const key = `textopsx.${kind}_iterators`;
  let map = ctx.state.get(key) as Positions | undefined;
  if (!map) ctx.state.set(key, (map = new Map()));
  return map;
}

/** The body's lines, line ends included. */
function bodyLines(ctx: ExecContext): Region[] {
  const { start, end } = bodyOf(ctx.message);
  const text = ctx.message.text;
  const out: Region[] = [];
  for (let at = start; at < end; ) {
    const eol = text.indexOf('\n', at);
    const next = eol < 0 || eol >= end ? end : eol + 1;
    out.push({ start: at, end: next });
    at = next;
  }
  return out;
}

const count = (ctx: ExecContext, kind: Kind): number => (kind === 'hf' ? ctx.message.headerCount : bodyLines(ctx).length);

/** The current item's index, or undefined when the iterator is not on one. */
function current(ctx: ExecContext, kind: Kind, name: string): number | undefined {
  const at = positions(ctx, kind).get(name)?.at;
  return at === undefined || at < 0 || at >= count(ctx, kind) ? undefined : at;
}

function start(ctx: ExecContext, kind: Kind, name: string): number {
  const map = positions(ctx, kind);
  if (!map.has(name) && map.size >= MAX_ITERATORS) return -1;
  map.set(name, { at: -1, prev: undefined });
  return 1;
}

function next(ctx: ExecContext, kind: Kind, name: string): number {
  const position = positions(ctx, kind).get(name);
  if (position === undefined) return -1;
  const total = count(ctx, kind);
  if (position.at >= 0 && position.at < total) position.prev = position.at;
  position.at = Math.min(position.at + 1, total);
  return current(ctx, kind, name) === undefined ? -1 : 1;
}

/**
 * hf_iterator_prev, as Kamailio 5.6 steps back: to the item next last
 * stepped from, when it knows one (then forgets it); else to the item before
 * the current one, remembering the one before that, when the current one has
 * two items before it, and to no item otherwise. So from the fifth header it
 * goes to the fourth, third, second and then to none; from the sixth to the
 * fifth, ..., the first and none. On no item it stays there (1); past the
 * last one it fails (-1).
 */
function stepBack(ctx: ExecContext, name: string): number {
  const position = positions(ctx, 'hf').get(name);
  if (position === undefined) return -1;
  if (position.at >= count(ctx, 'hf')) return -1;
  if (position.prev !== undefined) {
    position.at = position.prev;
    position.prev = undefined;
  } else if (position.at >= 2) {
    position.prev = position.at - 2;
    position.at -= 1;
  } else {
    position.at = -1;
  }
  return 1;
}

/**
 * Ends an iterator: it is on no item and keeps its place among the four; as
 * in Kamailio 5.6, a header iterator's next starts over, a body one's fails.
 */
function end(ctx: ExecContext, kind: Kind, name: string): number {
  const position = positions(ctx, kind).get(name);
  if (position) position.at = kind === 'hf' ? -1 : count(ctx, kind);
  return 1;
}

/** Changes the message at the current item: removes it, or adds text after or before it. */
function change(ctx: ExecContext, kind: Kind, name: string, how: 'rm' | 'append' | 'insert', text = ''): number {
  const at = current(ctx, kind, name);
  if (at === undefined) return -1;
  if (kind === 'hf') {
    if (how === 'rm') ctx.edits.removeHeader(at);
    else ctx.edits.addHeaderText(how === 'append' ? { after: at } : { before: at }, text);
  } else {
    const line = bodyLines(ctx)[at]!;
    if (how === 'rm') ctx.edits.replaceText(line.start, line.end, '');
    else ctx.edits.replaceText(how === 'append' ? line.end : line.start, how === 'append' ? line.end : line.start, text);
  }
  return 1;
}

const NAME = { name: 'iname', type: 'spve' } as const;
const TEXT = { name: 'text', type: 'spve' } as const;

function family(kind: Kind): CommandDecl[] {
  const prefix = `${kind}_iterator_`;
  return [
    command({ name: `${prefix}start`, args: [NAME], routes: ANY_ROUTE, run: (ctx, [n]) => start(ctx, kind, n) }),
    command({ name: `${prefix}end`, args: [NAME], routes: ANY_ROUTE, run: (ctx, [n]) => end(ctx, kind, n) }),
    command({ name: `${prefix}next`, args: [NAME], routes: ANY_ROUTE, run: (ctx, [n]) => next(ctx, kind, n) }),
    command({ name: `${prefix}rm`, args: [NAME], routes: ANY_ROUTE, run: (ctx, [n]) => change(ctx, kind, n, 'rm') }),
    command({ name: `${prefix}append`, args: [NAME, TEXT], routes: ANY_ROUTE, run: (ctx, [n, t]) => change(ctx, kind, n, 'append', t) }),
    command({ name: `${prefix}insert`, args: [NAME, TEXT], routes: ANY_ROUTE, run: (ctx, [n, t]) => change(ctx, kind, n, 'insert', t) }),
  ];
}

export const iteratorCommands: readonly CommandDecl[] = [
  ...family('hf'),
  command({ name: 'hf_iterator_prev', args: [NAME], routes: ANY_ROUTE, run: (ctx, [n]) => stepBack(ctx, n) }),
  ...family('bl'),
];

/** A pseudo-variable reading the current item of the iterator it names. */
function itemClass(name: string, kind: Kind, read: (ctx: ExecContext, at: number) => Value): PvClassDecl {
  return {
    name,
    inner: 'required',
    writable: false,
    compile: (ref) => {
      const iterator = ref.name as PvName;
      return {
        get: (ctx) => {
          const at = current(ctx, kind, paramText(iterator, ctx));
          return at === undefined ? null : read(ctx, at);
        },
      };
    },
  };
}

export const iteratorVariables: readonly PvClassDecl[] = [
  itemClass('hfitname', 'hf', (ctx, at) => ctx.message.headerName(at)),
  itemClass('hfitbody', 'hf', (ctx, at) => ctx.message.headerValue(at)),
  itemClass('blitval', 'bl', (ctx, at) => {
    const line = bodyLines(ctx)[at]!;
    return ctx.message.text.slice(line.start, line.end);
  }),
];
