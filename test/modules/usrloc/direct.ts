// Test helper for usrloc's storage modes: usrloc and registrar built from
// parameters as modparam would set them, and REGISTERs (or other requests)
// run through registrar's commands directly, awaiting what they return, so
// that the database paths are tested without the script.

import type { ModuleDecl, Statistics } from '../../../modules/api.js';
import { registrar as registrarDecl } from '../../../modules/registrar/index.js';
import { settingsOf as registrarSettings } from '../../../modules/registrar/settings.js';
import type { Registrar } from '../../../modules/registrar/state.js';
import { usrloc as usrlocDecl } from '../../../modules/usrloc/index.js';
import { Usrloc } from '../../../modules/usrloc/service.js';
import { settingsOf as usrlocSettings } from '../../../modules/usrloc/settings.js';
import { ExecContext } from '../../../runtime/exec/context.js';
import { isSipError } from '../../../runtime/sip/errors.js';
import { SipMessage } from '../../../runtime/sip/message.js';

export class Stats implements Statistics {
  readonly values = new Map<string, number>();
  add(name: string, by = 1): void {
    this.values.set(name, this.get(name) + by);
  }
  set(name: string, value: number): void {
    this.values.set(name, value);
  }
  get(name: string): number {
    return this.values.get(name) ?? 0;
  }
}

/** A module's parameters: its defaults, then `set`. */
export function paramsOf(decl: ModuleDecl, set: Record<string, number | string> = {}): Map<string, number | string | Array<number | string>> {
  const p = new Map<string, number | string | Array<number | string>>();
  for (const d of decl.params) p.set(d.name, d.repeatable ? [] : (d.default as number | string));
  for (const [k, v] of Object.entries(set)) p.set(k, v);
  return p;
}

/** usrloc started with these parameters (connecting and loading `tables` when db_mode asks). */
export async function startUsrloc(set: Record<string, number | string>, tables: string[] = ['location']): Promise<Usrloc> {
  const s = usrlocSettings(paramsOf(usrlocDecl, set));
  if (typeof s === 'string') throw new Error(s);
  const ul = await Usrloc.start(s, new Stats(), tables);
  // The clock stands still unless a test moves it: remaining expires then read
  // the same however long the test takes (a second boundary made them 1 lower).
  const t0 = ul.now();
  ul.now = () => t0;
  return ul;
}

export function registrarOver(ul: Usrloc, set: Record<string, number | string> = {}): Registrar {
  const s = registrarSettings(paramsOf(registrarDecl, set));
  if (typeof s === 'string') throw new Error(s);
  return { ul, s, stats: new Stats(), tm: undefined };
}

/** A context for a message from 127.0.0.1:24070 arriving on 127.0.0.1:5060 over UDP. */
export function contextOf(text: string): ExecContext {
  const m = SipMessage.parse(Buffer.from(text, 'latin1'));
  if (isSipError(m)) throw new Error(m.reason);
  const ctx = new ExecContext(m, { address: '127.0.0.1', port: 24070 }, 'udp', { socket: { address: '127.0.0.1', port: 5060 }, names: [{ host: '127.0.0.1', port: 5060 }] });
  ctx.debugLevel = 3;
  return ctx;
}

/** The first line and the Contact line of what the context sent. */
export function replyOf(ctx: ExecContext): { status: string; contact: string | undefined; error: string | undefined } {
  const text = ctx.sent[0]?.data.toString('latin1') ?? '';
  const lines = text.split('\r\n');
  return { status: lines[0]!, contact: lines.find((l) => l.startsWith('Contact: ')), error: lines.find((l) => l.startsWith('P-Registrar-Error: ')) };
}
