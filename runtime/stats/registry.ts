// Statistics as Kamailio keeps them: named counters in groups (`core`, one
// group per module, the groups the counters module's script_counter lines
// make). A group lists what it declares from the start (at 0) and any name
// counted later (usrloc's per-table counters); the control interface reads
// and resets them through the registry.

/** A counter only goes up (until reset); a gauge goes up and down. */
export type StatKind = 'counter' | 'gauge';

export interface StatInfo {
  readonly name: string;
  readonly kind: StatKind;
  readonly help: string;
}

/** A statistic's value in a cell of its own: counting looks it up once and adds in place. */
interface Cell {
  value: number;
}

/** One group of statistics: what modules count into (modules/api.ts's Statistics). */
export class StatGroup {
  private readonly values = new Map<string, Cell>();
  private readonly infos = new Map<string, StatInfo>();

  constructor(readonly name: string) {}

  /** Declares a statistic: listed (at 0) before anything counts it. */
  declare(info: StatInfo): void {
    this.infos.set(info.name, info);
    if (!this.values.has(info.name)) this.values.set(info.name, { value: 0 });
  }

  add(name: string, by = 1): void {
    const cell = this.values.get(name);
    if (cell) cell.value += by;
    else this.values.set(name, { value: by });
  }

  set(name: string, value: number): void {
    const cell = this.values.get(name);
    if (cell) cell.value = value;
    else this.values.set(name, { value });
  }

  get(name: string): number {
    return this.values.get(name)?.value ?? 0;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** What the statistic was declared as (undefined for one only counted). */
  info(name: string): StatInfo | undefined {
    return this.infos.get(name);
  }

  /** Every statistic's name, sorted as Kamailio lists them. */
  names(): string[] {
    return [...this.values.keys()].sort();
  }

  /** Sets a counter back to 0 (a gauge keeps its value, as Kamailio's no-reset statistics). */
  reset(name: string): void {
    const cell = this.values.get(name);
    if (cell && this.infos.get(name)?.kind !== 'gauge') cell.value = 0;
  }
}

/** Every group of a running script, by name. */
export class StatisticsRegistry {
  private readonly byName = new Map<string, StatGroup>();

  /** The group with this name, made empty when there is none yet. */
  group(name: string): StatGroup {
    let g = this.byName.get(name);
    if (!g) this.byName.set(name, (g = new StatGroup(name)));
    return g;
  }

  find(name: string): StatGroup | undefined {
    return this.byName.get(name);
  }

  /** The groups, sorted by name. */
  groups(): StatGroup[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
