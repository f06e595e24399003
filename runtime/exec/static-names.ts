// Names the script gives addresses for (corex's dns_cache): consulted before
// the system's resolver whenever a destination is a name. A record may mark
// a name unresolvable, and may expire (its TTL, in seconds) unless
// permanent; an expired one leaves the name to the resolver again.

export interface StaticName {
  readonly name: string;
  /** 4 (A) or 6 (AAAA). */
  readonly family: 4 | 6;
  /** The address; undefined for a name marked unresolvable. */
  readonly address: string | undefined;
  /** When it stops applying (ms since the epoch); Infinity when permanent. */
  readonly expires: number;
}

export class StaticNames {
  private readonly byName = new Map<string, StaticName[]>();

  get size(): number {
    return this.byName.size;
  }

  /** Adds a record; a permanent one for the same name and family is never replaced (as Kamailio's flag 2 says). */
  add(record: StaticName): void {
    const key = record.name.toLowerCase();
    const list = (this.byName.get(key) ?? []).filter((r) => r.family !== record.family || r.expires === Infinity);
    if (list.some((r) => r.family === record.family)) return;
    list.push(record);
    this.byName.set(key, list);
  }

  /**
   * The record for a name: of the family asked for, else of either (IPv4
   * first); undefined when none applies now.
   */
  find(name: string, family: 0 | 4 | 6, now = Date.now()): StaticName | undefined {
    const list = this.byName.get(name.toLowerCase());
    if (!list) return undefined;
    const live = list.filter((r) => r.expires > now);
    return family === 0 ? (live.find((r) => r.family === 4) ?? live[0]) : live.find((r) => r.family === family);
  }
}
