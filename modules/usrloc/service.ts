// The running usrloc: its settings, the database connection when db_url and
// db_mode ask for one, the location tables by name, the ruid generator and
// the expiry timer, which runs every timer_interval seconds on every table
// (unreferenced: it never keeps a process alive on its own).

import type { Statistics } from '../api.js';
import { connectDb } from '../db/connect.js';
import type { Contact } from './contact.js';
import { LocationDb } from './db-ops.js';
import { Domain } from './domain.js';
import { DB_NONE, type Settings } from './settings.js';

export type ExpiredListener = (domain: string, contact: Contact) => void;

export class Usrloc {
  private readonly domains = new Map<string, Domain>();
  private timerHandle: NodeJS.Timeout | undefined;
  private ruids = 0;
  private readonly ruidPrefix = `uloc-${Math.floor(Date.now() / 1000).toString(16)}-${process.pid.toString(16)}`;
  readonly expiredListeners: ExpiredListener[] = [];
  /** Seconds since the epoch (tests replace it). */
  now: () => number = () => Math.floor(Date.now() / 1000);
  log: (text: string) => void = (text) => process.stderr.write(`usrloc: ${text}\n`);

  private constructor(
    readonly settings: Settings,
    readonly db: LocationDb | undefined,
    readonly stats: Statistics,
  ) {}

  /** Connects to the database (when the mode uses one), checks and loads the preloaded tables. */
  static async start(settings: Settings, stats: Statistics, tables: Iterable<string>): Promise<Usrloc> {
    let db: LocationDb | undefined;
    if (settings.dbMode !== DB_NONE) db = new LocationDb(await connectDb(settings.dbUrl), settings);
    const ul = new Usrloc(settings, db, stats);
    try {
      for (const name of new Set([...settings.preload, ...tables])) await ul.open(name);
    } catch (e) {
      await db?.db.close();
      throw e;
    }
    return ul;
  }

  /** Makes a table ready at start: its version checked (version_table) and, in modes 1, 2 and 4, its rows loaded. */
  async open(name: string): Promise<void> {
    const refused = await this.db?.checkVersion(name);
    if (refused) throw new Error(refused);
    await this.domain(name).load();
  }

  /** A memory-only usrloc (db_mode 0), ready at once. */
  static inMemory(settings: Settings, stats: Statistics): Usrloc {
    return new Usrloc(settings, undefined, stats);
  }

  /** The table of that name (registered on first use, as Kamailio's ul_register_udomain). */
  domain(name: string): Domain {
    let d = this.domains.get(name);
    if (!d) {
      d = new Domain(name, this);
      this.domains.set(name, d);
    }
    return d;
  }

  /** Whether a table of that name is in use (registered by a module or loaded at start). */
  hasDomain(name: string): boolean {
    return this.domains.has(name);
  }

  /** The names of the tables in use, in the order they were first used. */
  domainNames(): string[] {
    return [...this.domains.keys()];
  }

  newRuid(): string {
    return `${this.ruidPrefix}-${(++this.ruids).toString(16)}`;
  }

  startTimer(): void {
    const ms = Math.max(1, this.settings.timerInterval) * 1000;
    this.timerHandle = setInterval(() => void this.runTimer(), ms);
    this.timerHandle.unref();
  }

  /** One timer run over every table; a storage error is logged, the next run tries again. */
  async runTimer(): Promise<void> {
    const now = this.now();
    for (const d of this.domains.values()) {
      try {
        const expired = await d.timer(now);
        for (const c of expired) for (const l of this.expiredListeners) l(d.name, c);
      } catch (e) {
        this.log(`timer on table ${d.name}: ${(e as Error).message}`);
      }
    }
  }

  private stopping: Promise<void> | undefined;

  /** Stops the timer; in write-back mode writes what is pending; closes the connection. Once. */
  stop(): Promise<void> {
    return (this.stopping ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    if (this.timerHandle) clearInterval(this.timerHandle);
    this.timerHandle = undefined;
    for (const d of this.domains.values()) await d.flush().catch((e: Error) => this.log(`flush of table ${d.name}: ${e.message}`));
    await this.db?.db.close().catch((e: Error) => this.log(`closing ${this.db!.db.url.redacted}: ${e.message}`));
  }
}
