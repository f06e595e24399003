// The `siprc` command line. Exit codes: 0 ok, 1 the script has errors,
// 2 usage error, 70 internal error.

import { Chalk, type ChalkInstance } from 'chalk';
import { Command, CommanderError, Option } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { dumpActions } from '../compiler/dump.js';
import { dumpBytecode } from '../compiler/dump-bytecode.js';
import { DIAGNOSTIC_CODES, sortDiagnostics, type Diagnostic, type DiagnosticCode } from '../grammar/diagnostics.js';
import { writeFileSync } from 'node:fs';
import type { CheckedScript } from '../compiler/check.js';
import { compileFileWithModules, preprocessFile } from './compile.js';
import { addDbCommand } from './db.js';
import { addRpcCommand } from './rpc.js';
import { defaultScript, serve, type RunOptions } from './run.js';
import { runExec, type ExecOptions } from './exec.js';
import { preprocessedText } from './preprocess.js';
import { renderJson, renderText, summary } from './render.js';

export const EXIT = { ok: 0, scriptErrors: 1, usage: 2, internal: 70 } as const;

class UsageError extends Error {}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function colors(stream: NodeJS.WriteStream): ChalkInstance {
  const enabled = stream.isTTY === true && process.env.NO_COLOR === undefined;
  return new Chalk({ level: enabled ? 1 : 0 });
}

interface CheckOptions {
  readonly define: string[];
  readonly format: 'text' | 'json';
  readonly allow: string[];
  readonly warnings: boolean;
}

/** Which diagnostics to show: every error, and the warnings not silenced. */
function visible(diagnostics: readonly Diagnostic[], options: CheckOptions): Diagnostic[] {
  for (const code of options.allow) {
    const info = DIAGNOSTIC_CODES[code as DiagnosticCode];
    if (!info) throw new UsageError(`--allow ${code}: there is no diagnostic ${code}`);
    if (info.severity === 'error') throw new UsageError(`--allow ${code}: errors cannot be silenced, only warnings`);
  }
  const allowed = new Set(options.allow);
  return sortDiagnostics(diagnostics.filter((d) => d.severity === 'error' || (options.warnings && !allowed.has(d.code))));
}

async function runCheck(file: string, options: CheckOptions): Promise<number> {
  const checked = await compileFileWithModules(file, options.define);
  const shown = visible(checked.diagnostics, options);
  const sources = checked.parse.sources;
  if (options.format === 'json') {
    process.stdout.write(renderJson(file, shown, sources));
  } else {
    process.stdout.write(renderText(shown, sources, colors(process.stdout)));
    process.stdout.write(summary(file, shown));
  }
  return shown.some((d) => d.severity === 'error') ? EXIT.scriptErrors : EXIT.ok;
}

/** Writes a script's errors to stderr; true when there were any. */
function reportErrors(file: string, checked: CheckedScript): boolean {
  const errors = sortDiagnostics(checked.diagnostics.filter((d) => d.severity === 'error'));
  if (errors.length === 0) return false;
  process.stderr.write(renderText(errors, checked.parse.sources, colors(process.stderr)));
  process.stderr.write(summary(file, errors));
  return true;
}

async function runDump(file: string, options: { define: string[]; bytecode?: boolean }): Promise<number> {
  const checked = await compileFileWithModules(file, options.define);
  process.stdout.write(options.bytecode ? `${dumpBytecode(checked)}\n` : dumpActions(checked));
  return reportErrors(file, checked) ? EXIT.scriptErrors : EXIT.ok;
}

async function runExecCommand(file: string, options: ExecOptions & { define: string[] }): Promise<number> {
  const checked = await compileFileWithModules(file, options.define);
  if (reportErrors(file, checked)) return EXIT.scriptErrors;
  const out = await runExec(checked, options);
  process.stdout.write(out.stdout);
  process.stderr.write(out.stderr);
  return out.ok ? EXIT.ok : EXIT.scriptErrors;
}

async function runServeCommand(file: string | undefined, options: RunOptions): Promise<number> {
  const path = file ?? defaultScript();
  const checked = await compileFileWithModules(path, options.define);
  if (reportErrors(path, checked)) return EXIT.scriptErrors;
  return serve(checked, path, options);
}

interface PreprocessOptions {
  readonly define: string[];
  readonly output?: string;
  readonly sourceMap?: string;
}

function runPreprocess(file: string, options: PreprocessOptions): number {
  const result = preprocessFile(file, options.define);
  const errors = sortDiagnostics(result.diagnostics.filter((d) => d.severity === 'error'));
  if (errors.length > 0) {
    process.stderr.write(renderText(errors, result.sources, colors(process.stderr)));
    process.stderr.write(summary(file, errors));
    return EXIT.scriptErrors;
  }
  const { text, map } = preprocessedText(result.tokens, result.sources, options.output ?? 'stdout');
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
  if (options.sourceMap) writeFileSync(options.sourceMap, `${map}\n`);
  return EXIT.ok;
}

function program(setExit: (code: number) => void): Command {
  const cmd = new Command();
  cmd
    .name('siprc')
    .description('Compile, check and inspect SIP routing scripts written in the Kamailio dialect.')
    .version(pkg.version)
    .exitOverride()
    .showHelpAfterError();
  const defineOption = (): Option =>
    new Option('-A, --define <name[=value]>', 'define a preprocessor name, as `kamailio -A` does (repeatable)').argParser(collect).default([]);
  cmd
    .command('check')
    .description('check a script: every syntax and semantic error, with its position')
    .argument('<file>', 'the script (for example kamailio.cfg)')
    .addOption(defineOption())
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--allow <code>', 'do not report this warning code (repeatable)').argParser(collect).default([]))
    .option('--no-warnings', 'report errors only')
    .action(async (file: string, options: CheckOptions) => setExit(await runCheck(file, options)));
  cmd
    .command('dump-actions')
    .description('print the resolved action tree of every route, with positions')
    .argument('<file>', 'the script')
    .addOption(defineOption())
    .option('--bytecode', 'print the bytecode each route compiles to, with the position of every instruction')
    .action(async (file: string, options: { define: string[]; bytecode?: boolean }) => setExit(await runDump(file, options)));
  cmd
    .command('exec')
    .description('run the script once on a message read from a file, with no network: prints the route-flow trace, the log lines and what it would send')
    .argument('<file>', 'the script')
    .requiredOption('--message <file>', 'the SIP message to run it on')
    .option('--route <name>', 'run route[NAME] instead of the route for the message')
    .option('--source <ip:port>', 'where the message came from', '127.0.0.1:5070')
    .option('--proto <proto>', 'the transport it came over', 'udp')
    .addOption(defineOption())
    .action(async (file: string, options: ExecOptions & { define: string[] }) => setExit(await runExecCommand(file, options)));
  cmd
    .command('run')
    .description('serve SIP traffic with the script on its listen sockets until SIGTERM or SIGINT')
    .argument('[file]', 'the script (default: the bundled examples/proxy.cfg on 127.0.0.1:5060)')
    .addOption(defineOption())
    .addOption(new Option('-l, --listen <[proto:]address[:port]>', 'listen on this socket too, as `kamailio -l` (repeatable)').argParser(collect).default([]))
    .option('--drain <seconds>', 'on SIGTERM, how long pending transactions may take to finish', '5')
    .option('-E, --log-stderror', 'log to stderr, whatever log_stderror says (as kamailio -E)')
    .option('--debug <level>', "the core's log level, instead of the script's debug= (as kamailio --debug)")
    .addOption(new Option('-d', 'raise the log level by one from 0, once per -d (as kamailio -d)').argParser((_v: string, n: number) => n + 1).default(0))
    .option('--log-engine <name[:flags]>', 'write log lines as JSON documents: json[:flags] (flags M, N, c, a, U; see docs/operations.md)')
    .option('--metrics <address:port>', 'serve the statistics to Prometheus at http://ADDRESS:PORT/metrics')
    .option('--metrics-token <token>', 'the bearer token scrapes must send (required when --metrics is not a loopback address; also SIPRC_METRICS_TOKEN)')
    .action(async (file: string | undefined, options: RunOptions) => setExit(await runServeCommand(file, options)));
  cmd
    .command('preprocess')
    .description('print the script as the parser sees it: includes inlined, #!ifdef applied, defines expanded')
    .argument('<file>', 'the script')
    .addOption(defineOption())
    .option('-o, --output <file>', 'write the result to a file instead of standard output')
    .option('--source-map <file>', 'also write a source map leading each token back to where it was written')
    .action((file: string, options: PreprocessOptions) => setExit(runPreprocess(file, options)));
  addDbCommand(cmd, setExit);
  addRpcCommand(cmd, setExit);
  return cmd;
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    await program((code) => (exitCode = code)).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof UsageError) {
      process.stderr.write(`siprc: ${err.message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(`siprc: internal error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.internal;
  }
}
