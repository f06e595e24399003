// The run-time settings a running siprc lets an operator change (what
// Kamailio's cfg framework calls configuration variables, read and set by
// cfg_rpc's cfg.* methods). Only settings whose new value really takes
// effect are defined here, each by the part of siprc that reads it live:
// the server defines core's `debug`, tm its timers. A definition with the
// group and name of an earlier one replaces it (the latest server or module
// instance started owns the setting).

export interface CfgVar {
  readonly group: string;
  readonly name: string;
  readonly type: 'int' | 'str';
  /** What it sets, for cfg.help. */
  readonly help: string;
  /** For int settings: the range allowed. */
  readonly min?: number;
  readonly max?: number;
  /** The value in force. */
  get(): number | string;
  /** Puts a value in force (already checked against the type and range). */
  set(value: number | string): void;
}

export class CfgVars {
  private readonly vars = new Map<string, CfgVar & { readonly initial: number | string }>();

  /** Defines (or replaces) a setting; its value now is what cfg.reset goes back to. */
  define(v: CfgVar): void {
    this.vars.set(`${v.group}\0${v.name}`, { ...v, get: v.get, set: v.set, initial: v.get() });
  }

  find(group: string, name: string): CfgVar | undefined {
    return this.vars.get(`${group}\0${name}`);
  }

  /** Every setting, in the order defined; of one group when given. */
  list(group?: string): CfgVar[] {
    return [...this.vars.values()].filter((v) => group === undefined || v.group === group);
  }

  /** The value a setting had when defined. */
  initial(v: CfgVar): number | string | undefined {
    return this.vars.get(`${v.group}\0${v.name}`)?.initial;
  }

  /** Why a value cannot be given to a setting, or undefined when it can. */
  refuse(v: CfgVar, value: number | string): string | undefined {
    if (v.type === 'int') {
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${v.group}.${v.name} takes an integer`;
      if ((v.min !== undefined && value < v.min) || (v.max !== undefined && value > v.max)) return `${v.group}.${v.name} must be from ${v.min ?? '-2147483648'} to ${v.max ?? '2147483647'}, not ${value}`;
      return undefined;
    }
    return typeof value === 'string' ? undefined : `${v.group}.${v.name} takes a string`;
  }
}

/** The settings of this process. */
export const cfgVars = new CfgVars();
