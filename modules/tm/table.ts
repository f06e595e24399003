// The transactions of one worker: found by the key of their request (server
// side) and by the Via branch of each of their outgoing requests (client
// side, where replies come back).

import type { ExecContext } from '../../runtime/exec/context.js';
import { isSipError } from '../../runtime/sip/errors.js';
import { viaParam } from '../../runtime/sip/headers/via.js';
import type { SipMessage } from '../../runtime/sip/message.js';
import { countFreed } from './stats.js';
import type { ClientBranch, Transaction } from './transaction.js';
import { stopBranchTimers } from './uac.js';

const MAGIC_COOKIE = 'z9hG4bK';

/**
 * The key a request matches its transaction by: RFC 3261's top Via branch,
 * sent-by and method (an ACK matches its INVITE; pass `method` INVITE to
 * find the INVITE a CANCEL cancels), or for RFC 2543 clients the Call-ID,
 * CSeq number, From tag and top Via. Undefined without a readable Via.
 */
export function requestKey(m: SipMessage, method = m.method === 'ACK' ? 'INVITE' : m.method): string | undefined {
  const via = m.via();
  if (!via || isSipError(via)) return undefined;
  const branch = viaParam(via, 'branch');
  const sentBy = `${via.host.toLowerCase()}:${via.port ?? ''}`;
  if (branch?.startsWith(MAGIC_COOKIE)) return `${branch}|${sentBy}|${method}`;
  const from = m.from();
  const fromTag = from && !isSipError(from) ? (from.params.find((p) => p.name.toLowerCase() === 'tag')?.value ?? '') : '';
  const cseq = m.cseq();
  const number = cseq && !isSipError(cseq) ? cseq.seq : '';
  return `2543|${m.header('call-id') ?? ''}|${number}|${fromTag}|${via.raw}|${method}`;
}

export class TransactionTable {
  private readonly byKey = new Map<string, Transaction>();
  private readonly byBranch = new Map<string, { readonly tx: Transaction; readonly branch: ClientBranch }>();
  private lastId = 0;

  nextId(): number {
    return ++this.lastId;
  }

  get size(): number {
    return this.byKey.size;
  }

  add(tx: Transaction): void {
    this.byKey.set(tx.key, tx);
  }

  find(key: string | undefined): Transaction | undefined {
    return key === undefined ? undefined : this.byKey.get(key);
  }

  addBranch(tx: Transaction, branch: ClientBranch): void {
    this.byBranch.set(branch.viaBranch, { tx, branch });
  }

  /** The branch a reply belongs to, by its top Via branch. */
  branchOf(viaBranch: string | undefined): { readonly tx: Transaction; readonly branch: ClientBranch } | undefined {
    return viaBranch === undefined ? undefined : this.byBranch.get(viaBranch);
  }

  remove(tx: Transaction): void {
    if (!tx.deleted) countFreed(tx);
    tx.deleted = true;
    if (this.byKey.get(tx.key) === tx) this.byKey.delete(tx.key);
    for (const b of tx.branches) {
      this.byBranch.delete(b.viaBranch);
      stopBranchTimers(b);
    }
    tx.uasTimer?.cancel();
    tx.uasTimer = undefined;
    tx.lifetime?.cancel();
    tx.lifetime = undefined;
  }

  /** All transactions, for statistics and control commands. */
  all(): IterableIterator<Transaction> {
    return this.byKey.values();
  }
}

/** The worker's transaction table (kept with the worker's state). */
export function tableOf(ctx: ExecContext): TransactionTable {
  let table = ctx.worker.modules.get('tm') as TransactionTable | undefined;
  if (!table) ctx.worker.modules.set('tm', (table = new TransactionTable()));
  return table;
}
