// Real database servers for tests: PostgreSQL, MariaDB and Redis, each started
// in its own temporary directory on a loopback port, stopped and restarted on
// the same data (to test a lost connection), and removed afterwards. Shared by
// the storage backend tests and the usrloc/registrar acceptance tests. A
// server whose binary is not installed is skipped, except in CI
// (process.env.CI set), where that is an error.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ServerKind = 'postgres' | 'mariadb' | 'redis';

/** The ports the storage tests use (each test file may choose others). */
export const DEFAULT_PORTS: Readonly<Record<ServerKind, number>> = { postgres: 25432, mariadb: 23306, redis: 26379 };

/** The account and database the SQL servers are set up with. */
export const DB_USER = 'siprc';
export const DB_PASSWORD = 'siprc-pw';
export const DB_NAME = 'siprc';

const isRoot = process.getuid?.() === 0;

function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(base, versions[0], 'bin');
}

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Why the server cannot be started here; undefined when it can. */
export function missing(kind: ServerKind): string | undefined {
  switch (kind) {
    case 'postgres':
      return postgresBin() === undefined ? 'PostgreSQL (Debian package postgresql) is not installed' : undefined;
    case 'mariadb':
      return onPath('mariadbd') && onPath('mariadb-install-db') ? undefined : 'MariaDB (Debian package mariadb-server) is not installed';
    case 'redis':
      return onPath('redis-server') ? undefined : 'Redis (Debian package redis-server) is not installed';
  }
}

/**
 * `describe` when the server can run here, `describe.skip` when it cannot and
 * this is not CI; in CI a missing server throws (CI must install it).
 */
export function describeWithServer(kind: ServerKind): jest.Describe {
  const why = missing(kind);
  if (why === undefined) return describe;
  if (process.env.CI) throw new Error(`${why}: CI must install it (.ci/run)`);
  return describe.skip;
}

export interface DbServer {
  readonly kind: ServerKind;
  readonly port: number;
  /** The temporary directory holding its data and socket. */
  readonly dir: string;
  /** A db_url for the test account: `postgres://siprc:siprc-pw@127.0.0.1:25432/siprc`. */
  readonly url: string;
  /** Everything the server wrote so far. */
  log(): string;
  /** Stops the server (its clients lose their connections); its data stays. */
  stop(): Promise<void>;
  /** Starts it again on the same data and port; resolves once it answers. */
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  destroy(): Promise<void>;
}

interface Recipe {
  /** Prepares the data directory, once. */
  init(dir: string): void;
  /** The server's command line. */
  command(dir: string, port: number): readonly string[];
  /** The account it runs as, when not the current one. */
  account?(): { uid: number; gid: number } | undefined;
  /** Whether it answers queries yet (after its port opened); the port alone when left out. */
  ready?(dir: string, port: number): boolean;
  /** Run once, the first time the server answers (creating the test account). */
  setup?(dir: string, port: number): void;
  url(port: number): string;
  /** The signal that stops it at once, closing its clients' connections. */
  stopSignal: NodeJS.Signals;
}

/**
 * The account PostgreSQL runs as: the postgres account when root (PostgreSQL
 * refuses to run as root), else the current one. The process is spawned as
 * that account directly (not through runuser, which keeps the signals that
 * stop the server from reaching it).
 */
function postgresAccount(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Runs a set-up command, throwing with its output when it fails. */
function run(argv: readonly string[], input?: string, account?: { uid: number; gid: number }): void {
  const result = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', input, timeout: 120_000, ...account });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}${result.error ?? ''}`);
}

const RECIPES: Record<ServerKind, Recipe> = {
  postgres: {
    init(dir) {
      const bin = postgresBin()!;
      const account = postgresAccount();
      if (account) run(['chown', `${account.uid}:${account.gid}`, dir]);
      const pwfile = join(dir, 'pw');
      writeFileSync(pwfile, `${DB_PASSWORD}\n`);
      chmodSync(pwfile, 0o644);
      run([join(bin, 'initdb'), '-D', join(dir, 'data'), '-U', DB_USER, `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], undefined, account);
    },
    command: (dir, port) => [join(postgresBin()!, 'postgres'), '-D', join(dir, 'data'), '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-F'],
    account: postgresAccount,
    // The port opens before recovery ends; connections are refused until then.
    ready: (_dir, port) => spawnSync(join(postgresBin()!, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]).status === 0,
    setup: (dir, port) => run([join(postgresBin()!, 'psql'), '-h', dir, '-p', String(port), '-U', DB_USER, '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${DB_NAME}`]),
    url: (port) => `postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${port}/${DB_NAME}`,
    stopSignal: 'SIGINT', // fast shutdown: SIGTERM waits for the clients to leave
  },
  mariadb: {
    init: (dir) =>
      run(['mariadb-install-db', '--no-defaults', `--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...(isRoot ? ['--user=root'] : [])]),
    command: (dir, port) => [
      'mariadbd', '--no-defaults', `--datadir=${join(dir, 'data')}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${join(dir, 'sock')}`,
      `--pid-file=${join(dir, 'pid')}`, '--skip-log-bin', '--innodb-buffer-pool-size=16M', '--innodb-flush-log-at-trx-commit=2', ...(isRoot ? ['--user=root'] : []),
    ],
    setup: (dir) =>
      run(['mariadb', '--no-defaults', `--socket=${join(dir, 'sock')}`, '-u', 'root'],
        `CREATE DATABASE ${DB_NAME}; CREATE USER '${DB_USER}'@'%' IDENTIFIED BY '${DB_PASSWORD}'; GRANT ALL ON *.* TO '${DB_USER}'@'%' WITH GRANT OPTION;`),
    url: (port) => `mysql://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${port}/${DB_NAME}`,
    stopSignal: 'SIGTERM',
  },
  redis: {
    init: () => undefined,
    // No snapshots; the append-only file keeps the data across a restart, as a production Redis would.
    command: (dir, port) => ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir, '--unixsocket', ''],
    url: (port) => `redis://127.0.0.1:${port}/0`,
    stopSignal: 'SIGTERM',
  },
};

/** Resolves once something accepts TCP connections on the port (or rejects after `ms`). */
async function waitForPort(port: number, child: ChildProcess, log: () => string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}):\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`the server did not open port ${port} within ${ms} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts a fresh server of that kind on the port; it is set up with the test account and an empty database. */
export async function startServer(kind: ServerKind, port = DEFAULT_PORTS[kind]): Promise<DbServer> {
  const why = missing(kind);
  if (why !== undefined) throw new Error(why);
  const recipe = RECIPES[kind];
  const dir = mkdtempSync(join(tmpdir(), `siprc-${kind}-`));
  recipe.init(dir);
  let output = '';
  let child: ChildProcess | undefined;

  const server: DbServer = {
    kind,
    port,
    dir,
    url: recipe.url(port),
    log: () => output,
    async start() {
      if (child) throw new Error(`${kind} is already running`);
      const argv = recipe.command(dir, port);
      const started = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], ...recipe.account?.() });
      child = started;
      started.stdout!.on('data', (c: Buffer) => void (output += c.toString()));
      started.stderr!.on('data', (c: Buffer) => void (output += c.toString()));
      await waitForPort(port, started, () => output);
      for (const deadline = Date.now() + 60_000; recipe.ready && !recipe.ready(dir, port); ) {
        if (Date.now() > deadline || started.exitCode !== null) throw new Error(`${kind} did not become ready:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        running.once('exit', () => resolve());
        running.kill(recipe.stopSignal);
      });
    },
    async destroy() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
    recipe.setup?.(dir, port);
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}
