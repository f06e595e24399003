// event_route[usrloc:contact-expired]: run for each contact usrloc's timer
// removes on expiry, with $ulc(exp=>...) holding it, on a stand-in request
// (as Kamailio runs it on its faked message), in the worker that last ran
// a registrar command (the timer runs outside any message).

import type { ExecContext } from '../api.js';
import type { LocalIdentity, WorkerState } from '../../runtime/exec/context.js';
import { ExecContext as Context } from '../../runtime/exec/context.js';
import { FAKED_MESSAGE } from '../../runtime/exec/faked-message.js';
import type { Contact } from '../usrloc/api.js';
import { profiles } from './ulc.js';

export const EXPIRED_ROUTE = 'usrloc:contact-expired';

/** Where the event runs: the worker and identity of the last message a registrar command ran on. */
export class ExpiredEvent {
  private site: { readonly worker: WorkerState; readonly local: LocalIdentity; readonly debugLevel: number } | undefined;

  seen(ctx: ExecContext): void {
    if (this.site?.worker !== ctx.worker) this.site = { worker: ctx.worker, local: ctx.local, debugLevel: ctx.debugLevel };
  }

  run(domain: string, c: Contact): void {
    const site = this.site;
    if (!site) return;
    const ctx = new Context(FAKED_MESSAGE, { address: '', port: 0 }, 'udp', site.local, site.worker);
    ctx.routeType = 'event';
    ctx.debugLevel = site.debugLevel;
    profiles(ctx).set('exp', { aor: c.aor, domain, contacts: [c] });
    site.worker.host.runRoute('event', EXPIRED_ROUTE, ctx);
    site.worker.host.flush(ctx);
  }
}
