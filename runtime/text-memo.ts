// Results computed from text and kept by it (parsed URIs and To bodies, `=~`
// patterns): scripts read the same few values again and again, within a
// message and across messages. A value read from a message is a string just
// cut from it, whose hash V8 has yet to compute over all its chars, so a Map
// lookup costs more than the rest of a use (~120 ns). In front of the Map,
// a small table is indexed by a hash of the length and four chars and
// checked with `===` (a compare that stops at the first difference): a
// value met before is found there at a fraction of that cost. Values that
// are mostly met once (a From header with its call's own tag) are better
// kept in the table alone (capacity 0): a Map would hash and store each.

/** The small table's size (a power of two). */
const SLOTS = 256;

/** The slot of a text: its length and four chars spread over it. */
function slotOf(text: string): number {
  const n = text.length;
  if (n === 0) return 0;
  const h = n * 7 + text.charCodeAt(n - 1) * 31 + text.charCodeAt(n >> 1) * 17 + text.charCodeAt(n >> 2) * 5 + text.charCodeAt((3 * n) >> 2);
  return h & (SLOTS - 1);
}

export class TextMemo<V> {
  private readonly keys: Array<string | undefined> = new Array<string | undefined>(SLOTS).fill(undefined);
  private readonly values: V[] = new Array<V>(SLOTS);
  private readonly byText = new Map<string, V>();

  /**
   * `compute` gives the result for a text (never undefined: null for none);
   * the Map keeps at most `capacity` results, emptied when full (0: no Map).
   */
  constructor(
    private readonly compute: (text: string) => V,
    private readonly capacity = 1024,
  ) {}

  get(text: string): V {
    const slot = slotOf(text);
    if (this.keys[slot] === text) return this.values[slot]!;
    let value = this.capacity === 0 ? undefined : this.byText.get(text);
    if (value === undefined) {
      value = this.compute(text);
      if (this.capacity > 0) {
        if (this.byText.size >= this.capacity) this.byText.clear();
        this.byText.set(text, value);
      }
    }
    this.keys[slot] = text;
    this.values[slot] = value;
    return value;
  }
}
