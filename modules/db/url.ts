// Parses a db_url as Kamailio's modules take it:
// `scheme://[user[:password]@]host[:port]/database`, for the schemes siprc
// has backends for: `mysql`, `postgres` (and `postgresql`), `redis`
// (`redis://[user@]host:port/N`, N a database number) and `sqlite`
// (`sqlite:///path/to/file.db`: no host, the path after it). The text is
// taken literally (no percent-decoding), as Kamailio does. A bad URL throws a
// DbUrlError saying what is wrong with it.

import type { DbUrl } from './api.js';

/** The schemes siprc reads, each with the module that serves it. */
export const SCHEME_MODULES: Readonly<Record<string, string>> = {
  sqlite: 'db_sqlite',
  mysql: 'db_mysql',
  postgres: 'db_postgres',
  postgresql: 'db_postgres',
  redis: 'db_redis',
};

export class DbUrlError extends Error {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(`bad db_url "${redact(url)}": ${reason}`);
    this.name = 'DbUrlError';
  }
}

/** The URL with the password of its `user:password@` part replaced by `***`. */
export function redact(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)(.*)$/s.exec(url);
  if (!m) return url;
  const rest = m[2]!;
  const at = rest.lastIndexOf('@');
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return url;
  return `${m[1]}${rest.slice(0, colon + 1)}***${rest.slice(at)}`;
}

export function parseDbUrl(text: string): DbUrl {
  const bad = (reason: string): never => {
    throw new DbUrlError(text, reason);
  };
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/s.exec(text.trim());
  if (!m) return bad('expected scheme://..., as in sqlite:///var/lib/siprc/siprc.db or mysql://user:password@host/database');
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (!(scheme in SCHEME_MODULES)) return bad(`unknown scheme "${scheme}" (siprc knows ${Object.keys(SCHEME_MODULES).join(', ')})`);
  if (scheme === 'sqlite') return sqliteUrl(text, rest, bad);

  // The credentials end at the last '@' (a password may hold '@'); the host at the next '/'.
  const at = rest.lastIndexOf('@');
  const credentials = at >= 0 ? rest.slice(0, at) : undefined;
  const afterAt = at >= 0 ? rest.slice(at + 1) : rest;
  const slash = afterAt.indexOf('/');
  if (slash < 0) return bad('no database: expected .../database after the host');
  const hostPort = afterAt.slice(0, slash);
  const database = afterAt.slice(slash + 1);
  const { host, port } = hostAndPort(scheme, hostPort, bad);
  if (database === '') return bad('the database name after the host is empty');

  let user: string | undefined;
  let password: string | undefined;
  if (credentials !== undefined) {
    const colon = credentials.indexOf(':');
    user = colon >= 0 ? credentials.slice(0, colon) : credentials;
    password = colon >= 0 ? credentials.slice(colon + 1) : undefined;
    if (user === '' && password === undefined) return bad('empty user before "@"');
  }

  if (scheme === 'redis' && !/^\d+$/.test(database)) return bad(`the database of a redis URL is a number (redis://host:port/N), not "${database}"`);
  const url: DbUrl = {
    scheme,
    ...(user !== undefined && user !== '' ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    host,
    ...(port !== undefined ? { port } : {}),
    database,
    redacted: redact(text.trim()),
  };
  return url;
}

function hostAndPort(scheme: string, text: string, bad: (reason: string) => never): { host: string; port?: number } {
  if (text.includes(',')) return bad(`several hosts (a ${scheme} cluster) are not supported`);
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return bad(`unclosed "[" in the host "${text}"`);
    host = text.slice(1, close);
    if (!host.includes(':')) return bad(`"[${host}]" is a my.cnf group, which siprc does not read: name the host`);
    const after = text.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return bad(`unexpected "${after}" after the IPv6 address`);
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = text.lastIndexOf(':');
    host = colon >= 0 ? text.slice(0, colon) : text;
    portText = colon >= 0 ? text.slice(colon + 1) : undefined;
  }
  if (host === '') return bad('no host');
  if (portText === undefined) return { host };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) return bad(`bad port "${portText}" (1..65535)`);
  return { host, port: Number(portText) };
}

/**
 * `sqlite:///abs/path.db` names /abs/path.db. Kamailio, whose daemon runs in
 * `/`, reads `sqlite:////abs/path.db` as the same file; so does siprc. A
 * relative path (`sqlite://file.db`) would depend on the working directory
 * and is refused.
 */
function sqliteUrl(text: string, rest: string, bad: (reason: string) => never): DbUrl {
  if (!rest.startsWith('/')) return bad('an SQLite URL names an absolute path: sqlite:///path/to/file.db');
  const path = `/${rest.replace(/^\/+/, '')}`;
  if (path === '/' || path.endsWith('/')) return bad('no file after sqlite:///');
  return { scheme: 'sqlite', database: path, redacted: text.trim() };
}
