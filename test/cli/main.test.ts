import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain as run } from './run-main.js';

const dir = mkdtempSync(join(tmpdir(), 'siprc-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const good = script('good.cfg', 'request_route {\n\tforce_rport();\n\tforward();\n}\n');
const bad = script('bad.cfg', 'childrn=4\nrequest_route {\n\tstrip(1, 2);\n}\nroute[UNUSED] {\n\tdrop;\n}\n');

describe('siprc check', () => {
  it('exits 0 and says ok on a valid script', async () => {
    expect(await run('check', good)).toEqual({ code: 0, stdout: `${good}: ok\n`, stderr: '' });
  });

  it('prints each diagnostic with its position, the source line and a caret, and exits 1', async () => {
    const { code, stdout } = await run('check', bad);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        `${bad}:1:1: error[E0401]: unknown core parameter \`childrn\` (did you mean \`children\`?)`,
        '1 | childrn=4',
        '  | ^^^^^^^',
        `${bad}:3:2: error[E0602]: \`strip\` takes 1 argument, 2 given`,
        '3 | \tstrip(1, 2);',
        '  | \t^^^^^^^^^^^',
        `${bad}:5:7: warning[W0202]: route[UNUSED] is never called`,
        '5 | route[UNUSED] {',
        '  |       ^^^^^^',
        `${bad}: 2 errors, 1 warning`,
        '',
      ].join('\n'),
    );
  });

  it('silences a warning with --allow, or all of them with --no-warnings', async () => {
    expect((await run('check', bad, '--allow', 'W0202')).stdout).not.toContain('W0202');
    expect((await run('check', bad, '--no-warnings')).stdout).toContain(': 2 errors\n');
  });

  it('refuses to silence an error, or an unknown code, as a usage error', async () => {
    expect(await run('check', bad, '--allow', 'E0401')).toMatchObject({ code: 2, stderr: 'siprc: --allow E0401: errors cannot be silenced, only warnings\n' });
    expect((await run('check', bad, '--allow', 'W9999')).code).toBe(2);
  });

  it('prints JSON for tools', async () => {
    const { code, stdout } = await run('check', bad, '--format', 'json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ file: bad, errors: 2, warnings: 1 });
    expect(report.diagnostics[0]).toEqual({
      code: 'E0401',
      severity: 'error',
      message: 'unknown core parameter `childrn` (did you mean `children`?)',
      file: bad,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 8,
      notes: [],
    });
  });

  it('takes -A defines like kamailio', async () => {
    const path = script('defines.cfg', '#!ifdef WITH_BAD\nnope=1\n#!endif\nrequest_route { drop; }\n');
    expect((await run('check', path)).code).toBe(0);
    expect((await run('check', path, '-A', 'WITH_BAD')).code).toBe(1);
    expect((await run('check', path, '--define', 'WITH_BAD=1')).code).toBe(1);
  });

  it('reports a script it cannot read', async () => {
    const { code, stdout } = await run('check', join(dir, 'missing.cfg'));
    expect(code).toBe(1);
    expect(stdout).toContain('error[E0105]: cannot read the script');
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('check')).code).toBe(2);
    expect((await run('check', good, '--format', 'xml')).code).toBe(2);
  });
});

describe('colour', () => {
  const tty = process.stdout.isTTY;
  afterEach(() => {
    process.stdout.isTTY = tty;
    delete process.env.NO_COLOR;
  });

  it('colours diagnostics on a terminal', async () => {
    process.stdout.isTTY = true;
    expect((await run('check', bad)).stdout).toContain('\u001b[');
  });

  it('does not colour when NO_COLOR is set', async () => {
    process.stdout.isTTY = true;
    process.env.NO_COLOR = '1';
    expect((await run('check', bad)).stdout).not.toContain('\u001b[');
  });
});

describe('siprc dump-actions', () => {
  it('prints the action tree of a valid script', async () => {
    const { code, stdout } = await run('dump-actions', good);
    expect(code).toBe(0);
    expect(stdout).toContain('force_rport() [core]');
  });

  it('prints the tree and the errors of a broken script, and exits 1', async () => {
    const { code, stdout, stderr } = await run('dump-actions', bad);
    expect(code).toBe(1);
    expect(stdout).toContain('strip(1, 2) [core]');
    expect(stderr).toContain('error[E0401]');
    expect(stderr).not.toContain('W0202');
  });

  it('prints the verified bytecode with --bytecode', async () => {
    const { code, stdout } = await run('dump-actions', '--bytecode', good);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^request:\n {2}0000 {2}\w+/);
    expect(stdout).toMatch(/CALL_CORE +force_rport 0 +@ .*:\d+:\d+/);
  });
});

describe('the installed command', () => {
  it('runs from bin/ with the bundled build and colours nothing when not on a terminal', () => {
    const result = spawnSync(process.execPath, ['bin/siprc.cjs', 'check', bad], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout).toContain('error[E0602]');
  });

  it('exits 1 when run cannot open a listen socket (a name that does not resolve, an address not local), naming why', () => {
    for (const listen of ['udp:siprc-test.invalid:5060', 'udp:192.0.2.1:5060']) {
      const path = script('unlistenable.cfg', `listen=${listen}\nrequest_route { drop; }\n`);
      const result = spawnSync(process.execPath, ['bin/siprc.cjs', 'run', path], { encoding: 'utf8', timeout: 10_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/^siprc run: cannot listen: .*(ENOTFOUND siprc-test\.invalid|EADDRNOTAVAIL 192\.0\.2\.1)/m);
    }
  });
});
