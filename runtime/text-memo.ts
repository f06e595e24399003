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

/**
 * Texts and what has been computed from each, in kinds (columns): the
 * results of one text sit in one row, so one compare of the text finds
 * every kind. A text equal to the one in its slot but in another string
 * (cut from another message) takes the slot: the next lookup of that
 * string, for any kind, is then a compare of references (~2 ns) instead of
 * chars (~55 ns). So the message layer's Request-URI parse and the uri
 * transformations on the same URI share one table (runtime/sip/uri.ts).
 */
export class TextTable {
  private readonly keys: Array<string | undefined> = new Array<string | undefined>(SLOTS).fill(undefined);
  private readonly rows: unknown[][] = new Array<unknown[]>(SLOTS);
  private readonly byText = new Map<string, unknown[]>();
  private kinds = 0;

  /** The Map keeps the rows of at most `capacity` texts, emptied when full (0: no Map). */
  constructor(private readonly capacity = 1024) {}

  /** A new kind of result kept by text: `compute` gives it (never undefined: null for none). */
  column<V>(compute: (text: string) => V): TextMemo<V> {
    return new Column(this, this.kinds++, compute);
  }

  /** The results computed so far from a text, by kind. */
  row(text: string): unknown[] {
    const slot = slotOf(text);
    if (this.keys[slot] === text) {
      this.keys[slot] = text; // the newer string of the text takes the slot (see above)
      return this.rows[slot]!;
    }
    let row = this.capacity === 0 ? undefined : this.byText.get(text);
    if (row === undefined) {
      row = [];
      if (this.capacity > 0) {
        if (this.byText.size >= this.capacity) this.byText.clear();
        this.byText.set(text, row);
      }
    }
    this.keys[slot] = text;
    this.rows[slot] = row;
    return row;
  }
}

/** One kind of result kept by text. */
export interface TextMemo<V> {
  get(text: string): V;
}

/** A column of a TextTable. */
class Column<V> implements TextMemo<V> {
  constructor(
    private readonly table: TextTable,
    private readonly kind: number,
    private readonly compute: (text: string) => V,
  ) {}

  get(text: string): V {
    const row = this.table.row(text);
    let value = row[this.kind] as V | undefined;
    if (value === undefined) {
      value = this.compute(text);
      row[this.kind] = value;
    }
    return value;
  }
}

/**
 * A result kept by text in a table of its own: `compute` gives it (never
 * undefined: null for none); the Map keeps at most `capacity` (0: no Map).
 */
export function textMemo<V>(compute: (text: string) => V, capacity = 1024): TextMemo<V> {
  return new TextTable(capacity).column(compute);
}
