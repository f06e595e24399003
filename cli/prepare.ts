// From a checked script to what runs it: the bytecode (verified), the linked
// modules, and a runner with the script's limits. `siprc exec` and
// `siprc run` both start here; a script using something siprc cannot run yet
// is refused with the list.

import type { CheckedScript } from '../compiler/check.js';
import { link, type Linked } from '../compiler/link.js';
import { lowerScript } from '../compiler/lower.js';
import type { Program } from '../runtime/bytecode/program.js';
import { verify } from '../runtime/bytecode/verify.js';
import type { ScriptPosition } from '../runtime/exec/context.js';
import { routeNameAt, ScriptRunner, unsupported } from '../runtime/exec/run.js';
import { cfgTracer } from '../modules/debugger/cfgtrace.js';
import { limits } from './script-settings.js';

export interface Prepared {
  readonly program: Program;
  readonly linked: Linked;
  readonly runner: ScriptRunner;
  /** Where an instruction is (file, line, route), for the pseudo-variables and log lines that say so. */
  readonly whereIs: (pc: number) => ScriptPosition | undefined;
  /** An instruction's position as `file:line:col`. */
  readonly describe: (pc: number) => string | undefined;
}

/** The prepared script, or why it cannot run (`what` names the command refusing: `siprc exec`, `siprc run`). */
export function prepare(checked: CheckedScript, what: string, trace = true): Prepared | { readonly error: string } {
  const linked = link(checked);
  if ('error' in linked) return { error: linked.error };
  return prepareRunner(checked, linked, what, trace);
}

/**
 * The script's program and a runner for it on modules already linked: what
 * `prepare` does after linking, and what a reload does on the running
 * server's modules.
 */
export function prepareRunner(checked: CheckedScript, linked: Linked, what: string, trace = false): Prepared | { readonly error: string } {
  const program = lowerScript(checked);
  const problems = verify(program);
  if (problems.length > 0) throw new Error(`the compiled bytecode does not verify:\n${problems.join('\n')}`);
  const missing = unsupported(program, linked.commands);
  if (missing.length > 0) return { error: `${what} cannot run this script yet; it uses: ${missing.join(', ')}` };
  const whereIs = (pc: number): ScriptPosition | undefined => {
    const position = program.positions[pc];
    if (!position) return undefined;
    const file = checked.parse.sources.get(position.file);
    return { file: file.path, line: file.position(position.start).line, route: routeNameAt(program, pc), main: checked.parse.sources.get(0).path };
  };
  const describe = (pc: number): string | undefined => {
    const position = program.positions[pc];
    return position && checked.parse.sources.describe(position);
  };
  const runner = new ScriptRunner(program, linked.commands, {
    ...limits(checked),
    trace,
    replyReceived: linked.replyReceived,
    requestReceived: linked.requestReceived,
    wireFilter: linked.wireFilter,
    statistics: linked.statistics,
    worker: linked.worker,
    whereIs,
    describe,
    ...traced(linked),
  });
  return { program, linked, runner, whereIs, describe };
}

/** The debugger module's cfgtrace, told of each action, when the script loads it. */
function traced(linked: Linked): { onAction?: ReturnType<typeof cfgTracer> } {
  const debug = linked.modules.find((m) => m.decl.name === 'debugger');
  return debug ? { onAction: cfgTracer(debug) } : {};
}

/** Runs the modules' destroy hooks (closing their storage), each once; a failing one is reported, not thrown. */
export async function stopModules(modules: Linked['modules'], log: (line: string) => void = (l) => process.stderr.write(l)): Promise<void> {
  for (const m of modules) {
    try {
      await m.decl.destroy?.(m);
    } catch (e) {
      log(`module ${m.decl.name}: ${(e as Error).message}\n`);
    }
  }
}
