// The modules a script can load: those siprc provides (with full
// declarations), those of the dialect it only knows by name, and those a
// user wrote, loaded beforehand from the files or packages the script names.

import type { DiagnosticCode } from '../grammar/diagnostics.js';
import type { ModuleDecl } from '../modules/api.js';
import { knownModules, type KnownModule } from './known-modules/index.js';

/** A module from a file or npm package: its declaration, or why it could not be loaded. */
export type UserModule = { readonly decl: ModuleDecl } | { readonly error: { readonly code: DiagnosticCode; readonly message: string } };

export class ModuleRegistry {
  private readonly provided: ReadonlyMap<string, ModuleDecl>;

  /** `userModules`: by the path as a loadmodule line writes it. */
  constructor(
    modules: readonly ModuleDecl[],
    private readonly userModules: ReadonlyMap<string, UserModule> = new Map(),
  ) {
    this.provided = new Map(modules.map((m) => [m.name, m]));
  }

  /** The module a loadmodule line names by file or package, if it was loaded (or tried). */
  userModule(path: string): UserModule | undefined {
    return this.userModules.get(path);
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
