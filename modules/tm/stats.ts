// tm's statistics, counted where the events happen and kept in tmx's group
// (Kamailio's tm counts them, tmx exports them: `tmx:UAS_transactions`, ...;
// without tmx loaded nothing is counted). Names as Kamailio 5.6 lists them
// (modules/tmx/statistics.ts declares them).

import type { WorkerState } from '../../runtime/exec/context.js';
import type { Transaction } from './transaction.js';

function group(worker: WorkerState) {
  return worker.statistics?.find('tmx');
}

/** A transaction made for a received request: a UAS transaction, in use and active. */
export function countCreated(tx: Transaction): void {
  const g = group(tx.ctx.worker);
  if (!g) return;
  g.add('UAS_transactions');
  g.add('inuse_transactions');
  g.add('active_transactions');
}

/** A transaction deleted: no longer in use (nor active, when it never completed). */
export function countFreed(tx: Transaction): void {
  const g = group(tx.ctx.worker);
  if (!g) return;
  g.add('inuse_transactions', -1);
  if (tx.status < 200) g.add('active_transactions', -1);
}

/**
 * A reply sent upstream: relayed (from a branch) or generated here; the
 * first final one completes the transaction (its class counted, no longer
 * active). `before` is the transaction's status before this reply.
 */
export function countSent(tx: Transaction, code: number, before: number, relayed: boolean): void {
  const g = group(tx.ctx.worker);
  if (!g) return;
  g.add('rpl_sent');
  g.add(relayed ? 'rpl_relayed' : 'rpl_generated');
  if (code >= 200 && before < 200) {
    if (code < 700) g.add(`${Math.floor(code / 100)}xx_transactions`);
    g.add('active_transactions', -1);
  }
}

/** A reply received for one of our branches; `absorbed` when it goes no further (100, a late or repeated final reply). */
export function countReceivedReply(tx: Transaction, absorbed: boolean): void {
  const g = group(tx.ctx.worker);
  if (!g) return;
  g.add('rpl_received');
  if (absorbed) g.add('rpl_absorbed');
}
