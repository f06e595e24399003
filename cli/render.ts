// Renders diagnostics for people (`file:line:col: error[CODE]: message`, the
// source line, a caret under the span) and for tools (JSON).

import type { ChalkInstance } from 'chalk';
import type { Diagnostic, DiagnosticNote } from '../grammar/diagnostics.js';
import type { SourceSet, Span } from '../grammar/source.js';

interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

function locate(sources: SourceSet, span: Span): Located {
  const file = sources.get(span.file);
  const start = file.position(span.start);
  const end = file.position(Math.max(span.start, span.end));
  return { file: file.path, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** The source line under a span, with a caret line marking it. */
function snippet(sources: SourceSet, span: Span, color: ChalkInstance, mark: (s: string) => string): string[] {
  const file = sources.get(span.file);
  if (file.text.length === 0) return [];
  const { line, column } = file.position(span.start);
  const text = file.lineText(line);
  const end = file.position(Math.max(span.start, span.end));
  const width = end.line === line ? Math.max(1, end.column - column) : Math.max(1, text.length - column + 1);
  const gutter = String(line).length;
  // Keep tabs so the caret lines up under them.
  const lead = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
  return [
    `${color.dim(`${String(line).padStart(gutter)} |`)} ${text}`,
    `${color.dim(`${' '.repeat(gutter)} |`)} ${lead}${mark('^'.repeat(width))}`,
  ];
}

export function renderText(diagnostics: readonly Diagnostic[], sources: SourceSet, color: ChalkInstance): string {
  const out: string[] = [];
  for (const d of diagnostics) {
    const at = locate(sources, d.span);
    const paint = d.severity === 'error' ? color.red.bold : color.yellow.bold;
    out.push(`${color.bold(`${at.file}:${at.line}:${at.column}:`)} ${paint(`${d.severity}[${d.code}]`)}: ${color.bold(d.message)}`);
    out.push(...snippet(sources, d.span, color, paint));
    for (const note of d.notes) out.push(...renderNote(note, sources, color));
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

function renderNote(note: DiagnosticNote, sources: SourceSet, color: ChalkInstance): string[] {
  if (!note.span) return [`  ${color.cyan('note')}: ${note.message}`];
  const at = locate(sources, note.span);
  return [`  ${color.cyan('note')}: ${note.message} (${at.file}:${at.line}:${at.column})`, ...snippet(sources, note.span, color, color.cyan).map((l) => `  ${l}`)];
}

export function summary(path: string, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return `${path}: ok\n`;
  const parts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean);
  return `${path}: ${parts.join(', ')}\n`;
}

export function renderJson(path: string, diagnostics: readonly Diagnostic[], sources: SourceSet): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return `${JSON.stringify(
    {
      file: path,
      errors,
      warnings: diagnostics.length - errors,
      diagnostics: diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        ...locate(sources, d.span),
        notes: d.notes.map((n) => ({ message: n.message, ...(n.span ? locate(sources, n.span) : {}) })),
      })),
    },
    null,
    2,
  )}\n`;
}
