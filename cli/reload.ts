// Reloading the script a running server serves (SIGHUP, the siprc.reload
// control command). The file is compiled again with the same defines; on any
// error the running script keeps serving and the errors come back with their
// positions. A new script that changes what only a restart can change (the
// modules loaded, a module parameter the module reads only at start, the
// listen sockets and aliases, a core setting applied at start) is refused,
// naming each change. Otherwise the new program is bound to the same module
// instances (locations, transactions and statistics live there) and new
// messages run it, while transactions in flight finish their routes with the
// program they started with (each message keeps the runner it started on).

import { Chalk } from 'chalk';
import type { CheckedScript } from '../compiler/check.js';
import type { Linked } from '../compiler/link.js';
import { element } from '../compiler/dump.js';
import type { GlobalParam } from '../grammar/ast.js';
import { compileFileWithModules } from './compile.js';
import { prepareRunner, type Prepared } from './prepare.js';
import { renderText } from './render.js';
import { localIdentity } from './script-settings.js';
import { RpcError } from '../runtime/rpc/dispatcher.js';

/**
 * Core settings a reload applies to new messages (the new runner's limits);
 * any other changed setting needs a restart (`debug` changes live through
 * cfg.seti core debug).
 */
const LIVE_SETTINGS = new Set(['max_while_loops', 'max_recursive_level']);

export type ReloadResult =
  | { readonly ok: true; readonly prepared: Prepared; readonly checked: CheckedScript }
  | { readonly ok: false; readonly errors: readonly string[] };

/** The script now served: what it was compiled from, and what runs it. */
export interface Served {
  readonly path: string;
  readonly defines: readonly string[];
  readonly checked: CheckedScript;
  readonly prepared: Prepared;
}

/**
 * Compiles the served script's file again and prepares it to run on the same
 * modules, or says why it cannot (errors with positions, or what changed that
 * needs a restart). The caller swaps the runner in.
 */
export async function reloadScript(served: Served): Promise<ReloadResult> {
  let checked: CheckedScript;
  try {
    checked = await compileFileWithModules(served.path, served.defines);
  } catch (e) {
    return { ok: false, errors: [`${served.path}: ${(e as Error).message}`] };
  }
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const text = renderText(errors, checked.parse.sources, new Chalk({ level: 0 }));
    return { ok: false, errors: text.split(/\n(?=\S+:\d+:\d+: )/).map((e) => e.trimEnd()) };
  }
  const changes = [...moduleChanges(served.checked, checked, served.prepared.linked), ...settingChanges(served.checked, checked)];
  if (changes.length > 0) return { ok: false, errors: changes.map((c) => `${c}: siprc applies it at start only; restart to change it`) };
  const prepared = prepareRunner(checked, served.prepared.linked, 'siprc reload');
  if ('error' in prepared) return { ok: false, errors: [prepared.error] };
  for (const [module, values] of reloadedParams(checked, served.prepared.linked)) {
    for (const [name, value] of values) module.params.set(name, value);
  }
  return { ok: true, prepared, checked };
}

/** The modules loaded and their parameters: the same list, and no parameter changed that the module reads only at start. */
function moduleChanges(before: CheckedScript, after: CheckedScript, linked: Linked): string[] {
  const names = (c: CheckedScript): string => c.modules.map((m) => m.name).join(', ');
  if (names(before) !== names(after)) return [`the modules loaded (${names(before)} → ${names(after)})`];
  const out: string[] = [];
  after.modules.forEach((m, i) => {
    const old = before.modules[i]!;
    const live = new Set(linked.modules.find((l) => l.decl.name === m.name)?.decl.reloadableParams ?? []);
    for (const name of new Set([...old.params.keys(), ...m.params.keys()])) {
      if (same(old.params.get(name), m.params.get(name)) || live.has(name)) continue;
      out.push(`parameter ${name} of module ${m.name} (${show(old.params.get(name))} → ${show(m.params.get(name))})`);
    }
  });
  return out;
}

/** The reloadable parameters the new script sets, per running module instance (defaults for those it no longer sets). */
function reloadedParams(after: CheckedScript, linked: Linked): Array<[Linked['modules'][number] & { params: Map<string, unknown> }, Map<string, unknown>]> {
  const out: Array<[Linked['modules'][number] & { params: Map<string, unknown> }, Map<string, unknown>]> = [];
  for (const m of after.modules) {
    const instance = linked.modules.find((l) => l.decl.name === m.name);
    if (!instance?.decl.reloadableParams?.length) continue;
    const values = new Map<string, unknown>();
    for (const name of instance.decl.reloadableParams) {
      values.set(name, m.params.has(name) ? m.params.get(name) : instance.decl.params.find((p) => p.name === name)?.default);
    }
    out.push([instance as Linked['modules'][number] & { params: Map<string, unknown> }, values]);
  }
  return out;
}

/** Core settings that differ, other than the ones applied live; listen sockets and aliases compared as the server reads them. */
function settingChanges(before: CheckedScript, after: CheckedScript): string[] {
  const out: string[] = [];
  const a = settings(before);
  const b = settings(after);
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (LIVE_SETTINGS.has(name) || name === 'listen' || name === 'alias' || same(a.get(name), b.get(name))) continue;
    out.push(`core setting ${name} (${show(a.get(name))} → ${show(b.get(name))})`);
  }
  const identity = (c: CheckedScript): string => JSON.stringify({ sockets: localIdentity(c).sockets, names: localIdentity(c).names });
  if (identity(before) !== identity(after)) out.push('the listen sockets or aliases');
  return out;
}

/** Each core setting's values as written (a setting given twice keeps both), by name. */
function settings(checked: CheckedScript): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const item of checked.parse.script.items) {
    if (item.kind !== 'global') continue;
    const g = item as GlobalParam;
    const list = out.get(g.name) ?? [];
    list.push(g.value.map(element).join(' '));
    out.set(g.name, list);
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  if (value === undefined) return 'not set';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/** What a reload swaps the runner of. */
export interface Reloadable {
  replaceRunner(runner: Prepared['runner']): void;
}

/**
 * Serves reloads for a running server: the siprc.reload control method
 * (its fault lists the errors) and SIGHUP (the result is logged). One reload
 * runs at a time. Returns what stops listening for SIGHUP.
 */
export function enableReload(first: Served, server: Reloadable, rpc: Linked['rpc'], log: (line: string) => void): () => void {
  let served = first;
  let running: Promise<unknown> = Promise.resolve();
  const reload = (): Promise<ReloadResult> => {
    const next = running.then(() => reloadScript(served));
    running = next.catch(() => undefined);
    return next.then((result) => {
      if (result.ok) {
        served = { ...served, checked: result.checked, prepared: result.prepared };
        server.replaceRunner(result.prepared.runner);
        log(`siprc: reloaded ${served.path}\n`);
      } else {
        log(`siprc: reload of ${served.path} refused; the running script goes on:\n${result.errors.join('\n')}\n`);
      }
      return result;
    });
  };
  rpc.register({
    name: 'siprc.reload',
    help: 'Compiles the served script again and serves new messages with it; a script with errors, or one changing what needs a restart, is refused with the reasons',
    run: async () => {
      const result = await reload();
      if (!result.ok) throw new RpcError(500, `reload refused:\n${result.errors.join('\n')}`);
      return { reloaded: served.path };
    },
  });
  const onHup = (): void => void reload();
  process.on('SIGHUP', onHup);
  return () => process.off('SIGHUP', onHup);
}
