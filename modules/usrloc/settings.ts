// usrloc's parameters as the code uses them, checked once at start: the
// storage mode, matching, ordering and timer settings, and a refusal, with
// the reason, for the parameters siprc does not implement (keepalives,
// contact attributes, TCP connection tracking) when a script sets them.

import type { ParamValues } from '../api.js';
import { columnsOf, type Columns } from './rows.js';

export const DB_NONE = 0;
export const DB_WRITE_THROUGH = 1;
export const DB_WRITE_BACK = 2;
export const DB_ONLY = 3;
export const DB_LOAD_ONLY = 4;

export interface Settings {
  readonly dbUrl: string;
  readonly dbMode: number;
  readonly dbLoad: boolean;
  readonly useDomain: boolean;
  readonly timeOrder: boolean;
  /** Seconds between timer runs. */
  readonly timerInterval: number;
  readonly matchingMode: number;
  readonly cseqDelay: number;
  /** The branch flag marking a contact behind NAT (-1: none). */
  readonly natBflag: number;
  readonly opsByRuid: boolean;
  readonly insertUpdate: boolean;
  readonly updateAsInsert: boolean;
  readonly checkUpdate: boolean;
  readonly timerClean: boolean;
  readonly rmExpiredDelay: number;
  readonly versionTable: boolean;
  readonly preload: readonly string[];
  readonly columns: Columns;
}

const int = (p: ParamValues, name: string): number => p.get(name) as number;

/** Parameters siprc has no implementation for: any value but the default is refused. */
const UNSUPPORTED: ReadonlyArray<readonly [string, number | string, string]> = [
  ['ka_mode', 0, 'keepalives to contacts are not implemented'],
  ['handle_lost_tcp', 0, 'removing contacts of closed TCP connections is not implemented'],
  ['close_expired_tcp', 0, 'closing TCP connections of expired contacts is not implemented'],
  ['xavp_contact', '', 'contact attributes (location_attrs) are not implemented'],
  ['expires_type', 0, 'BIGINT expires columns are not implemented (DATETIME only)'],
  ['server_id_filter', 0, 'filtering records by server_id is not implemented'],
  ['db_clean_tcp', 0, 'cleaning TCP contacts at start is not implemented'],
  ['skip_remote_socket', 0, 'skipping records whose socket is not one of ours at load is not implemented'],
];

/** The settings, or why usrloc cannot start with these parameters. */
export function settingsOf(p: ParamValues): Settings | string {
  for (const [name, def, why] of UNSUPPORTED) if (p.get(name) !== def) return `${name}: ${why} in siprc`;
  const dbUrl = (p.get('db_url') as string).trim();
  const dbMode = int(p, 'db_mode');
  if (dbMode !== DB_NONE && dbUrl === '') return `db_mode ${dbMode} needs a db_url`;
  const matchingMode = int(p, 'matching_mode');
  const preload = p.get('preload') as ReadonlyArray<string | number>;
  return {
    dbUrl,
    dbMode,
    dbLoad: int(p, 'db_load') !== 0,
    useDomain: int(p, 'use_domain') !== 0,
    timeOrder: int(p, 'desc_time_order') !== 0,
    timerInterval: int(p, 'timer_interval'),
    matchingMode,
    cseqDelay: int(p, 'cseq_delay'),
    natBflag: int(p, 'nat_bflag'),
    opsByRuid: int(p, 'db_ops_ruid') !== 0,
    insertUpdate: int(p, 'db_insert_update') !== 0,
    updateAsInsert: int(p, 'db_update_as_insert') !== 0,
    checkUpdate: int(p, 'db_check_update') !== 0,
    timerClean: int(p, 'db_timer_clean') !== 0,
    rmExpiredDelay: int(p, 'rm_expired_delay'),
    versionTable: int(p, 'version_table') !== 0,
    preload: preload.map(String),
    columns: columnsOf(p),
  };
}
