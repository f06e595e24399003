// auth_db's settings from its parameters: the storage URL, the subscriber
// table's column names, how HA1 is found, and the load_credentials list
// (`$avp(i:123)=rpid;email_address`: columns copied into AVPs).

import type { ParamValues } from '../api.js';
import { avpParamName } from '../kit/avp-param.js';

/** The storage auth_db reads when no db_url is set: the SQLite file `siprc db` manages by default. */
export const DEFAULT_DB_URL = 'sqlite:///var/lib/siprc/siprc.db';

/** The version of Kamailio 5.6's subscriber table. */
export const SUBSCRIBER_VERSION = 7;

export interface Credential {
  /** The AVP's name (`$avp(s:x)`, `$avp(i:12)` and `$avp(x)` name `x`, `12` and `x`). */
  readonly avp: string;
  readonly column: string;
}

export interface AuthDbSettings {
  readonly dbUrl: string;
  readonly userColumn: string;
  readonly domainColumn: string;
  readonly passwordColumn: string;
  readonly passwordColumn2: string;
  readonly calculateHa1: boolean;
  readonly useDomain: boolean;
  readonly credentials: readonly Credential[];
  readonly versionTable: boolean;
  readonly forceGenerateAvps: boolean;
}

const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses load_credentials; throws an Error saying which part is wrong. */
export function parseCredentials(text: string): Credential[] {
  const out: Credential[] = [];
  for (const raw of text.split(';')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    const column = (eq < 0 ? part : part.slice(eq + 1)).trim();
    if (!COLUMN.test(column)) throw new Error(`load_credentials: "${column}" in "${part}" is not a column name`);
    if (eq < 0) {
      out.push({ avp: column, column });
      continue;
    }
    const avp = avpParamName(part.slice(0, eq));
    if (avp === undefined) throw new Error(`load_credentials: "${part.slice(0, eq).trim()}" in "${part}" is not $avp(name), $avp(s:name) or $avp(i:number)`);
    out.push({ avp, column });
  }
  return out;
}

const str = (p: ParamValues, name: string): string => String(p.get(name) ?? '').trim();
const flag = (p: ParamValues, name: string): boolean => (p.get(name) as number) !== 0;

/** The settings; throws an Error naming the parameter whose value is wrong. */
export function settingsOf(p: ParamValues): AuthDbSettings {
  const columns = Object.fromEntries(['user_column', 'domain_column', 'password_column', 'password_column_2'].map((name) => [name, str(p, name)]));
  for (const [name, value] of Object.entries(columns)) if (!COLUMN.test(value)) throw new Error(`${name}: "${value}" is not a column name`);
  return {
    dbUrl: str(p, 'db_url') || DEFAULT_DB_URL,
    userColumn: columns['user_column']!,
    domainColumn: columns['domain_column']!,
    passwordColumn: columns['password_column']!,
    passwordColumn2: columns['password_column_2']!,
    calculateHa1: flag(p, 'calculate_ha1'),
    useDomain: flag(p, 'use_domain'),
    credentials: parseCredentials(str(p, 'load_credentials')),
    versionTable: flag(p, 'version_table'),
    forceGenerateAvps: flag(p, 'force_generate_avps'),
  };
}
