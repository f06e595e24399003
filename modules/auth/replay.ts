// Replay protection: each nonce that is tracked gets the next id; a table of
// nc_array_size slots keeps the highest nc seen per id (nonce_count), a bit
// set of otn_in_flight_no bits whether the id was used (one_time_nonce).
// When more nonces are handed out than a table holds, the oldest ids fall
// out and their nonces are stale (the client is challenged again).

/** The highest nc a client may send (a larger one makes the nonce stale). */
export const MAX_NC = 255;

export type ReplayVerdict = 'ok' | 'replayed' | 'stale';

export class ReplayTracker {
  private lastId = 0;
  private readonly counts: Uint8Array;
  private readonly used: Uint8Array;

  constructor(
    private readonly ncSize: number,
    private readonly otnSize: number,
  ) {
    this.counts = new Uint8Array(ncSize);
    this.used = new Uint8Array(Math.ceil(otnSize / 8));
  }

  /** A new id, its nc slot and one-time bit cleared. */
  next(): number {
    this.lastId = (this.lastId + 1) >>> 0 || 1;
    const id = this.lastId;
    this.counts[id & (this.ncSize - 1)] = 0;
    const bit = id & (this.otnSize - 1);
    this.used[bit >> 3]! &= ~(1 << (bit & 7));
    return id;
  }

  /** How many ids were handed out after this one; undefined for an id not handed out (since this start). */
  private age(id: number): number | undefined {
    const age = (this.lastId - id) >>> 0;
    return id === 0 || age >= 2 ** 31 ? undefined : age;
  }

  /** nonce_count: the nc must be above the last one seen for the nonce, and at most MAX_NC. */
  checkCount(id: number, nc: number): ReplayVerdict {
    const age = this.age(id);
    if (age === undefined || age >= this.ncSize || nc > MAX_NC) return 'stale';
    const slot = id & (this.ncSize - 1);
    if (nc <= this.counts[slot]!) return 'replayed';
    this.counts[slot] = nc;
    return 'ok';
  }

  /** one_time_nonce: the nonce's first use only. */
  checkOnce(id: number): ReplayVerdict {
    const age = this.age(id);
    if (age === undefined || age >= this.otnSize) return 'stale';
    const bit = id & (this.otnSize - 1);
    if (this.used[bit >> 3]! & (1 << (bit & 7))) return 'replayed';
    this.used[bit >> 3]! |= 1 << (bit & 7);
    return 'ok';
  }
}
