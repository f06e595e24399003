// The modules a script can load: those siprc provides (with full
// declarations) and those of the dialect it only knows by name.

import type { ModuleDecl } from '../modules/api.js';
import { knownModules, type KnownModule } from './known-modules/index.js';

export class ModuleRegistry {
  private readonly provided: ReadonlyMap<string, ModuleDecl>;

  constructor(modules: readonly ModuleDecl[]) {
    this.provided = new Map(modules.map((m) => [m.name, m]));
  }

  /** A module siprc provides. */
  module(name: string): ModuleDecl | undefined {
    return this.provided.get(name);
  }

  /** A module of the dialect that siprc does not provide yet. */
  unavailable(name: string): KnownModule | undefined {
    return this.provided.has(name) ? undefined : knownModules().get(name);
  }

  /** Every module name a script could mean, for suggestions. */
  names(): string[] {
    return [...new Set([...this.provided.keys(), ...knownModules().keys()])];
  }

  providedModules(): Iterable<ModuleDecl> {
    return this.provided.values();
  }

  /** Modules (provided or not) that export a script function of this name. */
  modulesWithFunction(name: string): string[] {
    const out: string[] = [];
    for (const m of this.provided.values()) if (m.commands.some((c) => c.name === name)) out.push(m.name);
    for (const m of knownModules().values()) if (!this.provided.has(m.name) && m.functions.has(name)) out.push(m.name);
    return out;
  }
}
