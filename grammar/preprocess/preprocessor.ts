// The preprocessor: reads the script and its includes, evaluates #!ifdef
// regions, expands #!define names into tokens and applies #!subst rules. Its
// output is the token list the parser reads; every token keeps the span the
// user wrote, so positions survive defines and includes.

import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { Scanner, type DirectiveItem, type IncludeItem } from '../scanner.js';
import { SourceSet, type SourceFile, type Span } from '../source.js';
import { expandedToken, type Token } from '../token.js';
import * as T from '../tokens.js';
import { DefineTable, predefinedDefines, type Define } from './defines.js';
import { applyAllSubst, compileSubst, splitSubst, type RegexCompiler, type SubstRule } from './subst.js';

export interface SourceLoader {
  /** The text of a file, or undefined when it cannot be read. Relative paths are relative to the working directory. */
  read(path: string): string | undefined;
}

export interface PreprocessOptions {
  readonly loader: SourceLoader;
  /** `-A` arguments: `NAME` or `NAME=VALUE`. */
  readonly defines?: readonly string[];
  /** Environment for #!defenv. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly compileRegex: RegexCompiler;
}

export interface PreprocessResult {
  readonly tokens: Token[];
  readonly sources: SourceSet;
  readonly defines: DefineTable;
  readonly diagnostics: Diagnostic[];
  /** The `#!KAMAILIO`-style marker the script declared, if any. */
  readonly dialect: string | undefined;
}

/** Kamailio's limit on include nesting. */
const MAX_INCLUDE_DEPTH = 10;

interface Conditional {
  readonly directive: DirectiveItem;
  readonly label: string;
  active: boolean;
  inElse: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const CONDITIONAL = new Set(['ifdef', 'ifndef', 'else', 'endif']);
const DEFINING = new Set(['define', 'def', 'trydefine', 'trydef', 'redefine', 'redef']);

export function preprocess(entryPath: string, options: PreprocessOptions): PreprocessResult {
  return new Preprocessor(options).run(entryPath);
}

class Preprocessor {
  private readonly sources = new SourceSet();
  private readonly defines = new DefineTable();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly tokens: Token[] = [];
  private readonly conditionals: Conditional[] = [];
  private readonly substRules: SubstRule[] = [];
  private readonly includeChain: SourceFile[] = [];
  private dialect: string | undefined;

  constructor(private readonly options: PreprocessOptions) {}

  run(entryPath: string): PreprocessResult {
    this.predefine();
    const text = this.options.loader.read(entryPath);
    if (text === undefined) {
      const file = this.sources.add(entryPath, '');
      this.report('E0105', { file: file.id, start: 0, end: 0 }, `cannot read the script \`${entryPath}\``);
    } else {
      this.processFile(this.sources.add(entryPath, text));
    }
    for (const open of this.conditionals) {
      this.report('E0101', open.directive.span, `\`${open.label}\` is never closed: \`#!endif\` expected before the end of the script`);
    }
    return {
      tokens: this.tokens,
      sources: this.sources,
      defines: this.defines,
      diagnostics: this.diagnostics,
      dialect: this.dialect,
    };
  }

  private report(code: DiagnosticCode, span: Span, message: string): void {
    this.diagnostics.push(diagnostic(code, span, message));
  }

  private predefine(): void {
    const builtins = this.sources.add('<siprc predefined>', '');
    const at = { file: builtins.id, start: 0, end: 0 };
    for (const [name, value] of predefinedDefines()) this.defineFromText(name, value, at);
    for (const arg of this.options.defines ?? []) {
      const source = this.sources.add(`<-A ${arg}>`, arg);
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      const nameSpan = { file: source.id, start: 0, end: name.length };
      if (!NAME.test(name) || NAME.exec(name)![0] !== name) {
        this.report('E0103', nameSpan, `\`-A ${arg}\`: \`${name}\` is not a valid define name`);
        continue;
      }
      const value = eq < 0 ? undefined : arg.slice(eq + 1);
      this.defines.set({
        name,
        value,
        valueAt: value === undefined ? undefined : { file: source.id, start: eq + 1, end: arg.length },
        span: nameSpan,
      });
    }
  }

  /** A define whose value lives in a source of its own (built-ins, env values, substdef). */
  private defineFromText(name: string, value: string | undefined, span: Span): void {
    let valueAt: Span | undefined;
    if (value !== undefined) {
      const source = this.sources.add(`<value of ${name}>`, value);
      valueAt = { file: source.id, start: 0, end: value.length };
    }
    this.defines.set({ name, value, valueAt, span });
  }

  private skipping(): boolean {
    return this.conditionals.some((c) => !c.active);
  }

  private processFile(file: SourceFile): void {
    this.includeChain.push(file);
    const scanner = new Scanner(file.text, file.id, this.diagnostics);
    for (;;) {
      if (this.skipping()) {
        const directive = scanner.nextDirective();
        if (!directive) break;
        if (CONDITIONAL.has(directive.name)) this.directive(directive, file);
        else if (DEFINING.has(directive.name)) this.recordSkippedDefine(directive);
        continue;
      }
      const item = scanner.next();
      if (!item) break;
      if (item.kind === 'token') this.emit(item.token, []);
      else if (item.kind === 'directive') this.directive(item, file);
      else this.include(item, file);
    }
    this.includeChain.pop();
  }

  // ---- tokens -------------------------------------------------------------

  private emit(token: Token, expanding: readonly string[]): void {
    if (token.tokenType === T.Identifier) {
      const define = this.defines.get(token.image);
      if (define) {
        this.expand(define, token.span, expanding);
        return;
      }
    }
    let out = token;
    if (token.tokenType === T.StringLiteral && this.substRules.length > 0) {
      out = { ...token, value: applyAllSubst(this.substRules, String(token.value)) };
    } else if (token.tokenType === T.PseudoVariable && this.substRules.length > 0) {
      const image = applyAllSubst(this.substRules, token.image);
      out = { ...token, image, value: image };
    }
    const previous = this.tokens[this.tokens.length - 1];
    if (previous && this.joinsStrings(previous, out)) {
      this.tokens[this.tokens.length - 1] = {
        ...previous,
        value: String(previous.value) + String(out.value),
        span: { ...previous.span, end: out.span.end },
        endOffset: out.span.end - 1,
      };
      return;
    }
    if (previous?.tokenType === T.LoadModule && out.tokenType === T.StringLiteral) {
      this.defineLoadedModule(String(out.value), out.span);
    }
    this.tokens.push(out);
  }

  /**
   * Kamailio joins adjacent double-quoted strings. The scanner joins those it
   * sees side by side; this joins those that meet through a define expansion.
   */
  private joinsStrings(a: Token, b: Token): boolean {
    if (a.tokenType !== T.StringLiteral || b.tokenType !== T.StringLiteral) return false;
    if (a.quote !== '"' || b.quote !== '"') return false;
    if (!a.definedAt && !b.definedAt) return false;
    if (a.span.file !== b.span.file || a.span.end > b.span.start) return false;
    const gap = this.sources.get(a.span.file).text.slice(a.span.end, b.span.start);
    return /^\s*$/.test(gap);
  }

  /** `loadmodule "x.so"` defines MOD_x, as in Kamailio. */
  private defineLoadedModule(path: string, span: Span): void {
    const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.so$/, '');
    if (NAME.test(base) && !this.defines.has(`MOD_${base}`)) this.defines.set({ name: `MOD_${base}`, value: undefined, valueAt: undefined, span });
  }

  private expand(define: Define, useSite: Span, expanding: readonly string[]): void {
    if (expanding.includes(define.name)) {
      this.report('E0109', useSite, `\`${define.name}\` is defined in terms of itself (${[...expanding, define.name].join(' -> ')})`);
      return;
    }
    for (const token of this.valueTokens(define)) {
      this.emit(expandedToken(token, useSite), [...expanding, define.name]);
    }
  }

  private valueTokens(define: Define): Token[] {
    if (define.tokens) return define.tokens;
    const tokens: Token[] = [];
    if (define.valueAt) {
      const at = define.valueAt;
      const scanner = new Scanner(this.sources.get(at.file).text, at.file, this.diagnostics, at.start, at.end);
      for (let item = scanner.next(); item; item = scanner.next()) {
        if (item.kind === 'token') tokens.push(item.token);
        else this.report('E0103', item.span, `the value of \`${define.name}\` cannot hold a preprocessor directive or include`);
      }
    }
    define.tokens = tokens;
    return tokens;
  }

  // ---- directives -----------------------------------------------------------

  private directive(item: DirectiveItem, file: SourceFile): void {
    switch (item.name) {
      case 'ifdef':
      case 'ifndef':
        return this.ifdef(item);
      case 'else':
        return this.else(item);
      case 'endif':
        return this.endif(item);
      case 'define':
      case 'def':
        return this.define(item, 'define');
      case 'trydefine':
      case 'trydef':
        return this.define(item, 'try');
      case 'redefine':
      case 'redef':
        return this.define(item, 'redefine');
      case 'undef':
        return this.undef(item);
      case 'defenv':
      case 'defenvs':
      case 'trydefenv':
      case 'trydefenvs':
        return this.defenv(item);
      case 'subst':
      case 'substdef':
      case 'substdefs':
        return this.subst(item, file);
      default:
        return this.dialectMarker(item);
    }
  }

  private restSpan(item: DirectiveItem): Span {
    return { file: item.span.file, start: item.restStart, end: item.restStart + item.rest.length };
  }

  /** Parses `<blanks> NAME <rest>` after a directive; reports and returns undefined when malformed. */
  private directiveName(item: DirectiveItem): { name: string; span: Span; after: string } | undefined {
    const lead = /^[ \t]*/.exec(item.rest)![0].length;
    const match = NAME.exec(item.rest.slice(lead));
    if (lead === 0 || !match) {
      this.report('E0103', this.restSpan(item), `\`#!${item.name}\` needs a name after it`);
      return undefined;
    }
    const start = item.restStart + lead;
    const span = { file: item.span.file, start, end: start + match[0].length };
    const after = item.rest.slice(lead + match[0].length);
    if (after.startsWith('-')) {
      this.report('E0103', { ...span, end: span.end + 1 }, `\`-\` is not allowed in the name \`${match[0]}-...\``);
      return undefined;
    }
    return { name: match[0], span, after };
  }

  private requireEndOfLine(item: DirectiveItem, after: string, offset: number): void {
    const trailing = after.trim();
    if (trailing !== '') {
      const start = offset + after.indexOf(trailing);
      this.report('E0103', { file: item.span.file, start, end: start + trailing.length }, `unexpected text after \`#!${item.name}\`: \`${trailing}\``);
    }
  }

  /** Remembers a define in a false region, to explain the name if the script uses it. */
  private recordSkippedDefine(item: DirectiveItem): void {
    const match = /^[ \t]+([A-Za-z_][A-Za-z0-9_]*)/.exec(item.rest);
    if (!match || this.defines.skipped.has(match[1]!)) return;
    const start = item.restStart + match[0].length - match[1]!.length;
    const inactive = this.conditionals.find((c) => !c.active)!;
    this.defines.skipped.set(match[1]!, {
      name: match[1]!,
      span: { file: item.span.file, start, end: start + match[1]!.length },
      condition: inactive.inElse ? `the #!else of ${inactive.label}` : inactive.label,
    });
  }

  private ifdef(item: DirectiveItem): void {
    const parsed = this.directiveName(item);
    let active = false;
    let label = `#!${item.name}`;
    if (parsed) {
      this.requireEndOfLine(item, parsed.after, parsed.span.end);
      label = `#!${item.name} ${parsed.name}`;
      active = this.defines.has(parsed.name) === (item.name === 'ifdef');
    }
    this.conditionals.push({ directive: item, label, active, inElse: false });
  }

  private else(item: DirectiveItem): void {
    this.requireEndOfLine(item, item.rest, item.restStart);
    const top = this.conditionals[this.conditionals.length - 1];
    if (!top) {
      this.report('E0102', item.span, '`#!else` without an open `#!ifdef` or `#!ifndef`');
      return;
    }
    if (top.inElse) {
      this.report('E0110', item.span, `a second \`#!else\` for \`${top.label}\``);
      return;
    }
    top.inElse = true;
    top.active = !top.active;
  }

  private endif(item: DirectiveItem): void {
    this.requireEndOfLine(item, item.rest, item.restStart);
    if (!this.conditionals.pop()) this.report('E0102', item.span, '`#!endif` without an open `#!ifdef` or `#!ifndef`');
  }

  private define(item: DirectiveItem, mode: 'define' | 'try' | 'redefine'): void {
    const parsed = this.directiveName(item);
    if (!parsed) return;
    const existing = this.defines.get(parsed.name);
    if (existing && mode === 'try') return;
    if (existing && mode === 'define') {
      this.report('E0104', parsed.span, `\`${parsed.name}\` is already defined (use #!redefine to change it, #!trydef to keep the first value)`);
      return;
    }
    const lead = /^[ \t\r]*/.exec(parsed.after)![0].length;
    const value = parsed.after.slice(lead).replace(/[ \t\r]+$/, '');
    if (value === '') {
      this.defines.set({ name: parsed.name, value: undefined, valueAt: undefined, span: parsed.span });
      return;
    }
    const valueStart = parsed.span.end + lead;
    const source = this.sources.get(item.span.file);
    // A value joined from `\` continuation lines is not one range of the file: give it a source of its own.
    if (source.text.slice(valueStart, valueStart + value.length) === value) {
      this.defines.set({ name: parsed.name, value, valueAt: { file: source.id, start: valueStart, end: valueStart + value.length }, span: parsed.span });
    } else {
      this.defineFromText(parsed.name, value, parsed.span);
    }
  }

  private undef(item: DirectiveItem): void {
    const parsed = this.directiveName(item);
    if (!parsed) return;
    this.requireEndOfLine(item, parsed.after, parsed.span.end);
    this.defines.delete(parsed.name);
  }

  /** `#!defenv NAME` or `#!defenv NAME=ENVVAR`; the `s` forms quote the value. */
  private defenv(item: DirectiveItem): void {
    const parsed = this.directiveName(item);
    if (!parsed) return;
    let variable = parsed.name;
    let after = parsed.after;
    const assigned = /^=([A-Za-z_][A-Za-z0-9_]*)/.exec(after);
    if (assigned) {
      variable = assigned[1]!;
      after = after.slice(assigned[0].length);
    }
    this.requireEndOfLine(item, after, parsed.span.end + (parsed.after.length - after.length));
    const value = this.options.env?.[variable];
    if (value === undefined) {
      if (!item.name.startsWith('try')) this.report('E0108', parsed.span, `environment variable \`${variable}\` is not set`);
      return;
    }
    if (this.defines.has(parsed.name)) {
      this.report('E0104', parsed.span, `\`${parsed.name}\` is already defined`);
      return;
    }
    const quoted = item.name.endsWith('s');
    this.defineFromText(parsed.name, quoted ? `"${value.replace(/["\\]/g, '\\$&')}"` : value, parsed.span);
  }

  private subst(item: DirectiveItem, file: SourceFile): void {
    const scanner = new Scanner(file.text, file.id, this.diagnostics, item.restStart, item.restStart + item.rest.length);
    const first = scanner.next();
    if (!first || first.kind !== 'token' || first.token.tokenType !== T.StringLiteral) {
      this.report('E0107', this.restSpan(item), `\`#!${item.name}\` needs a quoted rule: "/regex/replacement/flags"`);
      return;
    }
    const token = first.token;
    const extra = scanner.next();
    if (extra) this.report('E0103', extra.kind === 'token' ? extra.token.span : extra.span, `unexpected text after the \`#!${item.name}\` rule`);
    const text = String(token.value);
    const rule = compileSubst(text, token.span, this.options.compileRegex);
    if ('error' in rule) {
      this.report('E0107', token.span, `bad \`#!${item.name}\` rule: ${rule.error}`);
      return;
    }
    this.substRules.push(rule);
    if (item.name === 'subst') return;
    const parts = splitSubst(text);
    if ('error' in parts) return;
    if (!NAME.test(parts.regex) || NAME.exec(parts.regex)![0] !== parts.regex) {
      this.report('E0107', token.span, `\`#!${item.name}\` defines its regex as a name, so the regex must be a plain name, not \`${parts.regex}\``);
      return;
    }
    if (this.defines.has(parts.regex)) {
      this.report('E0104', token.span, `\`${parts.regex}\` is already defined`);
      return;
    }
    const value = item.name === 'substdefs' ? `"${parts.replacement.replace(/["\\]/g, '\\$&')}"` : parts.replacement;
    this.defineFromText(parts.regex, value, token.span);
  }

  private dialectMarker(item: DirectiveItem): void {
    this.requireEndOfLine(item, item.rest, item.restStart);
    if (item.name === 'SER') {
      this.report('E0205', item.span, '`#!SER` selects SER compatibility mode, which siprc does not support; use `#!KAMAILIO`');
      return;
    }
    this.dialect = item.name;
  }

  // ---- includes -----------------------------------------------------------

  private include(item: IncludeItem, from: SourceFile): void {
    const keyword = item.optional ? 'import_file' : 'include_file';
    const raw = applyAllSubst(this.substRules, item.argument);
    if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) {
      this.report('E0105', item.argumentSpan.end > item.argumentSpan.start ? item.argumentSpan : item.span, `\`${keyword}\` needs a file name between double quotes`);
      return;
    }
    const name = raw.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
    if (this.includeChain.length > MAX_INCLUDE_DEPTH) {
      this.report('E0106', item.span, `includes are nested more than ${MAX_INCLUDE_DEPTH} deep`);
      return;
    }
    const candidates = [name];
    if (!name.startsWith('/')) {
      const slash = from.path.lastIndexOf('/');
      if (slash >= 0) candidates.push(`${from.path.slice(0, slash)}/${name}`);
    }
    for (const path of candidates) {
      const text = this.options.loader.read(path);
      if (text === undefined) continue;
      const looping = this.includeChain.find((f) => f.path === path);
      if (looping) {
        this.report('E0106', item.span, `\`${path}\` includes itself (through ${this.includeChain.map((f) => f.path).join(' -> ')})`);
        return;
      }
      this.processFile(this.sources.add(path, text));
      return;
    }
    if (!item.optional) {
      this.report('E0105', item.argumentSpan, `cannot open included file \`${name}\` (tried ${candidates.map((c) => `\`${c}\``).join(' and ')})`);
    }
  }
}
