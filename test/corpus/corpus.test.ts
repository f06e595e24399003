// The corpus of broken scripts: every file names the diagnostics siprc must
// report (`# expect: CODE line:col`), all of them and nothing else. Where
// `kamailio -c` reports the same error, `# kamailio-line: N` records its line,
// and this test checks Kamailio 5.6 still reports it there and that siprc's
// diagnostic covers that line.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkScript } from '../../compiler/check.js';
import { ModuleRegistry } from '../../compiler/registry.js';
import { parseScript } from '../../grammar/index.js';
import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import { fixtureModules } from '../fixtures/modules.js';
import { hasKamailio } from '../kamailio-process.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'broken');
const files = readdirSync(dir).filter((f) => f.endsWith('.cfg')).sort();

const loader = {
  read(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

function check(path: string) {
  const parse = parseScript(path, { loader, compileRegex: compilePosixEre, validateGrammar: true });
  return checkScript(parse, { registry: new ModuleRegistry(fixtureModules), compileRegex: compilePosixEre });
}

function header(text: string, key: string): string[] {
  return [...text.matchAll(new RegExp(`^# ${key}: (.+)$`, 'gm'))].map((m) => m[1]!.trim());
}

/** The line of the first error `kamailio -c` reports, or undefined if it accepts the script. */
function kamailioErrorLine(path: string): number | undefined {
  try {
    execFileSync('kamailio', ['-c', '-f', path], { stdio: 'pipe', timeout: 20_000 });
    return undefined;
  } catch (err) {
    const output = String((err as { stderr?: Buffer }).stderr ?? '');
    const match = /(?:parse error in config file [^,]+, (?:from )?line (\d+))|(?:error at .*?line (\d+))/.exec(output);
    return match ? Number(match[1] ?? match[2]) : undefined;
  }
}

describe('broken scripts', () => {
  it('has at least 40 of them', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s', (file) => {
    const path = join(dir, file);
    const expected = header(readFileSync(path, 'utf8'), 'expect').sort();
    expect(expected.length).toBeGreaterThan(0);
    const checked = check(path);
    const actual = checked.diagnostics
      .map((d) => {
        const p = checked.parse.sources.get(d.span.file).position(d.span.start);
        return `${d.code} ${p.line}:${p.column}`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });
});

const compared = files.filter((f) => header(readFileSync(join(dir, f), 'utf8'), 'kamailio-line').length > 0);
const runKamailio = hasKamailio || process.env.CI === 'true';

(runKamailio ? describe : describe.skip)('the same errors in kamailio -c', () => {
  it('covers most of the corpus', () => {
    expect(compared.length).toBeGreaterThanOrEqual(30);
  });

  it.each(compared)('%s', (file) => {
    const path = join(dir, file);
    const line = Number(header(readFileSync(path, 'utf8'), 'kamailio-line')[0]);
    expect(kamailioErrorLine(path)).toBe(line);
    const checked = check(path);
    const first = checked.diagnostics.find((d) => d.severity === 'error')!;
    const source = checked.parse.sources.get(first.span.file);
    const from = source.position(first.span.start).line;
    const to = source.position(Math.max(first.span.start, first.span.end - 1)).line;
    expect(line).toBeGreaterThanOrEqual(from);
    expect(line).toBeLessThanOrEqual(to);
  });
});
