// Source files and spans: every position in siprc is a (file, start, end)
// offset triple; lines and columns are computed only when a message is shown.

export interface Span {
  /** Index of the file in its SourceSet. */
  readonly file: number;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
}

export interface Position {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counting characters (a tab counts as one, as Kamailio does). */
  readonly column: number;
}

export class SourceFile {
  private lineStarts: number[] | undefined;

  constructor(
    readonly id: number,
    /** The path as siprc opened it (or a label such as `<-A FOO>`). */
    readonly path: string,
    readonly text: string,
  ) {}

  position(offset: number): Position {
    const starts = this.getLineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line terminator. */
  lineText(line: number): string {
    const starts = this.getLineStarts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  private getLineStarts(): number[] {
    if (!this.lineStarts) {
      const starts = [0];
      const text = this.text;
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) === 10) starts.push(i + 1);
      }
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }
}

/** All the texts one compilation read: the script, its includes, define values. */
export class SourceSet {
  readonly files: SourceFile[] = [];

  add(path: string, text: string): SourceFile {
    const file = new SourceFile(this.files.length, path, text);
    this.files.push(file);
    return file;
  }

  get(id: number): SourceFile {
    const file = this.files[id];
    if (!file) throw new Error(`no source file ${id}`);
    return file;
  }

  text(span: Span): string {
    return this.get(span.file).text.slice(span.start, span.end);
  }

  /** `file:line:col` of a span's start. */
  describe(span: Span): string {
    const file = this.get(span.file);
    const pos = file.position(span.start);
    return `${file.path}:${pos.line}:${pos.column}`;
  }
}

/**
 * Where a range of offsets in a text is in the source: a token's text maps
 * offset for offset, a string's value through its escape sequences
 * (grammar/string-literal.ts).
 */
export type Locate = (start: number, end: number) => Span;

/** Offsets in a text written as is at `span`; a range past its end stops there. */
export function locateIn(span: Span): Locate {
  const length = span.end - span.start;
  return (start, end) => ({ file: span.file, start: span.start + Math.min(start, length), end: span.start + Math.min(end, length) });
}

/** Offsets in the part of a text that starts at `offset` and is `length` long; a range past its end stops there. */
export function locatePart(locate: Locate, offset: number, length: number): Locate {
  return (start, end) => locate(offset + Math.min(start, length), offset + Math.min(end, length));
}

export function spanOf(file: number, start: number, end: number): Span {
  return { file, start, end };
}

/** The smallest span covering both (they must be in the same file). */
export function joinSpans(a: Span, b: Span): Span {
  if (a.file !== b.file) return a;
  return { file: a.file, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
