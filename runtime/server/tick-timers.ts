// The server's timers (tm's retransmissions, fr_timer, the wait before a
// transaction is deleted): each falls due on the first tick of TICK_MS at or
// after its delay, and every timer of a tick runs in one wake-up of the
// process. Under load tm's timers expire a few milliseconds apart; with one
// Node timer each, their expiries woke the process more often than its
// messages did (a CANCEL scenario at 200 calls/s: ~700 timer wake-ups a
// second beside ~400 for the sockets). Kamailio's timers tick as well.
// A timer whose callback throws is reported to `onError`; the others still run.

import type { TimerHandle, Timers } from '../exec/server-host.js';

/** The tick: a timer may run up to this much later than asked. */
export const TICK_MS = 20;

interface Entry {
  fn: (() => void) | undefined;
}

interface Bucket {
  readonly entries: Entry[];
  live: number;
}

export class TickTimers implements Timers {
  /** The timers of each tick (ticks counted from the clock's zero). */
  private readonly buckets = new Map<number, Bucket>();
  /** The ticks that have a bucket, as a binary min-heap. */
  private readonly ticks: number[] = [];
  private readonly immediates = new Set<NodeJS.Immediate>();
  private live = 0;
  private armed: NodeJS.Timeout | undefined;
  private armedTick = Infinity;

  constructor(
    private readonly onError: (e: unknown) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  after(ms: number, fn: () => void): TimerHandle {
    if (ms <= 0) return this.soon(fn);
    const tick = Math.ceil((this.now() + ms) / TICK_MS);
    let bucket = this.buckets.get(tick);
    if (!bucket) {
      this.buckets.set(tick, (bucket = { entries: [], live: 0 }));
      this.push(tick);
    }
    const entry: Entry = { fn };
    bucket.entries.push(entry);
    bucket.live++;
    this.live++;
    if (tick < this.armedTick) this.arm(tick);
    const owner = bucket;
    return {
      cancel: () => {
        if (!entry.fn) return;
        entry.fn = undefined;
        this.live--;
        // A tick whose timers are all cancelled (a 120 s fr_inv_timer, mostly) is let go at once; its place in the heap is skipped.
        if (--owner.live === 0 && this.buckets.get(tick) === owner) this.buckets.delete(tick);
      },
    };
  }

  /** Timers pending (not yet run nor cancelled). */
  get size(): number {
    return this.live + this.immediates.size;
  }

  /** Cancels every pending timer. */
  clear(): void {
    clearTimeout(this.armed);
    this.armed = undefined;
    this.armedTick = Infinity;
    for (const i of this.immediates) clearImmediate(i);
    this.immediates.clear();
    this.buckets.clear();
    this.ticks.length = 0;
    this.live = 0;
  }

  /** A timer of no delay: run on the next turn of the event loop, not inside its caller. */
  private soon(fn: () => void): TimerHandle {
    const immediate = setImmediate(() => {
      this.immediates.delete(immediate);
      this.call(fn);
    });
    this.immediates.add(immediate);
    return { cancel: () => (clearImmediate(immediate), this.immediates.delete(immediate)) };
  }

  private arm(tick: number): void {
    clearTimeout(this.armed);
    this.armedTick = tick;
    this.armed = setTimeout(() => this.fire(), Math.max(0, tick * TICK_MS - this.now()));
  }

  /** Runs every bucket due (the one armed for, though the event loop's clock may wake a fraction early), then arms for the next. */
  private fire(): void {
    const limit = Math.max(this.armedTick, Math.floor(this.now() / TICK_MS));
    this.armed = undefined;
    this.armedTick = Infinity;
    while (this.ticks.length > 0 && this.ticks[0]! <= limit) {
      const tick = this.pop();
      const bucket = this.buckets.get(tick);
      if (!bucket) continue;
      this.buckets.delete(tick);
      // Callbacks may add timers to this very tick: they land in a new bucket, found by this loop.
      for (const entry of bucket.entries) {
        const fn = entry.fn;
        if (!fn) continue;
        entry.fn = undefined;
        this.live--;
        this.call(fn);
      }
    }
    // Ticks whose timers were all cancelled (their buckets gone) do not wake the process.
    while (this.ticks.length > 0 && !this.buckets.has(this.ticks[0]!)) this.pop();
    // A callback may have armed for a later tick than one already waiting.
    if (this.ticks.length > 0 && this.ticks[0] !== this.armedTick) this.arm(this.ticks[0]!);
  }

  private call(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.onError(e);
    }
  }

  private push(tick: number): void {
    const heap = this.ticks;
    let i = heap.push(tick) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= tick) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = tick;
  }

  private pop(): number {
    const heap = this.ticks;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const child = left + 1 < heap.length && heap[left + 1]! < heap[left]! ? left + 1 : left;
        if (heap[child]! >= last) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
