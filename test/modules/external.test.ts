// Modules users write (loadmodule "x.mjs" / "siprc-mod-x"): the example module
// examples/modules/hello.mjs loaded from a script, checked, dumped and run like
// a built-in one, and every refusal at the loadmodule line (missing file or
// package, syntax error, no module export, incomplete module, another API
// version). The expected values are what the hello module does by design:
// Kamailio loads C modules only, so there is nothing of it to record.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CheckedScript } from '../../compiler/check.js';
import { dumpActions } from '../../compiler/dump.js';
import { compileFileWithModules } from '../../cli/compile.js';
import { runExec, type ExecOutput } from '../../cli/exec.js';
import { settledNow } from '../helpers.js';
import { MODULE_API_VERSION } from '../../modules/api.js';

const HELLO = resolve('examples/modules/hello.mjs');
const OPTIONS = resolve('examples/messages/options.sip');
const dir = mkdtempSync(join(tmpdir(), 'siprc-user-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let scripts = 0;

/** Writes the files (paths relative to a fresh folder) and a script there, and compiles it with its modules. */
async function compile(script: string, files: Record<string, string> = {}): Promise<{ checked: CheckedScript; folder: string }> {
  const folder = join(dir, `case-${++scripts}`);
  for (const [path, text] of Object.entries({ ...files, 'test.cfg': script })) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return { checked: await compileFileWithModules(join(folder, 'test.cfg'), []), folder };
}

/** Each diagnostic as `CODE@line:column message`. */
function found(checked: CheckedScript): string[] {
  return checked.diagnostics.map((d) => `${d.code}@${checked.parse.sources.describe(d.span).replace(/^.*?:(\d+:\d+)$/, '$1')} ${d.message}`);
}

function exec(checked: CheckedScript): ExecOutput {
  return settledNow(runExec(checked, { message: OPTIONS, source: '127.0.0.1:5070', proto: 'udp' }));
}

describe('the example module, examples/modules/hello.mjs', () => {
  it('loads from examples/modules/hello.cfg, which checks clean and runs: two greetings (max_times), logged and added as headers', async () => {
    const checked = await compileFileWithModules('examples/modules/hello.cfg', []);
    expect(found(checked)).toEqual([]);
    const out = exec(checked);
    expect(out.ok).toBe(true);
    const [trace, sent] = out.stdout.split('send|udp|127.0.0.1:5090\n');
    expect(trace).toBe(
      'start|DEFAULT_ROUTE\nreturn|DEFAULT_ROUTE\nlog|2|hello: Welcome, visitor of example.test (2x)\nlog|2|greeted twice\n',
    );
    expect(sent).toMatch(/\r\nContent-Length: 0\r\nX-Hello: Welcome, visitor of example.test\r\nX-Hello: Welcome, visitor of example.test\r\n\r\n/);
  });

  it('keeps its statistic and this message\'s state for $hello(...), and returns its count as the return code', async () => {
    const { checked } = await compile(
      `debug=2\nloadmodule "${HELLO}"\nrequest_route {\n\thello("a", 1);\n\tif ($rc == 1) log(2, "rc 1\\n");\n\thello("b", 2);\n` +
        '\tif ($hello(total) == 3 && $hello(count) == 3 && $hello(last) == "b") log(2, "three greetings, last b\\n");\n' +
        '\tif (!hello("c", 0)) log(2, "no greeting for 0\\n");\n\tdrop;\n}\n',
    );
    expect(found(checked)).toEqual([]);
    expect(exec(checked).stdout).toBe(
      'start|DEFAULT_ROUTE\ndrop|DEFAULT_ROUTE\nlog|2|hello: Hello, a (1x)\nlog|2|rc 1\nlog|2|hello: Hello, b (2x)\nlog|2|three greetings, last b\nlog|2|no greeting for 0\n',
    );
  });

  it('is checked like a built-in module: parameters, arity, route types and its pseudo-variable names', async () => {
    const { checked } = await compile(
      `loadmodule "${HELLO}"\nmodparam("hello", "greting", "Hi")\nmodparam("hello", "max_times", 50)\n` +
        'request_route {\n\thello("x");\n\tif ($hello(nope) == 1) drop;\n}\nonreply_route {\n\thello("x", 1);\n}\n',
    );
    expect(found(checked)).toEqual([
      'E0504@2:19 module `hello` has no parameter `greting` (did you mean `greeting`?)',
      'E0505@3:32 parameter `max_times` of module `hello` must be from 1 to 10, not 50',
      'E0602@5:2 `hello` takes 2 arguments, 1 given',
      'E0706@6:6 `$hello`: unknown name "nope": use count, last, total',
      'E0603@9:2 `hello` cannot be used in reply_route; it is allowed in request_route, failure_route, branch_route',
    ]);
  });

  it('shows in dump-actions as the module providing the command', async () => {
    const checked = await compileFileWithModules('examples/modules/hello.cfg', []);
    expect(dumpActions(checked)).toMatch(/modules\n {2}hello +@ examples\/modules\/hello\.cfg:15:12\n/);
    expect(dumpActions(checked)).toContain('if (!hello("visitor of $def(SITE)", 3) [hello])');
  });

  it('refuses to start when its init says so', async () => {
    const { checked } = await compile(`loadmodule "${HELLO}"\nmodparam("hello", "greeting", "")\nrequest_route {\n\tdrop;\n}\n`);
    expect(found(checked)).toEqual([]);
    expect(exec(checked)).toEqual({ ok: false, stdout: '', stderr: 'module hello cannot start: the greeting parameter is empty\n' });
  });
});

describe('where a module is found', () => {
  const plain = (name: string): string =>
    `export const module = { apiVersion: ${MODULE_API_VERSION}, name: '${name}', commands: [{ name: '${name}_ok', args: [], routes: ['request'], run: (ctx) => { ctx.log(0, '${name} ran\\n'); return 1; } }] };\n`;

  it('finds a file relative to the mpath folders, and takes a plain object exported as `module`', async () => {
    const { checked } = await compile('mpath="lib/a:lib/b"\nloadmodule "plain.mjs"\nrequest_route {\n\tplain_ok();\n\tdrop;\n}\n', {
      'lib/b/plain.mjs': plain('plain'),
    });
    expect(found(checked)).toEqual([]);
    expect(exec(checked).stdout).toBe('start|DEFAULT_ROUTE\ndrop|DEFAULT_ROUTE\nlog|0|plain ran\n');
  });

  it('finds an npm package siprc-mod-* in the node_modules of the script\'s folder', async () => {
    const { checked } = await compile('loadmodule "siprc-mod-greet"\nrequest_route {\n\tgreet_ok();\n\tdrop;\n}\n', {
      'node_modules/siprc-mod-greet/package.json': '{ "name": "siprc-mod-greet", "main": "index.mjs" }\n',
      'node_modules/siprc-mod-greet/index.mjs': plain('greet'),
    });
    expect(found(checked)).toEqual([]);
    expect(exec(checked).stdout).toBe('start|DEFAULT_ROUTE\ndrop|DEFAULT_ROUTE\nlog|0|greet ran\n');
  });
});

describe('modules refused at the loadmodule line', () => {
  const refusal = async (loadmodule: string, files: Record<string, string> = {}): Promise<string[]> => {
    const { checked, folder } = await compile(`${loadmodule}\nrequest_route {\n\tdrop;\n}\n`, files);
    return found(checked).map((f) => f.replaceAll(folder, '<dir>').replaceAll(process.cwd(), '<cwd>'));
  };

  it('a file that cannot be found', async () => {
    expect(await refusal('mpath="mods"\nloadmodule "absent.mjs"')).toEqual(['E0507@2:12 cannot find `absent.mjs` (looked in <dir>, <dir>/mods)']);
    expect(await refusal('loadmodule "/nonexistent/absent.js"')).toEqual(['E0507@1:12 cannot find `/nonexistent/absent.js`']);
  });

  it('an npm package that is not installed', async () => {
    expect(await refusal('loadmodule "siprc-mod-absent"')).toEqual([
      'E0507@1:12 cannot find package `siprc-mod-absent` in node_modules (looked from <dir> and <cwd>; install it with npm)',
    ]);
  });

  it('a file with a syntax error, with its line and the reason', async () => {
    expect(await refusal('loadmodule "broken.mjs"', { 'broken.mjs': 'export default {\n  name: "broken",,\n};\n' })).toEqual([
      "E0507@1:12 cannot load `broken.mjs`: it has a syntax error at line 2: Unexpected token ','",
    ]);
  });

  it('a file that fails while it loads, with the error', async () => {
    expect(await refusal('loadmodule "throws.mjs"', { 'throws.mjs': "throw new Error('no database');\n" })).toEqual([
      'E0507@1:12 cannot load `throws.mjs`: no database',
    ]);
    expect(await refusal('loadmodule "parses.mjs"', { 'parses.mjs': "JSON.parse('{');\n" })).toEqual([
      expect.stringMatching(/^E0507@1:12 cannot load `parses.mjs`: SyntaxError: .*JSON/),
    ]);
  });

  it('a file that exports no module', async () => {
    expect(await refusal('loadmodule "nothing.mjs"', { 'nothing.mjs': 'export const answer = 42;\n' })).toEqual([
      "E0507@1:12 `nothing.mjs` does not export a module: it needs a default export (or an export named `module`) made with defineModule from 'siprc/api'",
    ]);
  });

  it('a module written for another API version (the MODULE_VERSION check)', async () => {
    const future = `export default { apiVersion: ${MODULE_API_VERSION + 1}, name: 'future' };\n`;
    expect(await refusal('loadmodule "future.mjs"', { 'future.mjs': future })).toEqual([
      `E0508@1:12 \`future.mjs\` was written for module API version ${MODULE_API_VERSION + 1}, and this siprc provides version ${MODULE_API_VERSION}`,
    ]);
  });

  it('a module with an incomplete declaration', async () => {
    const incomplete = `export default { apiVersion: ${MODULE_API_VERSION}, name: 'noop', commands: [{ name: 'noop', args: [{ name: 'n', type: 'number' }], routes: ['request'], run: () => 1 }] };\n`;
    expect(await refusal('loadmodule "noop.mjs"', { 'noop.mjs': incomplete })).toEqual([
      "E0507@1:12 `noop.mjs` does not export a valid module: `commands[0]` (noop) argument 1 has type \"number\", not one of 'int', 'intpv', 'str', 'spve', 'format', 'pvar', 'pvar-writable', 'regex', 'route', 'flag'",
    ]);
  });
});

describe('the installed command', () => {
  it('loads the module from the bundled build: siprc check and siprc exec', () => {
    const check = spawnSync(process.execPath, ['bin/siprc.cjs', 'check', 'examples/modules/hello.cfg'], { encoding: 'utf8' });
    expect({ status: check.status, stdout: check.stdout }).toEqual({ status: 0, stdout: 'examples/modules/hello.cfg: ok\n' });
    const exec = spawnSync(process.execPath, ['bin/siprc.cjs', 'exec', 'examples/modules/hello.cfg', '--message', OPTIONS], { encoding: 'utf8' });
    expect(exec.status).toBe(0);
    expect(exec.stdout).toContain('log|2|hello: Welcome, visitor of example.test (2x)\n');
  });
});
