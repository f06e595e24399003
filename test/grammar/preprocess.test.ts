import { preprocess } from '../../grammar/preprocess/preprocessor.js';
import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import { memoryLoader } from '../helpers.js';

function run(text: string, options: { files?: Record<string, string>; defines?: string[]; env?: Record<string, string> } = {}) {
  const result = preprocess('main.cfg', {
    loader: memoryLoader({ 'main.cfg': text, ...options.files }),
    defines: options.defines ?? [],
    env: options.env ?? {},
    compileRegex: compilePosixEre,
  });
  const where = (i: number): string => {
    const t = result.tokens[i]!;
    const file = result.sources.get(t.span.file);
    const p = file.position(t.span.start);
    return `${file.path}:${p.line}:${p.column}`;
  };
  return {
    images: result.tokens.map((t) => (t.tokenType.name === 'StringLiteral' ? JSON.stringify(t.value) : t.image)),
    codes: result.diagnostics.map((d) => `${d.code}@${result.sources.describe(d.span)}`),
    where,
    result,
  };
}

describe('preprocessor', () => {
  it('expands defines outside strings only, and a quoted value is a string token', () => {
    const { images } = run('#!define PORT 5060\n#!define URL "sip:PORT"\nx = PORT, "PORT", URL');
    expect(images).toEqual(['x', '=', '5060', ',', '"PORT"', ',', '"sip:PORT"']);
  });

  it('leaves names inside pseudo-variables alone', () => {
    expect(run('#!define x 1\n$var(x) = x;').images).toEqual(['$var(x)', '=', '1', ';']);
  });

  it('expands defines within define values, and a define without value to nothing', () => {
    expect(run('#!define A B + 1\n#!define B 2\n#!define EMPTY\nv = A EMPTY;').images).toEqual(['v', '=', '2', '+', '1', ';']);
  });

  it('reports a define that refers to itself', () => {
    expect(run('#!define A A\nx = A;').codes).toEqual(['E0109@main.cfg:2:5']);
  });

  it('supports #!trydef, #!redefine and #!undef', () => {
    const { images, codes } = run('#!define A 1\n#!trydef A 2\n#!trydef B 3\n#!redefine A 4\n#!undef B\nx = A B;');
    expect(codes).toEqual([]);
    expect(images).toEqual(['x', '=', '4', 'B', ';']);
  });

  it('reports a second #!define of the same name', () => {
    expect(run('#!define A 1\n#!define A 2\n').codes).toEqual(['E0104@main.cfg:2:10']);
  });

  it('rejects a dash in a define name, as Kamailio does', () => {
    expect(run('#!define MY-NAME 1\n').codes).toEqual(['E0103@main.cfg:1:10']);
  });

  it('evaluates nested #!ifdef / #!ifndef / #!else', () => {
    const text = '#!define A\n#!ifdef A\n a\n #!ifndef B\n  b\n #!else\n  c\n #!endif\n#!else\n d\n#!endif\n';
    expect(run(text).images).toEqual(['a', 'b']);
    expect(run(text, { defines: ['B'] }).images).toEqual(['a', 'c']);
  });

  it('skips false regions without scanning them (quotes there do not matter)', () => {
    expect(run("#!ifdef NO\n it's \"open\n#!endif\nok").images).toEqual(['ok']);
  });

  it.each([
    ['#!ifdef A\nx', ['E0101@main.cfg:1:1']],
    ['x\n#!endif\n', ['E0102@main.cfg:2:1']],
    ['#!else\n', ['E0102@main.cfg:1:1']],
    ['#!ifdef A\n#!else\n#!else\n#!endif\n', ['E0110@main.cfg:3:1']],
    ['#!ifdef A junk\n#!endif\n', ['E0103@main.cfg:1:11']],
    ['#!ifdef\n#!endif\n', ['E0103@main.cfg:1:8']],
  ])('reports unbalanced or malformed conditionals: %j', (text, codes) => {
    expect(run(text).codes).toEqual(codes);
  });

  it('takes -A NAME and -A NAME=VALUE', () => {
    expect(run('#!ifdef WITH_X\nx = V;\n#!endif', { defines: ['WITH_X', 'V="v"'] }).images).toEqual(['x', '=', '"v"', ';']);
  });

  it('accepts the !! spelling and the dialect markers', () => {
    const { result, images } = run('#!KAMAILIO\n!!define A 1\nx = A;');
    expect(images).toEqual(['x', '=', '1', ';']);
    expect(result.dialect).toBe('KAMAILIO');
  });

  it('applies #!subst to strings and pseudo-variables, and #!substdef defines the name too', () => {
    const { images, codes } = run('#!subst "/Hello/Hi/g"\n#!substdef "!GW!10.0.0.1!g"\nr = "Hello GW" + $var(Hello) + GW;');
    expect(codes).toEqual([]);
    expect(images).toEqual(['r', '=', '"Hi 10.0.0.1"', '+', '$var(Hi)', '+', '10.0.0.1', ';']);
  });

  it('quotes the value of #!substdefs', () => {
    expect(run('#!substdefs "/NAME/a b/"\nx = NAME;').images).toEqual(['x', '=', '"a b"', ';']);
  });

  it('reports a bad #!subst rule', () => {
    expect(run('#!subst "/a(/b/"\n').codes).toEqual(['E0107@main.cfg:1:9']);
    expect(run('#!subst "/a/b"\n').codes).toEqual(['E0107@main.cfg:1:9']);
  });

  it('defines from the environment with #!defenv and #!trydefenv', () => {
    const { images, codes } = run('#!defenv HOME\n#!defenvs SH=SHELL\n#!trydefenv NOPE\nx = HOME SH;', { env: { HOME: '/root', SHELL: '/bin/sh' } });
    expect(codes).toEqual([]);
    expect(images).toEqual(['x', '=', '/', 'root', '"/bin/sh"', ';']);
    expect(run('#!defenv MISSING\n').codes).toEqual(['E0108@main.cfg:1:10']);
  });

  it('includes files relative to the working directory, then to the including file', () => {
    const files = { 'conf/main.cfg': 'a\ninclude_file "part.cfg"\nc\n', 'conf/part.cfg': 'b\n' };
    const result = preprocess('conf/main.cfg', { loader: memoryLoader(files), compileRegex: compilePosixEre });
    expect(result.tokens.map((t) => t.image)).toEqual(['a', 'b', 'c']);
    const b = result.tokens[1]!;
    expect(result.sources.describe(b.span)).toBe('conf/part.cfg:1:1');
  });

  it('reports a missing include but not a missing import', () => {
    expect(run('include_file "nope.cfg"\n').codes).toEqual(['E0105@main.cfg:1:14']);
    expect(run('import_file "nope.cfg"\nx').images).toEqual(['x']);
    expect(run('include_file nope.cfg\n').codes).toEqual(['E0105@main.cfg:1:14']);
  });

  it('reports a file that includes itself', () => {
    expect(run('include_file "main.cfg"\n').codes).toEqual(['E0106@main.cfg:1:1']);
  });

  it('keeps the position of the name where a define was used', () => {
    const { where, result } = run('#!define V "value"\n\n   x = V;');
    expect(where(2)).toBe('main.cfg:3:8');
    expect(result.sources.describe(result.tokens[2]!.definedAt!)).toBe('main.cfg:1:12');
  });

  it('joins a define string with an adjacent literal, as Kamailio re-reads the value', () => {
    expect(run('#!define A "x"\ny = A "z";').images).toEqual(['y', '=', '"xz"', ';']);
  });

  it('defines MOD_name for each loaded module, and the dialect version names', () => {
    const { images } = run('loadmodule "tm.so"\n#!ifdef MOD_tm\nyes_tm\n#!endif\n#!ifdef KAMAILIO_5_6\nfive_six\n#!endif\n#!ifdef SIPRC\nsiprc\n#!endif');
    expect(images).toEqual(['loadmodule', '"tm.so"', 'yes_tm', 'five_six', 'siprc']);
  });

  it('remembers defines in false regions, to explain a later undefined name', () => {
    const { result } = run('#!ifdef WITH_MYSQL\n#!define DBURL "mysql://"\n#!endif\n');
    expect(result.defines.skipped.get('DBURL')?.condition).toBe('#!ifdef WITH_MYSQL');
  });
});
