// The catalogue of the dialect's modules that siprc knows by name: their
// functions, parameters, pseudo-variables and transformations. It lets the
// checker say "module tm is not available in siprc yet" rather than "unknown
// module", and keep quiet about the commands such a module would provide.

import catalogue from './catalogue.json' with { type: 'json' };
import { KNOWN_PV_CLASSES, KNOWN_TRANSFORMATIONS, type KnownPvClass } from './pseudo-variables.js';

export interface KnownModule {
  readonly name: string;
  readonly functions: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
  readonly pvClasses: readonly KnownPvClass[];
  /** Transformation class -> methods (empty when not recorded). */
  readonly transformations: Readonly<Record<string, readonly string[]>>;
}

type CatalogueEntry = { functions: string[]; params: string[]; pseudoVariables: string[] };

let modules: Map<string, KnownModule> | undefined;

export function knownModules(): ReadonlyMap<string, KnownModule> {
  if (!modules) {
    modules = new Map();
    for (const [name, entry] of Object.entries(catalogue as Record<string, CatalogueEntry>)) {
      const listed = entry.pseudoVariables.map((n): KnownPvClass => ({ name: n, inner: 'unknown' }));
      modules.set(name, {
        name,
        functions: new Set(entry.functions),
        params: new Set(entry.params),
        pvClasses: [...(KNOWN_PV_CLASSES[name] ?? []), ...listed],
        transformations: KNOWN_TRANSFORMATIONS[name] ?? {},
      });
    }
  }
  return modules;
}

export type { KnownPvClass };
