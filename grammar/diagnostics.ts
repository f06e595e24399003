// Diagnostics: the one catalogue of codes every stage reports with, and the
// value a stage appends to its list (stages never print or exit).

import type { Span } from './source.js';

export type Severity = 'error' | 'warning';

interface CodeInfo {
  readonly severity: Severity;
  /** A short title, shown by `siprc explain` and in docs/diagnostics.md. */
  readonly title: string;
}

/**
 * Every diagnostic siprc can report. Errors cannot be silenced; warnings can
 * (`siprc check --allow W0202`). Numbers are grouped by stage:
 * 01 preprocessor, 02 lexical, 03 syntax, 04 core parameters, 05 modules,
 * 06 routes and commands, 07 pseudo-variables, 08 expressions and regexes.
 */
export const DIAGNOSTIC_CODES = {
  E0101: { severity: 'error', title: '#!ifdef/#!ifndef without a matching #!endif' },
  E0102: { severity: 'error', title: '#!else or #!endif without an open #!ifdef' },
  E0103: { severity: 'error', title: 'malformed preprocessor directive' },
  E0104: { severity: 'error', title: 'name already defined' },
  E0105: { severity: 'error', title: 'included file not found' },
  E0106: { severity: 'error', title: 'includes nested too deeply' },
  E0107: { severity: 'error', title: 'invalid substitution expression' },
  E0108: { severity: 'error', title: 'environment variable not set' },
  E0109: { severity: 'error', title: 'recursive #!define' },
  E0110: { severity: 'error', title: 'second #!else for the same #!ifdef' },
  E0201: { severity: 'error', title: 'unterminated string' },
  E0202: { severity: 'error', title: 'unterminated comment' },
  E0203: { severity: 'error', title: 'unterminated pseudo-variable' },
  E0204: { severity: 'error', title: 'unexpected character' },
  E0205: { severity: 'error', title: 'unsupported legacy syntax' },
  E0301: { severity: 'error', title: 'syntax error' },
  E0302: { severity: 'error', title: 'missing semicolon' },
  E0303: { severity: 'error', title: 'undefined identifier' },
  E0401: { severity: 'error', title: 'unknown core parameter' },
  E0402: { severity: 'error', title: 'bad value for a core parameter' },
  E0403: { severity: 'error', title: 'unsupported routing engine' },
  E0501: { severity: 'error', title: 'unknown module' },
  E0502: { severity: 'error', title: 'module not available in siprc yet' },
  E0503: { severity: 'error', title: 'modparam names no loaded module' },
  E0504: { severity: 'error', title: 'unknown module parameter' },
  E0505: { severity: 'error', title: 'bad value for a module parameter' },
  E0506: { severity: 'error', title: 'invalid module-name regex in modparam' },
  E0507: { severity: 'error', title: 'cannot load a module file or package' },
  E0508: { severity: 'error', title: 'module built for another module API version' },
  E0601: { severity: 'error', title: 'unknown command' },
  E0602: { severity: 'error', title: 'wrong number of arguments' },
  E0603: { severity: 'error', title: 'command not allowed in this route type' },
  E0604: { severity: 'error', title: 'undefined route' },
  E0605: { severity: 'error', title: 'route defined twice' },
  E0606: { severity: 'error', title: 'command from a module that is not loaded' },
  E0607: { severity: 'error', title: 'bad argument' },
  E0608: { severity: 'error', title: 'undeclared or invalid flag' },
  E0609: { severity: 'error', title: 'bad switch statement' },
  E0610: { severity: 'error', title: 'keyword used where it has no meaning' },
  E0701: { severity: 'error', title: 'malformed pseudo-variable' },
  E0702: { severity: 'error', title: 'unknown pseudo-variable' },
  E0703: { severity: 'error', title: 'pseudo-variable cannot be assigned' },
  E0704: { severity: 'error', title: 'malformed transformation' },
  E0705: { severity: 'error', title: 'unknown transformation' },
  E0706: { severity: 'error', title: 'pseudo-variable or transformation cannot be compiled' },
  E0801: { severity: 'error', title: 'invalid regular expression' },
  E0802: { severity: 'error', title: 'type mismatch in expression' },
  W0101: { severity: 'warning', title: 'unknown preprocessor directive (read as a comment)' },
  W0201: { severity: 'warning', title: 'unreachable statement' },
  W0202: { severity: 'warning', title: 'route never used' },
  W0203: { severity: 'warning', title: 'constant condition' },
  W0204: { severity: 'warning', title: 'module loaded twice' },
  W0205: { severity: 'warning', title: 'unknown pseudo-variable from a module siprc does not provide yet' },
  W0206: { severity: 'warning', title: 'command reached through route() from a route type it may not run in' },
  W0207: { severity: 'warning', title: 'assignment used as a condition' },
  W0208: { severity: 'warning', title: 'unnamed failure_route or branch_route, which nothing runs' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface DiagnosticNote {
  readonly message: string;
  readonly span?: Span;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly notes: readonly DiagnosticNote[];
}

export function diagnostic(
  code: DiagnosticCode,
  span: Span,
  message: string,
  notes: readonly DiagnosticNote[] = [],
): Diagnostic {
  return { code, severity: DIAGNOSTIC_CODES[code].severity, message, span, notes };
}

/** Orders diagnostics by file, then offset, so output follows the script. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.span.file - b.span.file || a.span.start - b.span.start);
}
