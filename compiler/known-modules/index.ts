// The catalogue of the dialect's modules that siprc knows by name: their
// functions, parameters, pseudo-variables and transformations. It lets the
// checker say "module tm is not available in siprc yet" rather than "unknown
// module", and keep quiet about the commands such a module would provide.

import catalogue from './catalogue.json' with { type: 'json' };
import { KNOWN_PV_CLASSES, KNOWN_TRANSFORMATIONS, type KnownPvClass } from './pseudo-variables.js';

export interface KnownModule {
  readonly name: string;
  readonly functions: ReadonlySet<string>;
  /** Function -> the argument counts it takes, where Kamailio was asked (any count when it took all of 0 to 6). */
  readonly arities: ReadonlyMap<string, readonly number[]>;
  readonly params: ReadonlySet<string>;
  readonly pvClasses: readonly KnownPvClass[];
  /** Transformation class -> methods (empty when not recorded). */
  readonly transformations: Readonly<Record<string, readonly string[]>>;
}

/** `functions`: name -> argument counts, or null when only a README names it. */
type CatalogueEntry = { functions: Record<string, number[] | null>; params: string[]; pseudoVariables: string[] };

let modules: Map<string, KnownModule> | undefined;

export function knownModules(): ReadonlyMap<string, KnownModule> {
  if (!modules) {
    modules = new Map();
    for (const [name, entry] of Object.entries(catalogue as Record<string, CatalogueEntry>)) {
      const listed = entry.pseudoVariables.map((n): KnownPvClass => ({ name: n, inner: 'unknown' }));
      modules.set(name, {
        name,
        functions: new Set(Object.keys(entry.functions)),
        arities: new Map(Object.entries(entry.functions).filter((e): e is [string, number[]] => e[1] !== null)),
        params: new Set(entry.params),
        pvClasses: [...(KNOWN_PV_CLASSES[name] ?? []), ...listed],
        transformations: KNOWN_TRANSFORMATIONS[name] ?? {},
      });
    }
  }
  return modules;
}

export type { KnownPvClass };
