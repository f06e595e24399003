// The table of preprocessor defines: names set by #!define and friends, by
// `-A NAME[=VALUE]`, by #!substdef, by #!defenv and by siprc itself.

import type { Span } from '../source.js';
import type { Token } from '../token.js';

export interface Define {
  readonly name: string;
  /** The value text; undefined for a define without a value (it expands to nothing). */
  readonly value: string | undefined;
  /** Where the value text can be scanned: a range in one of the sources. */
  readonly valueAt: Span | undefined;
  /** The name where it was defined (a `-A` define points into its command-line source). */
  readonly span: Span;
  /** The value's tokens, scanned once on first use. */
  tokens?: Token[];
}

/** A #!define inside a false #!ifdef region: kept to explain a later undefined name. */
export interface SkippedDefine {
  readonly name: string;
  readonly span: Span;
  /** The #!ifdef/#!ifndef/#!else whose condition kept it out. */
  readonly condition: string;
}

/** The dialect version siprc implements, announced as Kamailio announces its own. */
export const DIALECT_VERSION = { major: 5, minor: 6, patch: 0 } as const;
export const SIPRC_VERSION = { major: 0, minor: 1, patch: 0 } as const;

/** Names defined before the script starts, with their values. */
export function predefinedDefines(): Array<[string, string | undefined]> {
  const { major, minor, patch } = DIALECT_VERSION;
  const s = SIPRC_VERSION;
  return [
    ['SIPRC', undefined],
    [`SIPRC_${s.major}`, undefined],
    [`SIPRC_${s.major}_${s.minor}`, undefined],
    ['SIPRC_VERSION', String(s.major * 1_000_000 + s.minor * 1000 + s.patch)],
    // Scripts test these to pick dialect features; siprc implements the 5.6 dialect.
    [`KAMAILIO_${major}`, undefined],
    [`KAMAILIO_${major}_${minor}`, undefined],
    [`KAMAILIO_${major}_${minor}_${patch}`, undefined],
    ['KAMAILIO_VERSION', String(major * 1_000_000 + minor * 1000 + patch)],
    ['OS_NAME', '"linux"'],
  ];
}

export class DefineTable {
  private readonly defines = new Map<string, Define>();
  readonly skipped = new Map<string, SkippedDefine>();

  get(name: string): Define | undefined {
    return this.defines.get(name);
  }

  has(name: string): boolean {
    return this.defines.has(name);
  }

  set(define: Define): void {
    this.defines.set(define.name, define);
  }

  delete(name: string): void {
    this.defines.delete(name);
  }

  all(): ReadonlyMap<string, Define> {
    return this.defines;
  }
}
