// Messages that arrive over TCP wait here to be run, a share per turn of the
// event loop. Node reads a UDP socket 32 datagrams at a time per turn, but
// every TCP connection that has data in the same turn: when a caller's TCP
// connections deliver a burst (thousands of requests after it stalled), running
// each as it was read kept the process in one turn for half a second, and the
// replies waiting on the UDP socket behind the burst were read only after tm's
// timer A had already retransmitted the INVITEs they answered. So each turn
// runs every queued reply (a reply ends work) and at most `perTurn` requests
// (a request starts work), as many as UDP gets; and reading stops on every TCP
// connection while the queue is long (TCP's flow control then slows the peers)
// until it has drained. A message whose run throws is reported; the rest run.

import type { Receiver, ReceivedBytes } from './received.js';

export interface QueueLimits {
  /** Requests run per turn of the event loop (the UDP socket's 32 datagrams). */
  readonly perTurn: number;
  /** Queued messages at which reading from TCP pauses... */
  readonly high: number;
  /** ...and the count it resumes at. */
  readonly low: number;
}

export const QUEUE_LIMITS: QueueLimits = { perTurn: 32, high: 4096, low: 1024 };

/** A first-in first-out list that takes from its head without moving the rest. */
class Fifo {
  private items: Array<ReceivedBytes | undefined> = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: ReceivedBytes): void {
    this.items.push(item);
  }

  shift(): ReceivedBytes | undefined {
    if (this.head === this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Taken items are let go once they are half of the list.
    if (this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/** A SIP reply starts with its version, `SIP/` in any case as the parser reads it; a request with its method, which has no `/`. Read from the bytes: no string per message. */
const isReply = (data: Buffer): boolean =>
  data.length > 4 && (data[0]! | 0x20) === 0x73 && (data[1]! | 0x20) === 0x69 && (data[2]! | 0x20) === 0x70 && data[3] === 0x2f;

export class ReceiveQueue {
  private readonly replies = new Fifo();
  private readonly requests = new Fifo();
  private scheduled: NodeJS.Immediate | undefined;
  private full = false;

  /**
   * @param run runs one message (the server's receive)
   * @param pressure told `true` when the queue reaches `limits.high` (stop reading), `false` when it is back at `limits.low`
   * @param onError told what a run threw
   */
  constructor(
    private readonly run: Receiver,
    private readonly pressure: (full: boolean) => void,
    private readonly onError: (e: unknown) => void,
    private readonly limits: QueueLimits = QUEUE_LIMITS,
  ) {}

  get length(): number {
    return this.replies.length + this.requests.length;
  }

  readonly push: Receiver = (message) => {
    (isReply(message.data) ? this.replies : this.requests).push(message);
    this.scheduled ??= setImmediate(this.turn);
    if (!this.full && this.length >= this.limits.high) {
      this.full = true;
      this.pressure(true);
    }
  };

  private readonly turn = (): void => {
    this.scheduled = undefined;
    for (let m = this.replies.shift(); m; m = this.replies.shift()) this.runOne(m);
    for (let n = 0; n < this.limits.perTurn; n++) {
      const m = this.requests.shift();
      if (!m) break;
      this.runOne(m);
    }
    if (this.length > 0) this.scheduled ??= setImmediate(this.turn);
    if (this.full && this.length <= this.limits.low) {
      this.full = false;
      this.pressure(false);
    }
  };

  private runOne(message: ReceivedBytes): void {
    try {
      this.run(message);
    } catch (e) {
      this.onError(e);
    }
  }
}
