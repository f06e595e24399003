// Changes at byte offsets of a received message (Kamailio's delete/insert
// lumps, as textops' replace and subst make them), applied as Kamailio
// applies overlapping ones: offset then call order, deletions united, every
// inserted text written after what an earlier lump wrote.

export interface TextLump {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export class TextLumps {
  private readonly lumps: TextLump[] = [];
  private ordered: TextLump[] | undefined;

  get size(): number {
    return this.lumps.length;
  }

  add(start: number, end: number, text: string): void {
    this.lumps.push({ start, end, text });
    this.ordered = undefined;
  }

  copy(): TextLumps {
    const copy = new TextLumps();
    copy.lumps.push(...this.lumps);
    return copy;
  }

  /** In offset order; a stable sort keeps call order at the same offset. */
  private sorted(): readonly TextLump[] {
    return (this.ordered ??= [...this.lumps].sort((a, b) => a.start - b.start));
  }

  /** Whether a lump starts in [from, to) (or at `to` too, when `closed`) or deletes into it. */
  touches(from: number, to: number, closed = false): boolean {
    return this.lumps.some((l) => (l.start >= from && (l.start < to || (closed && l.start === to))) || (l.start < from && l.end > from));
  }

  /**
   * text[from, to) with the lumps applied: those starting in it (or at `to`,
   * when `closed`), and the deletions of earlier ones reaching into it.
   */
  apply(text: string, from: number, to: number, closed = false): string {
    let pos = from;
    let out = '';
    for (const l of this.sorted()) {
      if (l.start < from) {
        pos = Math.max(pos, Math.min(l.end, to));
        continue;
      }
      if (l.start > to || (l.start === to && !closed)) break;
      if (l.start > pos) {
        out += text.slice(pos, l.start);
        pos = l.start;
      }
      out += l.text;
      pos = Math.max(pos, Math.min(l.end, to));
    }
    return out + text.slice(pos, to);
  }

  /** The texts of the lumps starting in [from, to): what stays of that range when something else replaced it. */
  insertedIn(from: number, to: number): string {
    let out = '';
    for (const l of this.sorted()) if (l.start >= from && l.start < to) out += l.text;
    return out;
  }
}
