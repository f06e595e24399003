// The counters a script declares (modparam script_counter), in Kamailio 5.6's
// form `[group.]name[( |:)description]`, and the `[group.]name` a command
// names one by.

import { FixupError } from '../api.js';

export interface CounterDecl {
  readonly group: string;
  readonly name: string;
  readonly help: string;
}

/** The default description, as Kamailio 5.6 gives one (cnt.help), its full stop included. */
const DEFAULT_HELP = 'custom script counter.';

/** A group or counter name: no spaces, no dot, no colon, not empty. */
const NAME = /^[^\s.:]+$/;

/** One script_counter value; a string saying what is wrong when it is bad. */
export function parseDeclaration(text: string, defaultGroup: string): CounterDecl | string {
  const sep = /[ :]/.exec(text);
  const id = sep ? text.slice(0, sep.index) : text;
  const help = sep ? text.slice(sep.index + 1).trim() : '';
  const ref = parseRef(id);
  if (typeof ref === 'string') return `script_counter "${text}": ${ref}`;
  return { group: ref.group ?? defaultGroup, name: ref.name, help: help || DEFAULT_HELP };
}

export interface CounterRef {
  /** Undefined: the script_cnt_grp_name group. */
  readonly group: string | undefined;
  readonly name: string;
}

function parseRef(text: string): CounterRef | string {
  const dot = text.indexOf('.');
  const group = dot >= 0 ? text.slice(0, dot) : undefined;
  const name = dot >= 0 ? text.slice(dot + 1) : text;
  if (group !== undefined && !NAME.test(group)) return `bad group name "${group}"`;
  if (!NAME.test(name)) return name === '' ? 'no counter name' : `bad counter name "${name}"`;
  return { group, name };
}

/** A command's `[group.]name` argument, checked when the script is fixed up. */
export function counterRefFixup(text: string): CounterRef {
  const ref = parseRef(text);
  if (typeof ref === 'string') throw new FixupError(`counter "${text}": ${ref}`);
  return ref;
}
